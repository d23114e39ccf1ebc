"use client";

import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { CheckboxList } from "@/components/forms/CheckboxList";
import { SearchPicker } from "@/components/forms/SearchPicker";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { policyChoice, type Choices, type GroupChoice } from "./choices";
import { MAX_POLICIES_PER_USER, type CreateUserDraft, type StepErrors } from "./draft";

export function PermissionsStep({
  draft,
  errors,
  update,
  groups,
  searchPolicies,
}: {
  draft: CreateUserDraft;
  errors: StepErrors;
  update: (change: Partial<CreateUserDraft>) => void;
  groups: Choices<GroupChoice>;
  searchPolicies: PickerSearch;
}) {
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
        <SearchPicker
          legend="Managed policies"
          name="policyArn"
          search={searchPolicies}
          selected={draft.policyArns.map(policyChoice)}
          onChange={(chosen) => update({ policyArns: chosen.map((policy) => policy.value) })}
          max={MAX_POLICIES_PER_USER}
          maxMessage={`A user can have at most ${MAX_POLICIES_PER_USER} managed policies attached directly.`}
          filterLabel="Search policies by name"
          emptyText="There are no managed policies."
          testId="wizard-policies"
        />
        {errors.policies && <p className="text-sm font-medium text-red-700">{errors.policies}</p>}
      </section>
    </div>
  );
}
