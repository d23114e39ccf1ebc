import { ConsoleHeader, type SignedInIdentity } from "./ConsoleHeader";
import { SideNav } from "./SideNav";

/** The AWS-console-like frame around every console page: top bar, left navigation, content. */
export function ConsoleShell({ identity, children }: { identity: SignedInIdentity; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:text-blue-800 focus:shadow"
      >
        Skip to main content
      </a>
      <ConsoleHeader identity={identity} />
      <div className="flex flex-1 flex-col md:flex-row">
        <SideNav />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
