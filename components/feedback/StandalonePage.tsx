import { Brand } from "@/components/shell/Brand";

/**
 * A page outside the console's shell (sign in, sign up, an address that matches nothing, a failure
 * of the root layout): the product name over the content, centred, with the same landmarks.
 */
export function StandalonePage({ children, width = "wide" }: { children: React.ReactNode; width?: "card" | "wide" }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-100 px-4 py-10">
      <header className="mb-6">
        <Brand />
      </header>
      <main id="main" className={`w-full ${width === "card" ? "max-w-md" : "max-w-2xl"}`}>
        {children}
      </main>
    </div>
  );
}
