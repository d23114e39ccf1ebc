import { requireCaller } from "@/lib/auth/session";
import { ListGroups } from "@/lib/iam/groups/groups";
import { CreateUser } from "@/lib/iam/users/users";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { isDenied } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { CreateUserWizard } from "@/components/users/wizard/CreateUserWizard";
import type { Choices, GroupChoice } from "@/components/users/wizard/choices";
import { pagePermissions } from "../../_server/pagePermissions";
import { loadPasswordRules } from "../../_server/passwordRules";
import { ANY_USER_NAME } from "../../_server/undecidedInputs";
import { searchPolicies } from "../../_server/pickerSearch";
import { readOperation } from "../../_server/readOperation";
import { createUserWithAccess } from "./actions";
import { reviewCreateUser } from "./reviewActions";

export const dynamic = "force-dynamic";

// An account holds at most 300 groups (AWS's quota), so one page lists them all. Policies (up to
// 1,500 of the account's and AWS's) are searched page by page by the step's picker instead.
const ALL_GROUPS = 300;

export default async function CreateUserPage() {
  const caller = await requireCaller();
  const [groups, passwordRules, controls] = await Promise.all([
    readOperation(ListGroups, { MaxItems: ALL_GROUPS }, caller),
    loadPasswordRules(caller),
    pagePermissions(caller, { createUser: { Operation: CreateUser, Input: { UserName: ANY_USER_NAME }, InputVaries: true } }),
  ]);
  const header = (
    <PageHeader
      breadcrumbs={<Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: "Create user" }]} />}
      title="Create user"
      description="One IAM user per person, so that each has their own credentials. The user has no permissions until you grant them."
    />
  );
  // Opened by its address although the Users list shows the button off: say why before any step.
  if (isDenied(controls.createUser)) {
    return (
      <div className="flex flex-col gap-6">
        {header}
        <section aria-label="Not allowed" className="flex flex-col items-start gap-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900" data-testid="create-user-denied">
          <PermissionNote id="create-user-denied-reason" permission={controls.createUser} className="text-sm text-red-900" />
          <ButtonLink href="/users" variant="secondary">
            Back to users
          </ButtonLink>
        </section>
      </div>
    );
  }
  const groupChoices: Choices<GroupChoice> = groups.ok
    ? { ok: true, items: groups.value.Groups.map(({ GroupName, Path }) => ({ GroupName, Path })) }
    : groups;
  return (
    <div className="flex flex-col gap-6">
      {header}
      <PermissionNote id="create-user-where" permission={controls.createUser} className="text-sm" />
      <CreateUserWizard createUser={createUserWithAccess} reviewCreateUser={reviewCreateUser} groups={groupChoices} searchPolicies={searchPolicies} passwordRules={passwordRules} />
    </div>
  );
}
