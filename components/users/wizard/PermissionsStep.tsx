"use client";

import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { CheckboxList } from "@/components/forms/CheckboxList";
import { PolicyTypeBadge } from "@/components/policies/PolicyTypeBadge";
import type { Choices, GroupChoice, PolicyChoice } from "./choices";
import { CHANGE_PASSWORD_POLICY_ARN, type CreateUserDraft, type StepErrors } from "./draft";

export function PermissionsStep({
  draft,
  errors,
  update,
  groups,
  policies,
}: {
  draft: CreateUserDraft;
  errors: StepErrors;
  update: (change: Partial<CreateUserDraft>) => void;
  groups: Choices<GroupChoice>;
  policies: Choices<PolicyChoice>;
}) {
  const autoAttached = draft.consoleAccess && draft.requireReset;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700">
        A new user has no permissions. AWS recommends granting them through groups, so that people with the same job share one set of policies.
      </p>
      <section aria-label="Add user to groups" className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Add user to groups</h3>
        {groups.ok ? (
          <CheckboxList
            legend="Groups"
            name="groupName"
            items={groups.items.map((group) => ({ value: group.GroupName, label: group.GroupName, description: group.Path !== "/" ? `Path ${group.Path}` : undefined }))}
            selected={draft.groupNames}
            onChange={(groupNames) => update({ groupNames })}
            filterLabel="Filter groups by name"
            emptyText="There are no groups in this account yet."
            testId="wizard-groups"
          />
        ) : (
          <ErrorPanel error={groups.error} />
        )}
        {errors.groups && <p className="text-sm font-medium text-red-700">{errors.groups}</p>}
      </section>
      <section aria-label="Attach policies directly" className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Attach policies directly</h3>
        {autoAttached && (
          <p className="text-xs text-slate-600">
            IAMUserChangePassword is attached for you, because the user must create a new password at next sign-in.
          </p>
        )}
        {policies.ok ? (
          <CheckboxList
            legend="Managed policies"
            name="policyArn"
            items={policies.items.map((policy) => ({
              value: policy.Arn,
              label: policy.PolicyName,
              description: policy.Description,
              badge: <PolicyTypeBadge awsManaged={policy.IsAwsManaged} />,
              disabled: autoAttached && policy.Arn === CHANGE_PASSWORD_POLICY_ARN,
              disabledReason: "attached because a new password is required",
            }))}
            selected={draft.policyArns}
            onChange={(policyArns) => update({ policyArns })}
            filterLabel="Filter policies by name"
            emptyText="There are no managed policies."
            testId="wizard-policies"
          />
        ) : (
          <ErrorPanel error={policies.error} />
        )}
        {errors.policies && <p className="text-sm font-medium text-red-700">{errors.policies}</p>}
      </section>
    </div>
  );
}
