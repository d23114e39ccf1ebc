import { ConsoleShell } from "@/components/shell/ConsoleShell";
import { requireConsoleSession } from "@/lib/auth/session";

// Every console page is behind sign-in. The layout checks once per full page load; pages and server
// actions call requireCaller() themselves too, because a layout is not re-run on client navigation.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { caller, accountAlias } = await requireConsoleSession();
  return (
    <ConsoleShell identity={{ kind: caller.kind, accountId: caller.accountId, accountAlias, userName: caller.userName }}>{children}</ConsoleShell>
  );
}
