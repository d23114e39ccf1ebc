import type { Metadata } from "next";
import { AccessDeniedPanel } from "@/components/feedback/AccessDeniedPanel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { AliasEditor } from "@/components/dashboard/AliasEditor";
import { Checklist } from "@/components/dashboard/Checklist";
import { CopyButton } from "@/components/dashboard/CopyButton";
import { ResourceCounts } from "@/components/dashboard/ResourceCounts";
import { currentOrigin } from "@/lib/auth/request";
import { requireConsoleSession } from "@/lib/auth/session";
import { GetAccountSummary } from "@/lib/iam/account/summary";
import { ListAccountAliases } from "@/lib/iam/account/aliases";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { readOperation } from "../_server/readOperation";
import { deleteAccountAlias, saveAccountAlias } from "./actions";
import { bestPracticeChecklist, type ChecklistItem } from "./checklist";

export const metadata: Metadata = { title: "Dashboard · Portcullis" };

/** A card whose operation was refused: the engine's explanation in its place, or the error. */
function Refused({ title, error }: { title: string; error: IamErrorView }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2" data-testid="card-refused">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {error.accessDenied ? <AccessDeniedPanel denied={error.accessDenied} /> : <ErrorPanel error={error} />}
    </section>
  );
}

export default async function DashboardPage() {
  const { caller, accountAlias: sessionAlias } = await requireConsoleSession();
  const accountId = caller.accountId!;
  const [aliases, summary, origin] = await Promise.all([
    readOperation(ListAccountAliases, {}, caller),
    readOperation(GetAccountSummary, {}, caller),
    currentOrigin(),
  ]);
  const alias = aliases.ok ? aliases.value.AccountAliases[0] : undefined;
  // Either works in the URL; the alias is what people remember. A caller who may not list aliases
  // still sees the alias their session shows in the header (see lib/auth/session.ts).
  const signInUrl = `${origin}/signin?account=${encodeURIComponent((aliases.ok ? alias : sessionAlias) ?? accountId)}`;
  // The checklist is computed from the summary; without it, it is refused for the same reason.
  const recommendations: { ok: true; items: ChecklistItem[] } | { ok: false; error: IamErrorView } = summary.ok
    ? { ok: true, items: bestPracticeChecklist(summary.value.SummaryMap) }
    : { ok: false, error: summary.error };

  return (
    <div className="flex max-w-5xl flex-col gap-5">
      <PageHeader title="IAM dashboard" description="Your account at a glance, and how it measures up to AWS's guidance for the root user and IAM users." />

      {aliases.ok ? (
        <Panel title="AWS account" testId="account-card">
          <dl className="text-sm">
            <dt className="text-slate-600">Account ID</dt>
            <dd className="font-mono text-base" data-testid="account-id">
              {accountId}
            </dd>
          </dl>
          <AliasEditor alias={alias} save={saveAccountAlias} remove={deleteAccountAlias} />
        </Panel>
      ) : (
        <Refused title="AWS account" error={aliases.error} />
      )}

      <Panel title="Sign-in URL for IAM users in this account" description="Share it with your IAM users: it opens the sign-in page with the account filled in." testId="signin-url-card">
        <div className="flex flex-wrap items-center gap-3">
          <code className="rounded bg-slate-100 px-2 py-1 text-sm wrap-anywhere" data-testid="signin-url">
            {signInUrl}
          </code>
          <CopyButton value={signInUrl} label="Copy URL" />
        </div>
      </Panel>

      {summary.ok ? (
        <Panel title="IAM resources" testId="resources-card">
          <ResourceCounts
            counts={[
              { label: "Users", count: summary.value.SummaryMap.Users, quota: summary.value.SummaryMap.UsersQuota, href: "/users" },
              { label: "User groups", count: summary.value.SummaryMap.Groups, quota: summary.value.SummaryMap.GroupsQuota, href: "/groups" },
              { label: "Customer managed policies", count: summary.value.SummaryMap.Policies, quota: summary.value.SummaryMap.PoliciesQuota, href: "/policies" },
            ]}
          />
        </Panel>
      ) : (
        <Refused title="IAM resources" error={summary.error} />
      )}

      {recommendations.ok ? (
        <Panel title="Security recommendations" description="Checked live against this account each time you open the dashboard." testId="checklist-card">
          <Checklist items={recommendations.items} />
        </Panel>
      ) : (
        <Refused title="Security recommendations" error={recommendations.error} />
      )}
    </div>
  );
}
