"use client";

import { useId } from "react";
import { TextField } from "@/components/forms/TextField";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import { TagRowsEditor } from "@/components/users/TagRowsEditor";
import { policyNameOf } from "@/components/users/wizard/choices";
import type { StepErrors } from "@/components/users/wizard/draft";
import { ReviewSection, Row } from "@/components/users/wizard/ReviewStep";
import { ROLE_DESCRIPTION_MAX_LENGTH } from "@/lib/iam/core/rules";
import { chosenBoundary, draftTrustPolicy, SESSION_HOURS, type CreateRoleDraft } from "./draft";

const HOURS = Array.from({ length: SESSION_HOURS.max - SESSION_HOURS.min + 1 }, (_, index) => SESSION_HOURS.min + index);

/** AWS's last step: the role's name and details, then everything the wizard is about to do. */
export function NameReviewStep({
  draft,
  errors,
  update,
  accountId,
}: {
  draft: CreateRoleDraft;
  errors: StepErrors;
  update: (change: Partial<CreateRoleDraft>) => void;
  accountId: string;
}) {
  const id = useId();
  const boundary = chosenBoundary(draft);
  return (
    <div className="flex flex-col gap-6">
      <section aria-label="Role details" className="flex flex-col gap-4">
        <TextField
          label="Role name"
          value={draft.roleName}
          onChange={(event) => update({ roleName: event.target.value })}
          description="Up to 64 characters: letters (A–Z, a–z), digits (0–9) and + = , . @ _ - (hyphen). Unique in the account, not case-sensitive."
          error={errors.roleName}
          autoComplete="off"
          maxLength={64}
          required
          testId="role-name"
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-description`} className="text-sm font-medium text-slate-800">
            Description (optional)
          </label>
          <textarea
            id={`${id}-description`}
            value={draft.description}
            onChange={(event) => update({ description: event.target.value })}
            rows={2}
            maxLength={ROLE_DESCRIPTION_MAX_LENGTH}
            aria-describedby={`${id}-description-help${errors.description ? ` ${id}-description-error` : ""}`}
            aria-invalid={errors.description ? true : undefined}
            data-testid="role-description"
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          />
          <p id={`${id}-description-help`} className="text-xs text-slate-600">
            What the role is for, up to {ROLE_DESCRIPTION_MAX_LENGTH.toLocaleString("en-US")} characters.
          </p>
          {errors.description && (
            <p id={`${id}-description-error`} className="text-xs font-medium text-red-700">
              {errors.description}
            </p>
          )}
        </div>
        <div className="flex max-w-xs flex-col gap-1">
          <label htmlFor={`${id}-duration`} className="text-sm font-medium text-slate-800">
            Maximum session duration
          </label>
          <select
            id={`${id}-duration`}
            value={draft.maxSessionHours}
            onChange={(event) => update({ maxSessionHours: Number(event.target.value) })}
            aria-describedby={`${id}-duration-help`}
            data-testid="max-session-duration"
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          >
            {HOURS.map((hours) => (
              <option key={hours} value={hours}>
                {hours === 1 ? "1 hour (default)" : `${hours} hours`}
              </option>
            ))}
          </select>
          <p id={`${id}-duration-help`} className="text-xs text-slate-600">
            The longest session AssumeRole may ask for. A role chained from another role&apos;s session is limited to 1 hour whatever this says.
          </p>
        </div>
      </section>
      <section aria-labelledby={`${id}-tags`} className="flex flex-col gap-2">
        <h3 id={`${id}-tags`} className="text-sm font-semibold text-slate-900">
          Tags (optional)
        </h3>
        <TagRowsEditor tags={draft.tags} onChange={(tags) => update({ tags })} errors={errors} />
      </section>
      <div className="flex flex-col gap-4 text-sm" data-testid="role-wizard-review">
        <p className="border-t border-slate-200 pt-4 text-slate-700">Review the choices of the first two steps: Create role makes the role with all of them, or nothing.</p>
        {/* Not a ReviewSection: a document is no term and definition, and needs the full width on a phone. */}
        <section aria-labelledby={`${id}-review-trust`} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3" data-testid="review-trust-policy">
          <h3 id={`${id}-review-trust`} className="font-semibold text-slate-900">
            Step 1: Select trusted entities
          </h3>
          <PolicyDocumentView document={draftTrustPolicy(draft, accountId)} label="Trust policy" />
        </section>
        <ReviewSection title="Step 2: Add permissions">
          <Row label="Permissions policies" value={draft.policyArns.length ? draft.policyArns.map(policyNameOf).join(", ") : "None"} />
          <Row label="Permissions boundary" value={boundary ? policyNameOf(boundary) : "None"} />
        </ReviewSection>
        {draft.policyArns.length === 0 && (
          <p className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-900">
            This role will have no permissions: a session of it can do nothing until you attach policies on the role&apos;s Permissions tab.
          </p>
        )}
      </div>
    </div>
  );
}
