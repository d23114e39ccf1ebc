"use client";

import { useActionState } from "react";
import { buttonStyles, type ButtonVariant } from "./buttonStyles";
import { ErrorRegion } from "./ErrorRegion";
import type { ActionState, FormAction } from "./actionState";

/**
 * A form that runs one server action (Detach, Remove, Untag, …) and shows its error, if any, right
 * under it. The action revalidates the page on success, so the form itself keeps no state.
 */
export function ActionForm({
  action,
  hidden = {},
  submitLabel,
  pendingLabel,
  variant = "secondary",
  children,
  testId,
  submitTestId,
  className = "",
  submitAriaLabel,
  disabled,
}: {
  action: FormAction;
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  children?: React.ReactNode;
  testId?: string;
  submitTestId?: string;
  className?: string;
  submitAriaLabel?: string;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  return (
    <form action={formAction} className={className} data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button
        type="submit"
        className={buttonStyles[variant]}
        disabled={pending || disabled}
        aria-label={submitAriaLabel}
        data-testid={submitTestId}
      >
        {pending ? (pendingLabel ?? `${submitLabel}…`) : submitLabel}
      </button>
      <ErrorRegion error={state.error} />
    </form>
  );
}
