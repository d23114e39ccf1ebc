import { requireCaller } from "@/lib/auth/session";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { CreateUserWizard } from "@/components/users/wizard/CreateUserWizard";
import type { Choices, GroupChoice, PolicyChoice } from "@/components/users/wizard/choices";
import { readOperation } from "../../_server/readOperation";
import { createUserWithAccess } from "./actions";

export const dynamic = "force-dynamic";

// An account holds at most 300 groups (AWS's quota), so one page lists them all; policies likewise
// fit in the operation's largest page.
const ALL_GROUPS = 300;
const ALL_POLICIES = 1000;

export default async function CreateUserPage() {
  const caller = await requireCaller();
  const [groups, policies] = await Promise.all([
    readOperation(ListGroups, { MaxItems: ALL_GROUPS }, caller),
    readOperation(ListPolicies, { Scope: "All", MaxItems: ALL_POLICIES }, caller),
  ]);
  const groupChoices: Choices<GroupChoice> = groups.ok
    ? { ok: true, items: groups.value.Groups.map(({ GroupName, Path }) => ({ GroupName, Path })) }
    : groups;
  const policyChoices: Choices<PolicyChoice> = policies.ok
    ? { ok: true, items: policies.value.Policies.map(({ PolicyName, Arn, Description, IsAwsManaged }) => ({ PolicyName, Arn, Description, IsAwsManaged })) }
    : policies;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: "Create user" }]} />}
        title="Create user"
        description="One IAM user per person, so that each has their own credentials. The user has no permissions until you grant them."
      />
      <CreateUserWizard createUser={createUserWithAccess} groups={groupChoices} policies={policyChoices} />
    </div>
  );
}
