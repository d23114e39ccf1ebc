import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { GetLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { DeleteUser } from "@/lib/iam/users/deletion";
import { GetUser, namedUser } from "@/lib/iam/users/users";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { DeleteUserForm } from "@/components/users/DeleteUserForm";
import { userHref } from "@/components/users/userHref";
import { pagePermissions } from "../../../_server/pagePermissions";
import { readOperation } from "../../../_server/readOperation";
import { deleteUser } from "../actions";
import { loadUserPermissions } from "../loadUserPermissions";

export const dynamic = "force-dynamic";

/**
 * Deleting a user, as the AWS console asks: say what goes with it (console password, group
 * memberships, policies, tags, access keys, MFA devices), then require the user name typed out.
 */
export default async function DeleteUserPage({ params }: { params: Promise<{ userName: string }> }) {
  const userName = decodeURIComponent((await params).userName);
  const caller = await requireCaller();
  const [user, loginProfile, permissions, controls] = await Promise.all([
    readOperation(GetUser, { UserName: userName }, caller),
    readOperation(GetLoginProfile, { UserName: userName }, caller),
    loadUserPermissions(userName, caller),
    pagePermissions(caller, { deleteUser: { Operation: DeleteUser, Input: { UserName: userName } } }),
  ]);
  const trail = <Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: userName, href: userHref(userName) }, { label: "Delete" }]} />;
  if (!user.ok && user.error.code === "NoSuchEntity") notFound();
  if (!user.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={`Delete ${userName}`} />
        <ErrorPanel error={user.error} />
      </div>
    );
  }
  const groups = new Set(permissions.rows.flatMap((row) => (row.kind === "group" || row.kind === "groupInline" ? [row.groupName] : [])));
  const direct = permissions.rows.filter((row) => row.kind === "direct").length;
  const inline = permissions.rows.filter((row) => row.kind === "inline").length;
  const tags = namedUser(user.value).Tags?.length ?? 0;
  const removed = [
    loginProfile.ok && "its console password",
    groups.size > 0 && `its membership of ${groups.size} group${groups.size === 1 ? "" : "s"} (${[...groups].join(", ")})`,
    direct > 0 && `${direct} directly attached managed polic${direct === 1 ? "y" : "ies"} (detached; the policies themselves stay)`,
    inline > 0 && `${inline} inline polic${inline === 1 ? "y" : "ies"}`,
    tags > 0 && `${tags} tag${tags === 1 ? "" : "s"}`,
    "any access keys and MFA devices",
  ].filter((item): item is string => Boolean(item));
  return (
    <div className="flex flex-col gap-5">
      <PageHeader breadcrumbs={trail} title={`Delete ${userName}?`} />
      <Panel title="Deleting this user also removes" testId="delete-user-panel">
        <ul className="list-disc pl-5 text-sm text-slate-800" data-testid="delete-user-dependents">
          {removed.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {permissions.error && <ErrorPanel error={permissions.error} />}
        <p className="text-sm text-slate-700">
          Deletion is permanent. Anyone signed in as <strong className="wrap-anywhere">{userName}</strong> loses access immediately.
        </p>
        <DeleteUserForm userName={userName} deleteUser={deleteUser.bind(null, userName)} permission={controls.deleteUser} />
        <div>
          <ButtonLink href={userHref(userName)} variant="secondary">
            Cancel
          </ButtonLink>
        </div>
      </Panel>
    </div>
  );
}
