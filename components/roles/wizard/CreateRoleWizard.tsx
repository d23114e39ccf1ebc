"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import type { ActionState } from "@/components/forms/actionState";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { hasErrors, type StepErrors } from "@/components/users/wizard/draft";
import { ReviewDenials, REVIEW_DENIALS_ID } from "@/components/users/wizard/ReviewDenials";
import type { ReviewCheck } from "@/components/users/wizard/reviewPermissions";
import { useReviewPermissions } from "@/components/users/wizard/useReviewPermissions";
import { WizardSteps } from "@/components/users/wizard/WizardSteps";
import { detailsStepErrors, EMPTY_DRAFT, permissionsStepErrors, trustStepErrors, type CreateRoleDraft } from "./draft";
import { NameReviewStep } from "./NameReviewStep";
import { RolePermissionsStep } from "./RolePermissionsStep";
import { TrustedEntityStep } from "./TrustedEntityStep";

const STEPS = ["Select trusted entity", "Add permissions", "Name, review, and create"] as const;
const LAST = STEPS.length - 1;

/** Long enough to skip the keystrokes of a name being typed before asking the engine again. */
const REVIEW_DELAY_MS = 400;

const CREATE_DENIED_ID = "create-role-denied-reason";

type CreateRoleAction = (previous: ActionState, draft: CreateRoleDraft) => Promise<ActionState>;

/**
 * AWS's create-role wizard. Steps validate as you leave them; nothing is created until Create role,
 * which opens the new role, and a refusal (AccessDenied, EntityAlreadyExists, …) keeps everything
 * entered so far. On the last step the engine is asked, as the person types, which of Create role's
 * steps it would refuse for exactly those choices.
 */
export function CreateRoleWizard({
  accountId,
  createRole,
  reviewCreateRole,
  searchPolicies,
  createPermission,
}: {
  /** The account that will own the role. */
  accountId: string;
  createRole: CreateRoleAction;
  reviewCreateRole: ReviewCheck<CreateRoleDraft>;
  searchPolicies: PickerSearch;
  /** Whether the caller may create a role at all (iam:CreateRole, whatever the name). */
  createPermission: ControlPermission;
}) {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<CreateRoleDraft>(EMPTY_DRAFT);
  const [customHasErrors, setCustomHasErrors] = useState(false);
  const [shownErrors, setShownErrors] = useState<StepErrors>({});
  const [outcome, submit, pending] = useActionState<ActionState, CreateRoleDraft>(createRole, {});
  const review = useReviewPermissions(reviewCreateRole);
  const refused = review.permissions?.state === "checked" && review.permissions.denials.length > 0;
  const denied = isDenied(createPermission);

  // The last step holds the name, so its check follows the typing instead of waiting for arrival.
  useEffect(() => {
    if (step !== LAST || denied) return;
    const timer = setTimeout(() => review.start(draft), REVIEW_DELAY_MS);
    return () => clearTimeout(timer);
    // review's functions are new each render; the check depends only on what was entered, and where.
  }, [step, draft, denied]);

  const update = (change: Partial<CreateRoleDraft>) => setDraft((current) => ({ ...current, ...change }));
  const errorsFor = (index: number): StepErrors =>
    index === 0 ? trustStepErrors(draft, customHasErrors) : index === 1 ? permissionsStepErrors(draft) : detailsStepErrors(draft);
  const next = () => {
    const errors = errorsFor(step);
    setShownErrors(errors);
    if (hasErrors(errors)) return;
    setStep(step + 1);
  };
  const back = () => {
    review.forget();
    setShownErrors({});
    setStep(step - 1);
  };
  const create = () => {
    const errors = errorsFor(LAST);
    setShownErrors(errors);
    if (hasErrors(errors) || refused || denied) return;
    startTransition(() => submit(draft));
  };
  // Errors already shown update as the person fixes them; new ones wait for Next.
  const liveErrors = Object.fromEntries(Object.entries(errorsFor(step)).filter(([key]) => shownErrors[key]));
  const describedBy = denied ? CREATE_DENIED_ID : refused ? REVIEW_DENIALS_ID : undefined;

  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <WizardSteps steps={STEPS} current={step} label="Create role steps" />
      <form
        className="flex min-w-0 flex-1 flex-col gap-4 rounded-md border border-slate-200 bg-white p-5 shadow-sm"
        aria-labelledby="wizard-step-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (step < LAST) next();
          else create();
        }}
        data-testid="create-role-wizard"
        // The steps' own checks speak AWS's rules; the browser's bubble would cut them short.
        noValidate
      >
        <h2 id="wizard-step-title" className="text-lg font-semibold text-slate-900">
          <span className="sr-only">Step {step + 1} of {STEPS.length}: </span>
          {STEPS[step]}
        </h2>
        {step === 0 && <TrustedEntityStep draft={draft} errors={liveErrors} update={update} accountId={accountId} onCustomHasErrorsChange={setCustomHasErrors} />}
        {step === 1 && <RolePermissionsStep draft={draft} errors={liveErrors} update={update} searchPolicies={searchPolicies} />}
        {step === LAST && <NameReviewStep draft={draft} errors={liveErrors} update={update} accountId={accountId} />}
        {step === LAST && <ReviewDenials permissions={review.permissions} />}
        <ErrorRegion error={outcome.error} testId="create-role-error" />
        {outcome.error && (
          <p className="text-sm text-slate-700" data-testid="create-role-nothing-created">
            Nothing was created: the role and its policies are made together or not at all. Fix the problem and press Create role again.
          </p>
        )}
        <div className="flex flex-col items-end gap-2 border-t border-slate-200 pt-4">
          {step === LAST && <PermissionNote id={CREATE_DENIED_ID} permission={denied ? createPermission : undefined} className="text-right" />}
          <div className="flex gap-2">
            {step > 0 && (
              <button type="button" className={buttonStyles.secondary} onClick={back} disabled={pending} data-testid="wizard-back">
                Previous
              </button>
            )}
            {step < LAST ? (
              <button type="submit" className={buttonStyles.primary} data-testid="wizard-next">
                Next
              </button>
            ) : (
              <button
                type="submit"
                className={buttonStyles.primary}
                disabled={pending || denied || review.permissions?.state === "checking" || refused}
                aria-describedby={describedBy}
                data-testid="create-role-submit"
              >
                {pending ? "Creating role…" : "Create role"}
              </button>
            )}
          </div>
        </div>
      </form>
    </div>
  );
}
