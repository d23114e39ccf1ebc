import { ActionForm } from "@/components/forms/ActionForm";
import { SearchPicker } from "@/components/forms/SearchPicker";
import type { FormAction } from "@/components/forms/actionState";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { Disclosure } from "@/components/console/Disclosure";
import type { ControlPermission } from "@/components/permissions/controlPermission";

/**
 * "Add permissions": search the account's and AWS's managed policies page by page and attach the
 * chosen ones to a user or group; those already attached show greyed.
 */
export function AttachPoliciesDisclosure({
  search,
  alreadyAttached,
  attach,
  max,
  permission,
}: {
  search: PickerSearch;
  alreadyAttached: ReadonlySet<string>;
  attach: FormAction;
  /** How many managed policies may be attached here in all (AWS: 10 per user or group). */
  max?: number;
  /** What the engine said about attaching a policy here (the policy still to be chosen). */
  permission?: ControlPermission;
}) {
  const remaining = max === undefined ? undefined : Math.max(0, max - alreadyAttached.size);
  return (
    <Disclosure summary="Add permissions" testId="add-permissions" permission={permission}>
      <ActionForm action={attach} submitLabel="Attach policies" pendingLabel="Attaching…" variant="primary" className="flex flex-col items-start gap-3" submitTestId="attach-policies-submit">
        <SearchPicker
          legend="Managed policies"
          name="policyArn"
          search={search}
          unavailable={alreadyAttached}
          unavailableReason="already attached"
          max={remaining}
          maxMessage={
            remaining === 0
              ? `${max} managed policies are attached already, the most allowed. Detach one to attach another.`
              : `At most ${max} managed policies can be attached and ${alreadyAttached.size} already are, so choose up to ${remaining}.`
          }
          filterLabel="Search policies by name"
          emptyText="There are no managed policies."
          testId="attach-policies-list"
        />
      </ActionForm>
    </Disclosure>
  );
}
