import { buttonStyles } from "@/components/forms/buttonStyles";

/** AWS's green success banner: what changed, in one or two sentences, with an optional Dismiss. */
export function NoticeBanner({ children, onDismiss, testId = "notice" }: { children: React.ReactNode; onDismiss?: () => void; testId?: string }) {
  return (
    <div className="flex items-start justify-between gap-3 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950" data-testid={testId}>
      <p className="flex items-start gap-2">
        <span aria-hidden="true" className="font-bold text-emerald-700">
          ✓
        </span>
        <span>{children}</span>
      </p>
      {onDismiss && (
        <button type="button" className={`${buttonStyles.link} shrink-0 text-emerald-900`} onClick={onDismiss}>
          Dismiss<span className="sr-only"> notice</span>
        </button>
      )}
    </div>
  );
}
