"use client";

import { useId } from "react";

type CheckboxProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "className">;

/** A checkbox whose whole label is clickable, with optional help text underneath. */
export function Checkbox({
  label,
  description,
  testId,
  ...input
}: CheckboxProps & { label: React.ReactNode; description?: React.ReactNode; testId?: string }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        data-testid={testId}
        aria-describedby={description ? `${id}-description` : undefined}
        className="mt-0.5 size-4 shrink-0 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        {...input}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-slate-800">
          {label}
        </label>
        {description && (
          <p id={`${id}-description`} className="text-xs text-slate-600">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}
