import type { Metadata } from "next";
import { AccessDeniedPanel } from "@/components/feedback/AccessDeniedPanel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { AccountState } from "@/components/dashboard/AccountState";
import { AliasEditor } from "@/components/dashboard/AliasEditor";
import { Checklist } from "@/components/dashboard/Checklist";
import { CopyButton } from "@/components/console/CopyButton";
import { KeyActions } from "@/components/dashboard/KeyActions";
import { OwnCredentials } from "@/components/dashboard/OwnCredentials";
import { ResourceCounts } from "@/components/dashboard/ResourceCounts";
import { usersListHref } from "@/components/users/usersListFilters";
import { FINDING_TYPE_LABELS, findingsHref } from "@/components/findings/findingLabels";
import { DEFAULT_UNUSED_ACCESS_DAYS, UNUSED_FINDING_TYPES } from "@/lib/iam/reports/unusedAccessFindings";
import type { ListUnusedAccessFindingsOutput } from "@/lib/iam/reports/unusedAccess";
import { currentOrigin } from "@/lib/auth/request";
import { requireConsoleSession } from "@/lib/auth/session";
import type { AccountSummary } from "@/lib/iam/account/summary";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { KEY_ROTATION_DAYS } from "@/lib/iam/core/rules";
import { deleteAccountAlias, saveAccountAlias, attachSelfServicePolicy } from "./actions";
import { ADMINISTRATOR_ITEMS, bestPracticeChecklist } from "./checklist";
import { loadDashboard, type DashboardData } from "./loadDashboard";
import { SELF_SERVICE_POLICY } from "./mfaAdvice";

export const metadata: Metadata = { title: "Dashboard · Portcullis" };
export const dynamic = "force-dynamic";

/** A card whose operation was refused: the engine's explanation in its place, or the error. */
function Refused({ title, error }: { title: string; error: IamErrorView }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2" data-testid="card-refused">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {error.accessDenied ? <AccessDeniedPanel denied={error.accessDenied} /> : <ErrorPanel error={error} />}
    </section>
  );
}

const DESCRIPTIONS = {
  root: "Your account at a glance, and how it measures up to AWS's guidance for the root user and IAM users.",
  administrator: "The account's state: its IAM resources, and the users whose credentials need attention.",
  employee: "Your own credentials at a glance, and what your permissions let you do.",
} as const;

function IamResources({ summary }: { summary: AccountSummary }) {
  return (
    <Panel title="IAM resources" testId="resources-card">
      <ResourceCounts
        counts={[
          { label: "Users", noun: ["user", "users"], count: summary.Users, quota: summary.UsersQuota, href: "/users" },
          { label: "User groups", noun: ["user group", "user groups"], count: summary.Groups, quota: summary.GroupsQuota, href: "/groups" },
          { label: "Roles", noun: ["role", "roles"], count: summary.Roles, quota: summary.RolesQuota, href: "/roles" },
          { label: "Customer managed policies", noun: ["customer managed policy", "customer managed policies"], count: summary.Policies, quota: summary.PoliciesQuota, href: "/policies" },
        ]}
      />
    </Panel>
  );
}

function Recommendations({ data, summary }: { data: DashboardData; summary: AccountSummary }) {
  const audience = data.audience === "root" ? "root" : "administrator";
  const all = bestPracticeChecklist(summary, { audience, mfaEnrollment: data.mfaEnrollment });
  const items = audience === "root" ? all : all.filter((item) => ADMINISTRATOR_ITEMS.includes(item.id));
  // One answer for every group: the check was asked with the group still to be chosen.
  const fixPermissions = Object.fromEntries(items.flatMap((item) => item.fixes ?? []).map((fix) => [fix.groupName, data.permissions.attachGroupPolicy]));
  return (
    <Panel
      title="Security recommendations"
      description={audience === "root" ? "Checked live against this account each time you open the dashboard." : "AWS's guidance for IAM users, checked live against this account."}
      testId="checklist-card"
    >
      <Checklist items={items} fixes={{ policyName: SELF_SERVICE_POLICY, attach: attachSelfServicePolicy, permissions: fixPermissions }} />
    </Panel>
  );
}

function AdministratorState({ summary }: { summary: AccountSummary }) {
  return (
    <Panel title="Account state" description="Where the account departs from AWS's guidance. Each count opens the users it is about." testId="account-state-card">
      <AccountState
        facts={[
          { id: "users-without-mfa", label: "Console users without MFA", count: summary.ConsoleUsersWithoutMFA, noun: ["user", "users"], href: usersListHref({ console: "enabled", mfa: "without" }), warnWhenAny: true },
          {
            id: "old-access-keys",
            label: `Active access keys older than ${KEY_ROTATION_DAYS} days`,
            count: summary.AccessKeysOlderThan90Days,
            noun: ["access key", "access keys"],
            href: usersListHref({ keys: "older-than-90-days" }),
            warnWhenAny: true,
          },
          { id: "direct-policies", label: "Users with policies attached directly", count: summary.UsersWithDirectPolicies, noun: ["user", "users"], warnWhenAny: true },
          { id: "console-users", label: "Users who can sign in to the console", count: summary.UsersWithConsoleAccess, noun: ["user", "users"], href: usersListHref({ console: "enabled" }), warnWhenAny: false },
        ]}
      />
      <p className="text-sm text-slate-700" data-testid="root-user-state">
        Root user: {summary.AccountMFAEnabled === 1 ? "MFA enabled" : "no MFA device"}, {summary.AccountAccessKeysPresent === 1 ? "has access keys" : "no access keys"}.
        {(summary.AccountMFAEnabled === 0 || summary.AccountAccessKeysPresent === 1) && " Only the account owner, signed in as the root user, can change this."}
      </p>
    </Panel>
  );
}

