import { Brand } from "@/components/shell/Brand";

/**
 * A page outside the console's shell (an address that matches nothing, a failure of the root
 * layout): the product name over the content, with the same landmarks as the sign-in pages.
 */
export function StandalonePage({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-100 px-4 py-10">
      <header className="mb-6">
        <Brand />
      </header>
      <main id="main" className="w-full max-w-2xl">
        {children}
      </main>
    </div>
  );
}
