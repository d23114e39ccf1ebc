import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: "Portcullis", description: "Identity and access management" };

// Every page carries the per-request CSP nonce the server puts in the request (scripts/server), so
// none may be prerendered: a prerendered page (the 404 page was one) has scripts without the nonce,
// and the browser refuses to run them.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