const FINDING_NOUNS = {
  UnusedIAMUser: ["user", "users"],
  UnusedIAMRole: ["role", "roles"],
  UnusedIAMUserPassword: ["password", "passwords"],
  UnusedIAMUserAccessKey: ["access key", "access keys"],
  UnusedPermission: ["service", "services"],
} as const;

function UnusedAccess({ findings }: { findings: ListUnusedAccessFindingsOutput }) {
  return (
    <Panel
      title="Unused access"
      description={`Active findings: what nobody used for ${DEFAULT_UNUSED_ACCESS_DAYS} days, from the audit log. Each count opens its findings.`}
      testId="unused-access-card"
    >
      <AccountState
        facts={UNUSED_FINDING_TYPES.map((type) => ({
          id: `findings-${type}`,
          label: `${FINDING_TYPE_LABELS[type]} findings`,
          count: findings.ActiveCounts[type],
          noun: FINDING_NOUNS[type],
          href: findingsHref(type),
          warnWhenAny: true,
        }))}
      />
    </Panel>
  );
}

export default async function DashboardPage() {
  const session = await requireConsoleSession();
  const { caller } = session;
  const [data, origin] = await Promise.all([loadDashboard(caller), currentOrigin()]);
  const accountId = caller.accountId!;
  const alias = data.aliases?.ok ? data.aliases.value.AccountAliases[0] : session.accountAlias;
  const accountName = data.aliases?.ok ? data.aliases.value.ConsoleColumns?.AccountName : undefined;
  // Either works in the URL; the alias is what people remember. A caller who may not list aliases
  // still sees the alias their session shows in the header (see lib/auth/session.ts).
  const signInUrl = `${origin}/signin?account=${encodeURIComponent(alias ?? accountId)}`;

  return (
    <div className="flex max-w-5xl flex-col gap-5" data-testid={`dashboard-${data.audience}`}>
      <PageHeader title="IAM dashboard" description={DESCRIPTIONS[data.audience]} />

      <Panel title="AWS account" testId="account-card">
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Account ID</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-base" data-testid="account-id">
                {accountId}
              </span>
              <CopyButton value={accountId} label="Copy account ID" />
            </dd>
          </div>
          {accountName !== undefined && (
            <div>
              <dt className="text-slate-600">Account name</dt>
              <dd className="text-base wrap-anywhere" data-testid="account-name">
                {accountName}
              </dd>
            </div>
          )}
        </dl>
        <AliasEditor alias={alias} save={saveAccountAlias} remove={deleteAccountAlias} permissions={{ create: data.permissions.createAlias, delete: data.permissions.deleteAlias }} />
      </Panel>

      <Panel title="Sign-in URL for IAM users in this account" description="Share it with your IAM users: it opens the sign-in page with the account filled in." testId="signin-url-card">
        <div className="flex flex-wrap items-center gap-3">
          <code className="rounded bg-slate-100 px-2 py-1 text-sm wrap-anywhere" data-testid="signin-url">
            {signInUrl}
          </code>
          <CopyButton value={signInUrl} label="Copy sign-in URL" size="regular" />
        </div>
      </Panel>

      {data.audience === "employee" ? (
        <>
          <Panel title="Your security credentials" description="Your password, MFA and access keys, and what to do next." testId="own-credentials-card">
            <OwnCredentials view={data.ownCredentials!} now={Date.now()} />
          </Panel>
          <Panel title="What you can do" description="What your policies allow, as the policy engine decides it for you now." testId="key-actions-card">
            <KeyActions actions={data.keyActions} hasMfaDevice={(data.ownCredentials?.mfaDevices ?? 0) > 0} />
          </Panel>
        </>
      ) : data.summary?.ok ? (
        <>
          <IamResources summary={data.summary.value.SummaryMap} />
          {data.audience === "administrator" && <AdministratorState summary={data.summary.value.SummaryMap} />}
          {data.unusedAccess && (data.unusedAccess.ok ? <UnusedAccess findings={data.unusedAccess.value} /> : <Refused title="Unused access" error={data.unusedAccess.error} />)}
          <Recommendations data={data} summary={data.summary.value.SummaryMap} />
        </>
      ) : (
        data.summary && <Refused title="IAM resources" error={data.summary.error} />
      )}
    </div>
  );
}
