import { requireCaller } from "@/lib/auth/session";
import { QUOTAS } from "@/lib/iam/core/rules";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { CreateGroupForm } from "@/components/groups/CreateGroupForm";
import { searchPolicies } from "../../_server/pickerSearch";
import { createGroup } from "../actions";

export const dynamic = "force-dynamic";

export default async function CreateGroupPage() {
  await requireCaller();
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "User groups", href: "/groups" }, { label: "Create user group" }]} />}
        title="Create user group"
        description="Users in the group get the permissions of the policies attached to it."
      />
      <CreateGroupForm createGroup={createGroup} searchPolicies={searchPolicies} maxPolicies={QUOTAS.AttachedPoliciesPerGroup} />
    </div>
  );
}
