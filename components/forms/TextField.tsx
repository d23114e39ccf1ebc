"use client";

import { useId } from "react";

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "className">;

/** A labelled input with optional help text and error, both tied to the input for screen readers. */
export function TextField({
  label,
  description,
  error,
  testId,
  "aria-describedby": alsoDescribedBy,
  ...input
}: InputProps & { label: string; description?: React.ReactNode; error?: string; testId?: string }) {
  const id = useId();
  // A description outside the field (a password's rules list) adds to the field's own.
  const describedBy = [description ? `${id}-description` : "", alsoDescribedBy ?? "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
        className={
          "rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 " +
          (error ? "border-red-500" : "border-slate-300")
        }
        {...input}
      />
      {description && (
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
