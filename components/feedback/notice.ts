// A success notice, AWS's green banner: a server action says what it changed by choosing one of
// these kinds and naming the entities involved, and the console shell shows the fixed sentence the
// kind stands for. It travels to the browser in a short-lived cookie (notify() in
// app/(console)/_server/notices.ts), so it survives the action's redirect. The cookie is the
// browser's to read and anyone can write one, so what it carries is checked again here: a known
// kind, names made only of IAM's name characters, a small count. Nothing in it is ever HTML.

import { plural } from "@/components/text/plural";

export const NOTICE_COOKIE = "portcullis-notice";
/** Seconds the cookie lives: long enough to reach the page the action redirects to, short enough not to surprise later. */
export const NOTICE_MAX_AGE = 30;

export interface Notice {
  readonly kind: NoticeKind;
  /** The entity the change was made to (the group, the user, the policy). */
  readonly subject?: string;
  /** A second entity involved (the policy detached, the member removed, the device added). */
  readonly object?: string;
  /** What kind of entity the subject is, where the sentence must say it. */
  readonly entity?: "user" | "group" | "role";
  readonly count?: number;
}

type Sentence = (notice: Notice) => string;

const s = (notice: Notice) => notice.subject ?? "";
const o = (notice: Notice) => notice.object ?? "";
const e = (notice: Notice) => notice.entity ?? "user";
const n = (notice: Notice) => notice.count ?? 0;
/** "Policy ReadOnly" when one was named, else "3 policies". */
const counted = (notice: Notice, one: string, many: string) => (n(notice) === 1 && notice.object ? `${one[0]!.toUpperCase()}${one.slice(1)} ${o(notice)}` : plural(n(notice), one, many));

