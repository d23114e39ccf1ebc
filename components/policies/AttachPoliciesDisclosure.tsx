import { ActionForm } from "@/components/forms/ActionForm";
import { CheckboxList } from "@/components/forms/CheckboxList";
import type { FormAction } from "@/components/forms/actionState";
import { Disclosure } from "@/components/console/Disclosure";
import { PolicyTypeBadge } from "./PolicyTypeBadge";

export interface AttachablePolicy {
  readonly PolicyName: string;
  readonly Arn: string;
  readonly Description: string;
  readonly IsAwsManaged: boolean;
}

/** "Add permissions": pick managed policies to attach to a user or group, already attached ones greyed. */
export function AttachPoliciesDisclosure({
  policies,
  alreadyAttached,
  attach,
}: {
  policies: readonly AttachablePolicy[];
  alreadyAttached: ReadonlySet<string>;
  attach: FormAction;
}) {
  return (
    <Disclosure summary="Add permissions" testId="add-permissions">
      <ActionForm action={attach} submitLabel="Attach policies" pendingLabel="Attaching…" variant="primary" className="flex flex-col items-start gap-3" submitTestId="attach-policies-submit">
        <CheckboxList
          legend="Managed policies"
          name="policyArn"
          items={policies.map((policy) => ({
            value: policy.Arn,
            label: policy.PolicyName,
            description: policy.Description,
            badge: <PolicyTypeBadge awsManaged={policy.IsAwsManaged} />,
            disabled: alreadyAttached.has(policy.Arn),
            disabledReason: "already attached",
          }))}
          filterLabel="Filter policies by name"
          emptyText="There are no managed policies."
          testId="attach-policies-list"
        />
      </ActionForm>
    </Disclosure>
  );
}
