"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { useNoticeCheck } from "@/components/feedback/NoticeRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import type { PasswordRules } from "@/lib/iam/core/passwordRules";
import { TagRowsEditor } from "../TagRowsEditor";
import type { Choices, GroupChoice } from "./choices";
import { EMPTY_DRAFT, hasErrors, permissionsErrors, tagErrors, userDetailsErrors, type CreateUserDraft, type StepErrors } from "./draft";
import type { CreateUserOutcome } from "./outcome";
import { PermissionsStep } from "./PermissionsStep";
import { RetrievePassword } from "./RetrievePassword";
import { UserCreated } from "./UserCreated";
import { ReviewDenials, REVIEW_DENIALS_ID } from "./ReviewDenials";
import type { ReviewCheck } from "./reviewPermissions";
import { ReviewStep } from "./ReviewStep";
import { useReviewPermissions } from "./useReviewPermissions";
import { UserDetailsStep } from "./UserDetailsStep";
import { WizardSteps } from "./WizardSteps";

const STEPS = ["Specify user details", "Set permissions", "Add tags", "Review and create"] as const;

type CreateUserAction = (previous: CreateUserOutcome, draft: CreateUserDraft) => Promise<CreateUserOutcome>;

/**
 * AWS's create-user wizard. Steps validate as you leave them; nothing is created until the last
 * step, and a refusal (AccessDenied, EntityAlreadyExists, …) keeps everything entered so far.
 */
export function CreateUserWizard({
  createUser,
  reviewCreateUser,
  groups,
  searchPolicies,
  passwordRules,
}: {
  createUser: CreateUserAction;
  /** Asks the engine, at the Review step, which steps it would refuse for exactly what was entered. */
  reviewCreateUser: ReviewCheck;
  groups: Choices<GroupChoice>;
  searchPolicies: PickerSearch;
  /** The account's password rules, undefined when the caller may not read them. */
  passwordRules?: PasswordRules;
}) {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<CreateUserDraft>(EMPTY_DRAFT);
  const [shownErrors, setShownErrors] = useState<StepErrors>({});
  const [outcome, submit, pending] = useActionState<CreateUserOutcome, CreateUserDraft>(createUser, {});
  const review = useReviewPermissions(reviewCreateUser);
  const refused = review.permissions?.state === "checked" && review.permissions.denials.length > 0;
  const checkNotices = useNoticeCheck();
  useEffect(() => {
    if (outcome.created) checkNotices();
  }, [outcome, checkNotices]);

  if (outcome.created) {
    // Without console access there is no password to retrieve and no sign-in URL to hand over.
    return outcome.created.consoleAccess ? <RetrievePassword created={outcome.created} /> : <UserCreated userName={outcome.created.userName} />;
  }

  const update = (change: Partial<CreateUserDraft>) => setDraft((current) => ({ ...current, ...change }));
  const errorsFor = (index: number): StepErrors =>
    index === 0 ? userDetailsErrors(draft, passwordRules) : index === 1 ? permissionsErrors(draft) : index === 2 ? tagErrors(draft.tags) : {};
  const next = () => {
    const errors = errorsFor(step);
    setShownErrors(errors);
    if (hasErrors(errors)) return;
    setStep(step + 1);
    if (step + 1 === STEPS.length - 1) review.start({ ...draft, path: draft.path || "/" });
  };
  const back = () => {
    review.forget();
    setShownErrors({});
    setStep(step - 1);
  };
  // Errors already shown update as the person fixes them; new ones wait for Next.
  const liveErrors = Object.fromEntries(Object.entries(errorsFor(step)).filter(([key]) => shownErrors[key]));

  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <WizardSteps steps={STEPS} current={step} />
      <form
        className="flex min-w-0 flex-1 flex-col gap-4 rounded-md border border-slate-200 bg-white p-5 shadow-sm"
        aria-labelledby="wizard-step-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (step < STEPS.length - 1) next();
          else if (!refused) startTransition(() => submit({ ...draft, path: draft.path || "/" }));
        }}
        data-testid="create-user-wizard"
      >
        <h2 id="wizard-step-title" className="text-lg font-semibold text-slate-900">
          <span className="sr-only">Step {step + 1} of {STEPS.length}: </span>
          {STEPS[step]}
        </h2>
        {step === 0 && <UserDetailsStep draft={draft} errors={liveErrors} update={update} passwordRules={passwordRules} />}
        {step === 1 && <PermissionsStep draft={draft} errors={liveErrors} update={update} groups={groups} searchPolicies={searchPolicies} />}
        {step === 2 && (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-700">Tags are key/value pairs you can use to organise users and in policy conditions. Up to 50.</p>
            <TagRowsEditor tags={draft.tags} onChange={(tags) => update({ tags })} errors={liveErrors} />
          </div>
        )}
        {step === 3 && <ReviewStep draft={draft} />}
        {step === 3 && <ReviewDenials permissions={review.permissions} />}
        <ErrorRegion error={outcome.error} testId="create-user-error" />
        {outcome.error && (
          <p className="text-sm text-slate-700" data-testid="create-user-nothing-created">
            Nothing was created: the user, its password, groups and policies are made together or not at all. Fix the problem and press Create user again.
          </p>
        )}
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          {step > 0 && (
            <button type="button" className={buttonStyles.secondary} onClick={back} disabled={pending} data-testid="wizard-back">
              Back
            </button>
          )}
          {step < STEPS.length - 1 ? (
            <button type="submit" className={buttonStyles.primary} data-testid="wizard-next">
              Next
            </button>
          ) : (
            <button
              type="submit"
              className={buttonStyles.primary}
              disabled={pending || review.permissions?.state === "checking" || refused}
              aria-describedby={refused ? REVIEW_DENIALS_ID : undefined}
              data-testid="create-user-submit"
            >
              {pending ? "Creating user…" : "Create user"}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
