import type { IamErrorView } from "@/lib/iam/core/errors";
import { SignInWithMfaButton } from "@/components/permissions/SignInWithMfaButton";

type AccessDenied = NonNullable<IamErrorView["accessDenied"]>;

/**
 * What a person sees when the policy engine says no: the action, the resource, and the engine's
 * explanation (the statement that denied it, or that no statement allows it), and the fix: signing
 * in again with MFA when only an MFA condition stands in the way, else asking an administrator.
 */
export function AccessDeniedPanel({ denied }: { denied: AccessDenied }) {
  return (
    // Labelled by aria-label rather than an id: a page can show several of these (one per card).
    <section
      aria-label="Access denied"
      data-testid="access-denied"
      className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900"
    >
      <h2 className="text-base font-semibold">
        Access denied
      </h2>
      <p className="mt-1" data-testid="access-denied-principal">
        <code className="font-mono break-all">{denied.principal}</code> is not authorized to perform <code className="font-mono font-semibold">{denied.action}</code> on{" "}
        <code className="font-mono break-all">{denied.resource}</code>.
      </p>
      <p className="mt-2" data-testid="access-denied-explanation">
        {denied.summary}
      </p>
      {denied.decidedBy.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {denied.decidedBy.map((ref) => (
            <li key={`${ref.policy}#${ref.index}`}>
              {ref.effect} statement <code className="font-mono">{ref.statement}</code> in {ref.policyType} policy{" "}
              <code className="font-mono">{ref.policy}</code>
            </li>
          ))}
        </ul>
      )}
      {denied.unmetConditions && (
        <div className="mt-2" data-testid="access-denied-unmet-conditions">
          <p>These statements would allow it, but a condition was not met:</p>
          <ul className="mt-1 list-disc pl-5">
            {denied.unmetConditions.map((unmet) => (
              <li key={`${unmet.policy}#${unmet.statement}`}>
                Statement <code className="font-mono">{unmet.statement}</code> in {unmet.policyKind} <code className="font-mono">{unmet.policy}</code> requires{" "}
                <code className="font-mono">
                  {unmet.operator} {unmet.key} {unmet.values.join(", ")}
                </code>
                ; this request has <code className="font-mono">{unmet.requestValue === null ? "no value" : [unmet.requestValue].flat().join(", ")}</code>.
              </li>
            ))}
          </ul>
        </div>
      )}
      {denied.needsMfa ? (
        <div className="mt-3 flex flex-col items-start gap-2" data-testid="access-denied-needs-mfa">
          <p className="text-red-800">
            This action needs a session signed in with MFA. Sign out, then sign in again with a code from your MFA device (assign one first if you have none).
          </p>
          <SignInWithMfaButton variant="secondary" />
        </div>
      ) : denied.sessionRevoked ? (
        <p className="mt-2 text-red-800" data-testid="access-denied-session-revoked">
          An administrator revoked this role&apos;s active sessions, so everything this session asks is denied. Go back to your user and switch to the role again for a new session.
        </p>
      ) : (
        <p className="mt-2 text-red-800">Ask an administrator to grant this permission if you need it.</p>
      )}
    </section>
  );
}
