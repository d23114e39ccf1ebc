/**
 * The live region a sign-in form announces its outcome in. role="status" (polite), not role="alert":
 * Next's route announcer is already an alert, and tests must be able to tell the two apart.
 */
export function FormMessage({ title, children, testId }: { title?: string; children?: React.ReactNode; testId?: string }) {
  return (
    <div role="status" aria-live="polite" aria-label="Form message" data-testid={testId}>
      {title && (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{title}</p>
          {children && <p className="mt-1">{children}</p>}
        </div>
      )}
    </div>
  );
}
