import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { DeleteRoleWithDependents } from "@/lib/iam/roles/deletion";
import { GetRole } from "@/lib/iam/roles/roles";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { TypedDeleteForm } from "@/components/forms/TypedDeleteForm";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { roleHref } from "@/components/roles/roleHref";
import { plural } from "@/components/text/plural";
import { pagePermissions } from "../../../_server/pagePermissions";
import { readOperation } from "../../../_server/readOperation";
import { deleteRole } from "../actions";
import { loadRolePermissions } from "../loadRolePermissions";

export const dynamic = "force-dynamic";

/**
 * Deleting a role, as the AWS console asks: say what goes with it (its policies and tags; the
 * managed policies themselves and its boundary policy stay), then require the role name typed out.
 */
export default async function DeleteRolePage({ params }: { params: Promise<{ roleName: string }> }) {
  const roleName = decodeURIComponent((await params).roleName);
  const caller = await requireCaller();
  const [role, permissions, controls] = await Promise.all([
    readOperation(GetRole, { RoleName: roleName }, caller),
    loadRolePermissions(roleName, caller),
    pagePermissions(caller, { deleteRole: { Operation: DeleteRoleWithDependents, Input: { RoleName: roleName } } }),
  ]);
  const trail = <Breadcrumbs trail={[{ label: "Roles", href: "/roles" }, { label: roleName, href: roleHref(roleName) }, { label: "Delete" }]} />;
  if (!role.ok && role.error.code === "NoSuchEntity") notFound();
  if (!role.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={`Delete ${roleName}`} />
        <ErrorPanel error={role.error} />
      </div>
    );
  }
  const { attached, inline } = permissions;
  const tags = role.value.Role.Tags?.length ?? 0;
  const removed = [
    attached.length > 0 && `${plural(attached.length, "attached managed policy", "attached managed policies")} (detached; the policies themselves stay)`,
    inline.length > 0 && plural(inline.length, "inline policy", "inline policies"),
    tags > 0 && plural(tags, "tag"),
    role.value.Role.PermissionsBoundary && "its permissions boundary setting (the boundary policy itself stays)",
  ].filter((item): item is string => Boolean(item));
  return (
    <div className="flex flex-col gap-5">
      <PageHeader breadcrumbs={trail} title={`Delete ${roleName}?`} />
      <Panel title="Deleting this role also removes" testId="delete-role-panel">
        {removed.length > 0 ? (
          <ul className="list-disc pl-5 text-sm text-slate-800" data-testid="delete-role-dependents">
            {removed.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">Nothing else: the role has no policies or tags.</p>
        )}
        {permissions.error && <ErrorPanel error={permissions.error} />}
        <p className="text-sm text-slate-700">
          Deletion is permanent. Whoever assumes <strong className="wrap-anywhere">{roleName}</strong> today, people switching roles or applications, can no longer do so, and anything that names its ARN stops matching.
        </p>
        <TypedDeleteForm entity="role" name={roleName} action={deleteRole.bind(null, roleName)} testId="delete-role-submit" permission={controls.deleteRole} />
        <div>
          <ButtonLink href={roleHref(roleName)} variant="secondary">
            Cancel
          </ButtonLink>
        </div>
      </Panel>
    </div>
  );
}
