import type { Metadata } from "next";
import { requireConsoleSession } from "@/lib/auth/session";
import { ListSwitchRoleHistory } from "@/lib/iam/roles/switchRole";
import { isSwitchRoleColor } from "@/lib/iam/roles/switchRoleColors";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { RecentRoles } from "@/components/roles/RecentRoles";
import { SwitchRoleForm } from "@/components/roles/SwitchRoleForm";
import { readOperation } from "../_server/readOperation";
import { switchRole } from "./actions";

export const metadata: Metadata = { title: "Switch role · Portcullis" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

// AWS's switch-role page: a link someone shared (/switchrole?account=…&roleName=…&displayName=…&color=…)
// fills the form, and the user's recent roles are one click away. The console always switches from
// the user who signed in; the root user cannot switch roles at all, as in AWS.
export default async function SwitchRolePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { signedIn, switchedRole } = await requireConsoleSession();
  const query = await searchParams;
  const color = one(query.color);
  const initial = {
    account: one(query.account),
    roleName: one(query.roleName),
    displayName: one(query.displayName),
    color: isSwitchRoleColor(color) ? color : "blue",
  } as const;
  const history = signedIn.kind === "user" ? await readOperation(ListSwitchRoleHistory, {}, signedIn) : undefined;
  const rootReason = "The root user cannot switch roles, as in AWS. Sign in as an IAM user whom the role's trust policy allows, then switch.";
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title="Switch role"
        description="Work in the console with a role's permissions for an hour. The role's trust policy decides whether you may, and its conditions (such as MFA) apply to this console session."
      />
      {switchedRole && (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="switch-role-current">
          You are working as {switchedRole.displayName} ({switchedRole.sessionArn}). Switching again starts from your own user.
        </p>
      )}
      <Panel title="Role to switch to" description="Ask whoever manages the role for its account and name, or for the link that fills them in.">
        <SwitchRoleForm action={switchRole} initial={initial} permission={signedIn.kind === "root" ? { state: "denied", reason: rootReason } : undefined} />
      </Panel>
      {history && (
        <Panel title="Recent roles" description="The roles you switched to, newest first. They follow you to every browser you sign in on.">
          {history.ok ? <RecentRoles roles={history.value.Roles} action={switchRole} /> : <ErrorPanel error={history.error} />}
        </Panel>
      )}
    </div>
  );
}
