import { requireCaller } from "@/lib/auth/session";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { CreateGroupForm } from "@/components/groups/CreateGroupForm";
import { readOperation } from "../../_server/readOperation";
import { createGroup } from "../actions";

export const dynamic = "force-dynamic";

export default async function CreateGroupPage() {
  const caller = await requireCaller();
  const policies = await readOperation(ListPolicies, { Scope: "All", MaxItems: 1000 }, caller);
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "User groups", href: "/groups" }, { label: "Create user group" }]} />}
        title="Create user group"
        description="Users in the group get the permissions of the policies attached to it."
      />
      <CreateGroupForm createGroup={createGroup} policies={policies.ok ? { ok: true, items: policies.value.Policies } : policies} />
    </div>
  );
}