const SENTENCES = {
  "group-created": (x) => `User group ${s(x)} created. Add users on its Users tab and policies on its Permissions tab.`,
  "group-renamed": (x) => `User group renamed to ${s(x)}.`,
  "group-deleted": (x) => `User group ${s(x)} deleted.`,
  "user-created": (x) => `User ${s(x)} created.`,
  "user-deleted": (x) => `User ${s(x)} deleted, with its credentials, group memberships and policies.`,
  "role-created": (x) => `Role ${s(x)} created. Who may assume it is on its Trust relationships tab; what it may do, on its Permissions tab.`,
  "role-deleted": (x) => `Role ${s(x)} deleted, with its attached and inline policies.`,
  "role-updated": (x) => `Role ${s(x)} saved.`,
  "trust-policy-saved": (x) => `Trust policy of role ${s(x)} saved. It decides who may assume the role from now on.`,
  "role-sessions-revoked": (x) => `Sessions of role ${s(x)} issued before now are revoked: the inline policy AWSRevokeOlderSessions denies them every action.`,
  "policy-created": (x) => `Policy ${s(x)} created. Attach it to users or groups on the Entities attached tab.`,
  "policy-version-saved": (x) => `Policy ${s(x)} saved as a new version.`,
  "policy-default-version-set": (x) => `Version ${o(x)} is now the default version of ${s(x)}: it applies to every user and group the policy is attached to.`,
  "policy-version-deleted": (x) => `Version ${o(x)} of ${s(x)} deleted.`,
  "policy-deleted": (x) => `Policy ${s(x)} deleted.`,
  "policies-attached": (x) => `${counted(x, "policy", "policies")} attached to ${e(x)} ${s(x)}.`,
  "policy-detached": (x) => `Policy ${o(x)} detached from ${e(x)} ${s(x)}.`,
  "policy-attached-to-entities": (x) => `Policy ${s(x)} attached to ${plural(n(x), "user or group", "users and groups")}.`,
  "inline-policy-saved": (x) => `Inline policy ${o(x)} of ${e(x)} ${s(x)} saved.`,
  "inline-policy-deleted": (x) => `Inline policy ${o(x)} of ${e(x)} ${s(x)} deleted.`,
  "permissions-boundary-set": (x) => `Permissions boundary of ${e(x)} ${s(x)} set to ${o(x)}: the ${e(x)}'s policies now grant at most what ${o(x)} allows.`,
  "permissions-boundary-removed": (x) => `Permissions boundary removed from ${e(x)} ${s(x)}: its identity-based policies alone now decide what it may do.`,
  "members-added": (x) => `${counted(x, "user", "users")} added to group ${s(x)}.`,
  "member-removed": (x) => `User ${o(x)} removed from group ${s(x)}.`,
  "groups-joined": (x) => `User ${s(x)} added to ${n(x) === 1 && x.object ? `group ${o(x)}` : plural(n(x), "group")}.`,
  "tags-saved": (x) => `Tags of ${e(x)} ${s(x)} saved.`,
  "console-password-set": (x) => `Console password of user ${s(x)} set.`,
  "console-sign-in-unlocked": (x) => `Sign-in of user ${s(x)} unlocked: the user can try their password again now.`,
  "console-access-disabled": (x) => `Console access of user ${s(x)} disabled: the user can no longer sign in to the console.`,
  "password-changed": () => "Your password was changed. Your other sessions were signed out.",
  "own-mfa-device-added": (x) =>
    `MFA device ${o(x)} assigned. Every sign-in now asks for a code from it. To use permissions that require MFA now, sign out and sign in again with a code.`,
  "mfa-device-added": (x) => `MFA device ${o(x)} assigned to ${s(x)}.`,
  "own-mfa-device-removed": (x) => `MFA device ${o(x)} removed. Sign-in no longer accepts its codes.`,
  "mfa-device-removed": (x) => `MFA device ${o(x)} of ${s(x)} removed.`,
  "mfa-device-resynced": (x) => `MFA device ${o(x)} resynchronized.`,
  "access-key-created": (x) => `Access key ${o(x)} created. Copy or download its secret now: it is shown only once.`,
  "access-key-activated": (x) => `Access key ${o(x)} activated.`,
  "access-key-deactivated": (x) => `Access key ${o(x)} deactivated: requests signed with it are refused until it is activated again.`,
  "access-key-deleted": (x) => `Access key ${o(x)} deleted.`,
  "alias-saved": (x) => `Account alias ${s(x)} set. IAM users can sign in with it instead of the account ID.`,
  "alias-deleted": (x) => `Account alias ${s(x)} deleted. IAM users sign in with the account ID.`,
  "password-policy-saved": () => "Password policy saved. It applies to every password set from now on.",
  "password-policy-deleted": () => "Custom password policy deleted. Passwords now follow AWS's default rules.",
  "credential-report-generated": () => "Credential report generated. Download it or filter it below; it stays current for 4 hours.",
  "credential-report-current": () => "The credential report generated less than 4 hours ago is still current, so it was kept: AWS generates a new one at most every 4 hours.",
  "credential-report-in-progress": () => "A credential report is already being generated. Reload this page in a few seconds to see it.",
  "findings-archived": (x) => `${plural(n(x), "finding")} archived: hidden from the active findings until unarchived.`,
  "findings-resolved": (x) => `${plural(n(x), "finding")} resolved: shown again only if the access stays unused for a full period from now.`,
  "findings-reopened": (x) => `${plural(n(x), "finding")} made active again.`,
} satisfies Record<string, Sentence>;

export type NoticeKind = keyof typeof SENTENCES;

/** The sentence a notice shows. */
export function noticeSentence(notice: Notice): string {
  return SENTENCES[notice.kind](notice);
}

// IAM names, policy version IDs, access key IDs, aliases and MFA device names all use these characters.
const NAME = /^[\w+=,.@-]{1,256}$/;

/** The cookie's value for a notice, before the cookie header percent-encodes it (Next's cookies().set does). */
export function encodeNotice(notice: Notice): string {
  return JSON.stringify(notice);
}

/** The notice a cookie value (as document.cookie shows it, percent-encoded) carries, or undefined when it is not one this console would have written. */
export function decodeNotice(value: string): Notice | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(decodeURIComponent(value));
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null) return undefined;
  const { kind, subject, object, entity, count } = raw as Record<string, unknown>;
  if (typeof kind !== "string" || !Object.hasOwn(SENTENCES, kind)) return undefined;
  const name = (value: unknown) => value === undefined || (typeof value === "string" && NAME.test(value));
  if (!name(subject) || !name(object)) return undefined;
  if (entity !== undefined && entity !== "user" && entity !== "group" && entity !== "role") return undefined;
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0 && (count as number) <= 10_000)) return undefined;
  return { kind: kind as NoticeKind, subject: subject as string | undefined, object: object as string | undefined, entity, count: count as number | undefined };
}
