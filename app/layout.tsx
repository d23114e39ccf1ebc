import type { Metadata } from "next";
import { cookies } from "next/headers";
import { parseTheme, THEME_COOKIE, themeAttribute } from "@/components/theme/theme";
import "./globals.css";

export const metadata: Metadata = { title: "Portcullis", description: "Identity and access management" };

// Every page carries the per-request CSP nonce the server puts in the request (scripts/server), so
// none may be prerendered: a prerendered page (the 404 page was one) has scripts without the nonce,
// and the browser refuses to run them.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={themeAttribute(theme)}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
