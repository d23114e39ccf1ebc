import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { DeleteGroup } from "@/lib/iam/groups/deletion";
import { GetGroup } from "@/lib/iam/groups/groups";
import { ListAttachedGroupPolicies } from "@/lib/iam/policies/attachments";
import { ListGroupPolicies } from "@/lib/iam/policies/inline";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { DeleteGroupForm } from "@/components/groups/DeleteGroupForm";
import { groupHref } from "@/components/groups/groupHref";
import { pagePermissions } from "../../../_server/pagePermissions";
import { readOperation } from "../../../_server/readOperation";
import { deleteGroup } from "../actions";

export const dynamic = "force-dynamic";

export default async function DeleteGroupPage({ params }: { params: Promise<{ groupName: string }> }) {
  const groupName = decodeURIComponent((await params).groupName);
  const caller = await requireCaller();
  const [group, attached, inline, controls] = await Promise.all([
    readOperation(GetGroup, { GroupName: groupName, MaxItems: 1000 }, caller),
    readOperation(ListAttachedGroupPolicies, { GroupName: groupName, MaxItems: 100 }, caller),
    readOperation(ListGroupPolicies, { GroupName: groupName }, caller),
    pagePermissions(caller, { deleteGroup: { Operation: DeleteGroup, Input: { GroupName: groupName } } }),
  ]);
  const trail = <Breadcrumbs trail={[{ label: "User groups", href: "/groups" }, { label: groupName, href: groupHref(groupName) }, { label: "Delete" }]} />;
  if (!group.ok && group.error.code === "NoSuchEntity") notFound();
  if (!group.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={`Delete ${groupName}`} />
        <ErrorPanel error={group.error} />
      </div>
    );
  }
  const members = group.value.Users.length;
  const policies = attached.ok ? attached.value.AttachedPolicies.length : 0;
  const inlineCount = inline.ok ? inline.value.PolicyNames.length : 0;
  return (
    <div className="flex flex-col gap-5">
      <PageHeader breadcrumbs={trail} title={`Delete ${groupName}?`} />
      <Panel title="Delete user group" testId="delete-group-panel">
        {!attached.ok && <ErrorPanel error={attached.error} />}
        <p className="text-sm text-slate-800" data-testid="delete-group-dependents">
          This group has {members} member{members === 1 ? "" : "s"} and {policies} attached managed polic{policies === 1 ? "y" : "ies"}
          {inlineCount > 0 && ` and ${inlineCount} inline polic${inlineCount === 1 ? "y" : "ies"}`}. Its members lose the permissions the group gave them.
        </p>
        <DeleteGroupForm groupName={groupName} hasDependents={members + policies + inlineCount > 0} deleteGroup={deleteGroup.bind(null, groupName)} permission={controls.deleteGroup} />
        <div>
          <ButtonLink href={groupHref(groupName)} variant="secondary">
            Cancel
          </ButtonLink>
        </div>
      </Panel>
    </div>
  );
}
