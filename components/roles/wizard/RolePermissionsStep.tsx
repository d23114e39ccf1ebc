"use client";

import { Checkbox } from "@/components/forms/Checkbox";
import { SearchPicker } from "@/components/forms/SearchPicker";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { policyChoice } from "@/components/users/wizard/choices";
import type { StepErrors } from "@/components/users/wizard/draft";
import { MAX_POLICIES_PER_ROLE, type CreateRoleDraft } from "./draft";

export function RolePermissionsStep({
  draft,
  errors,
  update,
  searchPolicies,
}: {
  draft: CreateRoleDraft;
  errors: StepErrors;
  update: (change: Partial<CreateRoleDraft>) => void;
  searchPolicies: PickerSearch;
}) {
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700">
        What a session of the role may do: the managed policies attached to it. A new role with none can do nothing until you attach some; you can add inline
        policies on the role&apos;s page later.
      </p>
      <section aria-label="Permissions policies" className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Permissions policies</h3>
        <SearchPicker
          legend="Managed policies"
          name="policyArn"
          search={searchPolicies}
          selected={draft.policyArns.map(policyChoice)}
          onChange={(chosen) => update({ policyArns: chosen.map((policy) => policy.value) })}
          max={MAX_POLICIES_PER_ROLE}
          maxMessage={`A role can have at most ${MAX_POLICIES_PER_ROLE} managed policies attached.`}
          filterLabel="Search policies by name"
          emptyText="There are no managed policies."
          testId="role-wizard-policies"
        />
        {errors.policies && <p className="text-sm font-medium text-red-700">{errors.policies}</p>}
      </section>
      <section aria-label="Permissions boundary" className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Set permissions boundary (optional)</h3>
        <Checkbox
          label="Use a permissions boundary to control the maximum role permissions"
          description="The role may then do only what both its policies and the boundary allow. Delegated administrators are often required to set one."
          checked={draft.useBoundary}
          onChange={(event) => update({ useBoundary: event.target.checked })}
          testId="use-boundary"
        />
        {draft.useBoundary && (
          <div className="ml-6">
            <SearchPicker
              legend="Permissions boundary"
              name="boundaryArn"
              search={searchPolicies}
              selected={draft.boundaryArn ? [policyChoice(draft.boundaryArn)] : []}
              onChange={(chosen) => update({ boundaryArn: chosen.at(-1)?.value ?? "" })}
              max={1}
              maxMessage="A role has one permissions boundary: remove the chosen policy from Selected to choose another."
              filterLabel="Search boundary policies by name"
              emptyText="There are no managed policies."
              testId="role-wizard-boundary"
            />
            {errors.boundary && <p className="text-sm font-medium text-red-700">{errors.boundary}</p>}
          </div>
        )}
      </section>
    </div>
  );
}
