import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { GetRole, UpdateAssumeRolePolicy } from "@/lib/iam/roles/roles";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { prettyPolicyDocument } from "@/components/policies/PolicyDocumentView";
import { EditTrustPolicyForm } from "@/components/roles/EditTrustPolicyForm";
import { roleHref } from "@/components/roles/roleHref";
import { pagePermissions } from "../../../_server/pagePermissions";
import { readOperation } from "../../../_server/readOperation";
import { ANY_TRUST_POLICY } from "../../../_server/undecidedInputs";
import { saveTrustPolicy } from "../actions";

export const dynamic = "force-dynamic";

/** "Edit trust policy": the role's trust policy in the policy editor, checked with the trust-policy rules as it is typed. */
export default async function EditTrustPolicyPage({ params }: { params: Promise<{ roleName: string }> }) {
  const roleName = decodeURIComponent((await params).roleName);
  const caller = await requireCaller();
  const [role, controls] = await Promise.all([
    readOperation(GetRole, { RoleName: roleName }, caller),
    pagePermissions(caller, { editTrustPolicy: { Operation: UpdateAssumeRolePolicy, Input: { RoleName: roleName, PolicyDocument: ANY_TRUST_POLICY }, InputVaries: true } }),
  ]);
  if (!role.ok && role.error.code === "NoSuchEntity") notFound();
  const back = roleHref(roleName, "trust");
  const header = (
    <PageHeader
      breadcrumbs={<Breadcrumbs trail={[{ label: "Roles", href: "/roles" }, { label: roleName, href: back }, { label: "Edit trust policy" }]} />}
      title="Edit trust policy"
      description={`Who may assume ${roleName}. Findings appear as you type; a policy with errors cannot be saved.`}
    />
  );
  return (
    <div className="flex flex-col gap-5">
      {header}
      {role.ok ? (
        <EditTrustPolicyForm
          roleName={roleName}
          initialDocument={prettyPolicyDocument(role.value.Role.AssumeRolePolicyDocument)}
          cancelHref={back}
          save={saveTrustPolicy.bind(null, roleName)}
          permission={controls.editTrustPolicy}
        />
      ) : (
        <ErrorPanel error={role.error} />
      )}
    </div>
  );
}
