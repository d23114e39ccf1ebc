import { ButtonLink } from "@/components/forms/ButtonLink";
import { buttonStyles } from "@/components/forms/buttonStyles";

/**
 * The save row under a policy editor: Cancel, and a submit button that stays disabled while the
 * document has error findings (warnings never block), saying why next to it.
 */
export function PolicySaveBar({
  id,
  documentHasErrors,
  pending,
  cancelHref,
  label,
  pendingLabel,
  blockedMessage = "Fix the errors in the policy document before saving.",
  testId,
}: {
  /** Prefix for the explanation's id, unique on the page. */
  id: string;
  documentHasErrors: boolean;
  pending: boolean;
  cancelHref: string;
  label: string;
  pendingLabel: string;
  blockedMessage?: string;
  testId: string;
}) {
  const blockedId = `${id}-blocked`;
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {documentHasErrors && (
        <p id={blockedId} className="text-sm text-red-800">
          {blockedMessage}
        </p>
      )}
      <ButtonLink href={cancelHref} variant="secondary">
        Cancel
      </ButtonLink>
      <button
        type="submit"
        className={buttonStyles.primary}
        disabled={pending || documentHasErrors}
        aria-describedby={documentHasErrors ? blockedId : undefined}
        data-testid={testId}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
