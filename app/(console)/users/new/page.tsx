import { requireCaller } from "@/lib/auth/session";
import { ListGroups } from "@/lib/iam/groups/groups";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { CreateUserWizard } from "@/components/users/wizard/CreateUserWizard";
import type { Choices, GroupChoice } from "@/components/users/wizard/choices";
import { searchPolicies } from "../../_server/pickerSearch";
import { readOperation } from "../../_server/readOperation";
import { createUserWithAccess } from "./actions";

export const dynamic = "force-dynamic";

// An account holds at most 300 groups (AWS's quota), so one page lists them all. Policies (up to
// 1,500 of the account's and AWS's) are searched page by page by the step's picker instead.
const ALL_GROUPS = 300;

export default async function CreateUserPage() {
  const caller = await requireCaller();
  const groups = await readOperation(ListGroups, { MaxItems: ALL_GROUPS }, caller);
  const groupChoices: Choices<GroupChoice> = groups.ok
    ? { ok: true, items: groups.value.Groups.map(({ GroupName, Path }) => ({ GroupName, Path })) }
    : groups;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: "Create user" }]} />}
        title="Create user"
        description="One IAM user per person, so that each has their own credentials. The user has no permissions until you grant them."
      />
      <CreateUserWizard createUser={createUserWithAccess} groups={groupChoices} searchPolicies={searchPolicies} />
    </div>
  );
}
