import type { IamErrorView } from "@/lib/iam/core/errors";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";

/**
 * Where an operation's error appears under a form. A polite live region (role="status"), not
 * role="alert": Next's route announcer is already an alert and tests must tell them apart.
 */
export function ErrorRegion({ error, testId }: { error?: IamErrorView; testId?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid={testId}>
      {error && (
        <div className="mt-3">
          <ErrorPanel error={error} />
        </div>
      )}
    </div>
  );
}
