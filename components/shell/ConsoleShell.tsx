import { NoticeRegion } from "@/components/feedback/NoticeRegion";
import { PaletteProvider } from "@/components/commandPalette/PaletteProvider";
import type { ConsoleSearch } from "@/components/commandPalette/paletteSearch";
import type { Theme } from "@/components/theme/theme";
import { ConsoleHeader, type SignedInIdentity } from "./ConsoleHeader";
import { RoleSessionEndedBar } from "./RoleSessionEndedBar";
import { SideNav } from "./SideNav";

/** The AWS-console-like frame around every console page: top bar, left navigation, content. */
export function ConsoleShell({
  identity,
  theme,
  search,
  backToUser,
  children,
}: {
  identity: SignedInIdentity;
  /** "Back to USER": the server action that leaves a switched role. */
  backToUser: () => Promise<void>;
  theme: Theme;
  /** The command palette's search (a server action the console layout binds). */
  search: ConsoleSearch;
  children: React.ReactNode;
}) {
  return (
    <PaletteProvider search={search} isIamUser={identity.kind === "user"}>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:text-blue-800 focus:shadow"
        >
          Skip to main content
        </a>
        <ConsoleHeader identity={identity} theme={theme} backToUser={backToUser} />
        {identity.switchedRoleEnded && <RoleSessionEndedBar userName={identity.userName} acknowledge={backToUser} />}
        <div className="flex flex-1 flex-col md:flex-row">
          <SideNav />
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-6">
            <NoticeRegion>{children}</NoticeRegion>
          </main>
        </div>
      </div>
    </PaletteProvider>
  );
}
