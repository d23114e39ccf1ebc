import { requireCaller } from "@/lib/auth/session";
import { accountOf } from "@/lib/iam/core/account";
import { CreateRole } from "@/lib/iam/roles/roles";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { isDenied } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { CreateRoleWizard } from "@/components/roles/wizard/CreateRoleWizard";
import { pagePermissions } from "../../_server/pagePermissions";
import { searchPolicies } from "../../_server/pickerSearch";
import { ANY_ROLE_NAME, ANY_TRUST_POLICY } from "../../_server/undecidedInputs";
import { createRole } from "./actions";
import { reviewCreateRole } from "./reviewActions";

export const dynamic = "force-dynamic";

export default async function CreateRolePage() {
  const caller = await requireCaller();
  const controls = await pagePermissions(caller, {
    createRole: { Operation: CreateRole, Input: { RoleName: ANY_ROLE_NAME, AssumeRolePolicyDocument: ANY_TRUST_POLICY }, InputVaries: true },
  });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "Roles", href: "/roles" }, { label: "Create role" }]} />}
        title="Create role"
        description="A role is an identity with no credentials of its own: whoever its trust policy lets assume it gets temporary credentials with its permissions."
      />
      {isDenied(controls.createRole) ? (
        // Opened by its address although the Roles list shows the button off: say why before any
        // step. The steps stay open, so a person can still see what each choice would write.
        <section aria-label="Not allowed" className="flex flex-col gap-1 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900" data-testid="create-role-denied">
          <p className="font-semibold">You cannot create roles.</p>
          <PermissionNote id="create-role-where" permission={controls.createRole} className="text-sm text-red-900" />
          <p>You can still go through the steps to see the trust policy each choice writes; Create role stays off.</p>
        </section>
      ) : (
        <PermissionNote id="create-role-where" permission={controls.createRole} className="text-sm" />
      )}
      <CreateRoleWizard accountId={accountOf(caller)} createRole={createRole} reviewCreateRole={reviewCreateRole} searchPolicies={searchPolicies} createPermission={controls.createRole} />
    </div>
  );
}
