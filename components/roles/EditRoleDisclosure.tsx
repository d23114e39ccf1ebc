import { ROLE_DESCRIPTION_MAX_LENGTH, ROLE_MAX_SESSION_DURATION } from "@/lib/iam/core/rules";
import { Disclosure } from "@/components/console/Disclosure";
import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/components/forms/actionState";
import type { ControlPermission } from "@/components/permissions/controlPermission";

const fieldStyle =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

/** A duration in hours as the select shows it: "1 hour", "12 hours", "1.5 hours". */
const hoursLabel = (hours: number) => `${hours} hour${hours === 1 ? "" : "s"}`;

const { min, max } = ROLE_MAX_SESSION_DURATION;
/** The whole hours AWS's console offers, 1 to 12. */
const WHOLE_HOURS = Array.from({ length: (max - min) / 3600 + 1 }, (_, i) => min / 3600 + i);

/**
 * The summary's "Edit", as in the AWS console: the role's description and its maximum session
 * duration (1 to 12 hours), saved with one UpdateRole. The fields are the form's own, so a refused
 * save keeps what was typed; a role whose maximum is not a whole number of hours keeps that choice.
 */
export function EditRoleDisclosure({
  description,
  maxSessionDuration,
  update,
  permission,
}: {
  description?: string;
  maxSessionDuration: number;
  update: FormAction;
  permission?: ControlPermission;
}) {
  const currentHours = maxSessionDuration / 3600;
  const choices = [...new Set([...WHOLE_HOURS, currentHours])].sort((a, b) => a - b);
  return (
    <Disclosure summary="Edit description and maximum session duration" testId="edit-role" permission={permission}>
      <ActionForm action={update} submitLabel="Save changes" pendingLabel="Saving…" variant="primary" className="flex max-w-2xl flex-col items-start gap-3 p-3" submitTestId="edit-role-submit">
        <label className="flex w-full flex-col gap-1 text-sm font-medium text-slate-800">
          Description
          <textarea name="description" defaultValue={description ?? ""} rows={3} maxLength={ROLE_DESCRIPTION_MAX_LENGTH} className={fieldStyle} data-testid="edit-role-description" />
          <span className="text-xs font-normal text-slate-600">Up to {ROLE_DESCRIPTION_MAX_LENGTH.toLocaleString("en-US")} characters. Leave empty to remove the description.</span>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Maximum session duration
          <select name="maxSessionHours" defaultValue={String(currentHours)} className={fieldStyle} data-testid="edit-role-max-session">
            {choices.map((hours) => (
              <option key={hours} value={String(hours)}>
                {hoursLabel(hours)}
              </option>
            ))}
          </select>
          <span className="text-xs font-normal text-slate-600">How long a session of this role may last when someone asks for more than the 1-hour default. A chained role session lasts at most 1 hour.</span>
        </label>
      </ActionForm>
    </Disclosure>
  );
}
