import type { IamErrorView } from "@/lib/iam/core/errors";
import { AccessDeniedPanel } from "./AccessDeniedPanel";

/** An operation's error as a person reads it: the AWS error code and a sentence to act on. */
export function ErrorPanel({ error }: { error: IamErrorView }) {
  if (error.accessDenied) return <AccessDeniedPanel denied={error.accessDenied} />;
  return (
    <section
      aria-label={`Error: ${error.code}`}
      data-testid="operation-error"
      className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <h2 className="font-semibold">
        {error.code}
      </h2>
      <p className="mt-1">{error.message}</p>
    </section>
  );
}
