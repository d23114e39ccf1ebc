import Link from "next/link";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import { Disclosure } from "@/components/console/Disclosure";
import { Panel } from "@/components/console/Panel";
import { ActionForm } from "@/components/forms/ActionForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { SearchPicker } from "@/components/forms/SearchPicker";
import { PolicyTypeBadge } from "@/components/policies/PolicyTypeBadge";
import { policyHref } from "@/components/policies/policyHref";
import { nameInArn } from "./notices";
import { searchPolicies } from "./pickerSearch";
import { removePermissionsBoundary, setPermissionsBoundary } from "./permissionsBoundaryActions";
import type { BoundaryPermissions, BoundaryPrincipal } from "./permissionsBoundaryChecks";

/**
 * A user's or role's permissions boundary, on its Permissions tab as in the AWS console: which
 * managed policy caps its permissions (or that none does), and Set, Change or Remove. The policy is
 * chosen with the account's policy picker, one page of matches at a time.
 */
export function PermissionsBoundaryPanel({
  principal,
  boundaryArn,
  permissions,
  returnTo,
}: {
  principal: BoundaryPrincipal;
  /** The boundary's ARN, as GetUser or GetRole returned it; absent when none is set. */
  boundaryArn?: string;
  /** pagePermissions over permissionsBoundaryChecks(principal). */
  permissions: BoundaryPermissions;
  /** The principal's page (its tab may be named: /roles/Deployer?tab=permissions), revalidated after a change. */
  returnTo: string;
}) {
  const who = `${principal.kind} ${principal.name}`;
  const boundaryName = boundaryArn && nameInArn(boundaryArn);
  return (
    <Panel
      title="Permissions boundary"
      description={`A permissions boundary is a managed policy that sets the maximum permissions ${who}'s identity-based policies can grant; it grants no permissions by itself.`}
      testId="permissions-boundary"
    >
      {boundaryArn ? (
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-900" data-testid="permissions-boundary-current">
          <span>Boundary:</span>
          <Link href={policyHref(boundaryArn)} className={`${buttonStyles.link} font-medium wrap-anywhere`} data-testid="permissions-boundary-policy">
            {boundaryName}
          </Link>
          <PolicyTypeBadge awsManaged={boundaryArn.startsWith("arn:aws:iam::aws:")} />
          <span className="w-full text-slate-600">
            {principal.kind === "user" ? "The user" : "The role"} may do only what both its policies and {boundaryName} allow.
          </span>
        </p>
      ) : (
        <p className="text-sm text-slate-600" data-testid="permissions-boundary-none">
          No permissions boundary is set: {who}&apos;s identity-based policies alone decide what it may do.
        </p>
      )}
      <div className="flex flex-col items-start gap-3">
        <Disclosure summary={boundaryArn ? "Change boundary" : "Set boundary"} testId="permissions-boundary-set" permission={permissions.setBoundary}>
          <ActionForm
            action={setPermissionsBoundary.bind(null, principal, returnTo)}
            submitLabel={boundaryArn ? "Change boundary" : "Set boundary"}
            pendingLabel="Saving…"
            variant="primary"
            className="flex flex-col items-start gap-3"
            submitTestId="permissions-boundary-submit"
          >
            <SearchPicker
              legend="Managed policy to use as the boundary"
              name="policyArn"
              search={searchPolicies}
              unavailable={new Set(boundaryArn ? [boundaryArn] : [])}
              unavailableReason="current boundary"
              max={1}
              maxMessage={`A ${principal.kind} has one permissions boundary: take the chosen policy out of the selection to choose another.`}
              filterLabel="Search boundary policies by name"
              emptyText="There are no managed policies."
              testId="permissions-boundary-picker"
            />
          </ActionForm>
        </Disclosure>
        {boundaryArn && (
          <ConfirmActionDialog
            action={removePermissionsBoundary.bind(null, principal, returnTo)}
            triggerLabel="Remove boundary"
            title={`Remove the permissions boundary from ${who}?`}
            confirmLabel="Remove boundary"
            testId="permissions-boundary-remove"
            permission={permissions.removeBoundary}
          >
            From its next request, {who} may do everything its identity-based policies allow, including what {boundaryName} does not allow.
          </ConfirmActionDialog>
        )}
      </div>
    </Panel>
  );
}
