import { cookies } from "next/headers";
import { ConsoleShell } from "@/components/shell/ConsoleShell";
import { parseTheme, THEME_COOKIE } from "@/components/theme/theme";
import { requireConsoleSession } from "@/lib/auth/session";
import { searchConsole } from "./_server/consoleSearch";
import { backToUser } from "./switchrole/actions";

// Every console page is behind sign-in. The layout checks once per full page load; pages and server
// actions call requireCaller() themselves too, because a layout is not re-run on client navigation.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { signedIn, accountAlias, switchedRole, switchedRoleEnded } = await requireConsoleSession();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const identity = { kind: signedIn.kind, accountId: signedIn.accountId, accountAlias, userName: signedIn.userName, switchedRole, switchedRoleEnded };
  return (
    <ConsoleShell identity={identity} theme={theme} search={searchConsole} backToUser={backToUser}>
      {children}
    </ConsoleShell>
  );
}
