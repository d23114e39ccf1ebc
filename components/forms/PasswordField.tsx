"use client";

import { useId, useState } from "react";
import type { PasswordRules } from "@/lib/iam/core/passwordRules";
import { buttonStyles } from "./buttonStyles";
import { PasswordRulesChecklist } from "./PasswordRulesChecklist";

/**
 * A password input with a Show/Hide toggle; the browser is told not to autofill or save it. Given
 * the account's password rules, it lists them underneath and ticks each as the password meets it.
 */
export function PasswordField({
  label,
  name,
  value,
  onChange,
  error,
  description,
  testId,
  rules,
}: {
  label: string;
  name?: string;
  value?: string;
  onChange?: (value: string) => void;
  error?: string;
  description?: string;
  testId?: string;
  rules?: PasswordRules;
}) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  // An uncontrolled field still needs what is typed, for the rules' ticks.
  const [typed, setTyped] = useState("");
  const describedBy = [description ? `${id}-description` : "", rules ? `${id}-rules` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name={name}
          type={visible ? "text" : "password"}
          autoComplete="new-password"
          value={value}
          onChange={(event) => {
            setTyped(event.target.value);
            onChange?.(event.target.value);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          data-testid={testId}
          className={
            "w-full max-w-sm rounded-md border bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 " +
            (error ? "border-red-500" : "border-slate-300")
          }
        />
        <button type="button" className={buttonStyles.secondary} onClick={() => setVisible(!visible)} aria-pressed={visible}>
          {visible ? "Hide" : "Show"}
          <span className="sr-only"> password</span>
        </button>
      </div>
      {description && (
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
        </p>
      )}
      {rules && <PasswordRulesChecklist id={`${id}-rules`} rules={rules} password={value ?? typed} />}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
