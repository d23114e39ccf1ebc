import { requireCaller } from "@/lib/auth/session";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { PageHeader } from "@/components/console/PageHeader";
import { CreatePolicyForm } from "@/components/policies/CreatePolicyForm";
import { createPolicy } from "./actions";

export const dynamic = "force-dynamic";

export default async function CreatePolicyPage() {
  // Signed-in callers only; whether they may create the policy is CreatePolicy's decision on save.
  await requireCaller();
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "Policies", href: "/policies" }, { label: "Create policy" }]} />}
        title="Create policy"
        description="A customer managed policy is a standalone identity-based policy you can attach to users and groups in this account, and edit as new versions later."
      />
      <CreatePolicyForm create={createPolicy} />
    </div>
  );
}
