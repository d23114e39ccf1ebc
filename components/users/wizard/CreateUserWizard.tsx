"use client";

import { startTransition, useActionState, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { TagRowsEditor } from "../TagRowsEditor";
import type { Choices, GroupChoice } from "./choices";
import { EMPTY_DRAFT, hasErrors, permissionsErrors, tagErrors, userDetailsErrors, type CreateUserDraft, type StepErrors } from "./draft";
import type { CreateUserOutcome } from "./outcome";
import { PermissionsStep } from "./PermissionsStep";
import { RetrievePassword } from "./RetrievePassword";
import { ReviewStep } from "./ReviewStep";
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
  groups,
  searchPolicies,
}: {
  createUser: CreateUserAction;
  groups: Choices<GroupChoice>;
  searchPolicies: PickerSearch;
}) {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<CreateUserDraft>(EMPTY_DRAFT);
  const [shownErrors, setShownErrors] = useState<StepErrors>({});
  const [outcome, submit, pending] = useActionState<CreateUserOutcome, CreateUserDraft>(createUser, {});

  if (outcome.created) {
    return <RetrievePassword created={outcome.created} />;
  }

  const update = (change: Partial<CreateUserDraft>) => setDraft((current) => ({ ...current, ...change }));
  const errorsFor = (index: number): StepErrors =>
    index === 0 ? userDetailsErrors(draft) : index === 1 ? permissionsErrors(draft) : index === 2 ? tagErrors(draft.tags) : {};
  const next = () => {
    const errors = errorsFor(step);
    setShownErrors(errors);
    if (!hasErrors(errors)) setStep(step + 1);
  };
  const back = () => {
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
          else startTransition(() => submit({ ...draft, path: draft.path || "/" }));
        }}
        data-testid="create-user-wizard"
      >
        <h2 id="wizard-step-title" className="text-lg font-semibold text-slate-900">
          <span className="sr-only">Step {step + 1} of {STEPS.length}: </span>
          {STEPS[step]}
        </h2>
        {step === 0 && <UserDetailsStep draft={draft} errors={liveErrors} update={update} />}
        {step === 1 && <PermissionsStep draft={draft} errors={liveErrors} update={update} groups={groups} searchPolicies={searchPolicies} />}
        {step === 2 && (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-700">Tags are key/value pairs you can use to organise users and in policy conditions. Up to 50.</p>
            <TagRowsEditor tags={draft.tags} onChange={(tags) => update({ tags })} errors={liveErrors} />
          </div>
        )}
        {step === 3 && <ReviewStep draft={draft} />}
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
            <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="create-user-submit">
              {pending ? "Creating user…" : "Create user"}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
