import { cookies } from "next/headers";
import { ConsoleShell } from "@/components/shell/ConsoleShell";
import { parseTheme, THEME_COOKIE } from "@/components/theme/theme";
import { requireConsoleSession } from "@/lib/auth/session";
import { searchConsole } from "./_server/consoleSearch";

// Every console page is behind sign-in. The layout checks once per full page load; pages and server
// actions call requireCaller() themselves too, because a layout is not re-run on client navigation.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { caller, accountAlias } = await requireConsoleSession();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <ConsoleShell identity={{ kind: caller.kind, accountId: caller.accountId, accountAlias, userName: caller.userName }} theme={theme} search={searchConsole}>
      {children}
    </ConsoleShell>
  );
}
