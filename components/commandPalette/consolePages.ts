// The console pages the palette jumps to: the side navigation's sections and the pages that create
// things, each with a few words a person might type instead of its name ("mfa", "events").

import { CONSOLE_SECTIONS } from "@/components/shell/consoleSections";

export interface ConsolePage {
  readonly label: string;
  readonly href: string;
  readonly keywords?: readonly string[];
  /** Only IAM users have it (root changes its password elsewhere). */
  readonly iamUsersOnly?: true;
}

const KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  "/dashboard": ["home", "account", "sign-in url", "alias", "recommendations"],
  "/audit": ["events", "cloudtrail", "history"],
  "/me": ["mfa", "access keys", "password"],
  "/password-policy": ["password rules"],
  "/roles": ["assume role", "trust policy", "switch role"],
  "/simulator": ["simulate", "can this", "test policy", "scp", "what if"],
  "/credential-report": ["credentials", "csv", "key rotation", "mfa report", "download report"],
  "/findings": ["access analyzer", "unused", "stale keys", "dormant users", "archive finding"],
  "/who-can": ["who has access", "principals allowed", "everything it can do", "least privilege", "permissions review"],
};

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  ...CONSOLE_SECTIONS.map((section) => ({ label: section.label, href: section.href, keywords: KEYWORDS[section.href] })),
  { label: "Create user", href: "/users/new", keywords: ["new user", "add user"] },
  { label: "Create user group", href: "/groups/new", keywords: ["new group", "add group"] },
  { label: "Create role", href: "/roles/new", keywords: ["new role", "add role", "trusted entity"] },
  { label: "Create policy", href: "/policies/new", keywords: ["new policy", "policy editor"] },
  { label: "Change password", href: "/change-password", iamUsersOnly: true },
];

/** The pages whose name or keywords contain `text` (case-insensitive), in the list's order. */
export function matchingPages(text: string, isIamUser: boolean): ConsolePage[] {
  const needle = text.trim().toLowerCase();
  return CONSOLE_PAGES.filter(
    (page) => (isIamUser || !page.iamUsersOnly) && (!needle || [page.label, ...(page.keywords ?? [])].some((word) => word.toLowerCase().includes(needle))),
  );
}
