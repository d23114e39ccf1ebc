import { SignInWithMfaButton } from "@/components/permissions/SignInWithMfaButton";
import type { ReviewPermissions } from "./reviewPermissions";

export const REVIEW_DENIALS_ID = "wizard-review-denials";

/**
 * On the Review step, before Create user: the steps the engine would refuse for what was entered, and
 * why, so the person can go back and change them (or ask for the permission) instead of being refused
 * at the end. Create user is off while any is listed; its aria-describedby reads the list.
 */
export function ReviewDenials({ permissions }: { permissions: ReviewPermissions | undefined }) {
  if (!permissions) return null;
  if (permissions.state === "checking") {
    return (
      <p role="status" className="text-sm text-slate-600" data-testid="wizard-review-checking">
        Checking your permissions for these choices…
      </p>
    );
  }
  if (permissions.denials.length === 0) return null;
  return (
    <section aria-label="Not allowed" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="wizard-review-denials">
      <h3 className="font-semibold">Your permissions do not allow {permissions.denials.length === 1 ? "this step" : "these steps"}</h3>
      <ul id={REVIEW_DENIALS_ID} className="mt-2 flex list-disc flex-col gap-1 pl-5">
        {permissions.denials.map((denial) => (
          <li key={denial.step}>
            <span className="font-medium">{denial.step}</span>: {denial.reason}
          </li>
        ))}
      </ul>
      <p className="mt-2">Go back and change your choices, or ask an administrator for the permission. Nothing has been created.</p>
      {permissions.denials.some((denial) => denial.needsMfa) && (
        <div className="mt-2">
          <SignInWithMfaButton variant="secondary" />
        </div>
      )}
    </section>
  );
}
