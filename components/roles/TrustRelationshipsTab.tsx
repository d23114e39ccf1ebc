import { trustedEntities, trustedEntityLabel, trustsAnyone } from "@/lib/iam/roles/trustedEntities";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";

/**
 * A role's Trust relationships tab: who may assume it, summarized from the trust policy (with the
 * MFA and external-ID conditions read out, and a warning when anyone may), then the policy itself
 * and "Edit trust policy".
 */
export function TrustRelationshipsTab({
  trustPolicy,
  accountId,
  editHref,
  permission,
}: {
  trustPolicy: string;
  accountId: string;
  editHref: string;
  permission?: ControlPermission;
}) {
  const summary = trustedEntities(trustPolicy, accountId);
  const labels = summary.ok ? [...new Set(summary.entities.map(trustedEntityLabel))] : [];
  const open = summary.ok && summary.entities.some(trustsAnyone);
  return (
    <div className="flex flex-col gap-5">
      <Panel title="Trusted entities" description="Principals that may assume this role, as its trust policy's Allow statements name them." testId="trusted-entities">
        {!summary.ok ? (
          <p className="text-sm text-red-800">{summary.problem}</p>
        ) : labels.length === 0 ? (
          <p className="text-sm text-slate-600">No statement allows anyone to assume this role.</p>
        ) : (
          <ul className="list-disc pl-5 text-sm text-slate-900" data-testid="trusted-entities-list">
            {labels.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
        )}
        {open && (
          <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="trusts-anyone">
            This trust policy lets any principal of any AWS account assume the role (&quot;*&quot; without a narrowing condition). Name the accounts, roles or services that need it instead.
          </p>
        )}
      </Panel>
      <Panel title="Trust policy" testId="trust-policy">
        <PolicyDocumentView document={trustPolicy} label="Trust policy" />
        <div>
          <ButtonLink href={editHref} variant="secondary" testId="edit-trust-policy" permission={permission}>
            Edit trust policy
          </ButtonLink>
        </div>
      </Panel>
    </div>
  );
}
