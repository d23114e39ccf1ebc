// The users list's credential filters, as they travel in its URL (`/users?mfa=without&console=enabled`):
// the list page turns them into ListUsers' ConsoleFilter, its filter bar offers them, and the
// dashboard's recommendations link to the users each one is about.

import { param, type SearchParams } from "@/components/table/queryHref";
import type { UsersConsoleFilter } from "@/lib/iam/users/users";

export const USERS_LIST_FILTERS = [
  {
    name: "mfa",
    label: "MFA",
    options: [
      { value: "without", label: "Without MFA" },
      { value: "with", label: "With MFA" },
    ],
  },
  {
    name: "console",
    label: "Console access",
    options: [
      { value: "enabled", label: "With console access" },
      { value: "disabled", label: "Without console access" },
    ],
  },
  {
    name: "keys",
    label: "Access keys",
    // The dashboard's rotation advice (KEY_ROTATION_DAYS in lib/iam/core/rules.ts).
    options: [{ value: "older-than-90-days", label: "Active key older than 90 days" }],
  },
] as const;

type FilterSpec = (typeof USERS_LIST_FILTERS)[number];

/** The chosen value of each filter; an absent one means "any". */
export type UsersListFilter = { -readonly [F in FilterSpec as F["name"]]?: F["options"][number]["value"] };

export const USERS_LIST_FILTER_NAMES: readonly string[] = USERS_LIST_FILTERS.map((filter) => filter.name);

/** The filters named in the URL; values the list does not offer are ignored. */
export function usersListFilterFrom(query: SearchParams): UsersListFilter {
  const chosen: Record<string, string> = {};
  for (const filter of USERS_LIST_FILTERS) {
    const value = param(query, filter.name);
    if (filter.options.some((option) => option.value === value)) chosen[filter.name] = value!;
  }
  return chosen as UsersListFilter;
}

/** The users list showing only the users these filters match. */
export function usersListHref(filter: UsersListFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `/users?${text}` : "/users";
}

/** "without MFA, with console access", to say what an empty filtered list was filtered by. */
export function describeUsersListFilter(filter: UsersListFilter): string[] {
  return USERS_LIST_FILTERS.flatMap((spec) => {
    const value = filter[spec.name];
    const option = spec.options.find((o) => o.value === value);
    return option ? [`${option.label.charAt(0).toLowerCase()}${option.label.slice(1)}`] : [];
  });
}

/** ListUsers' ConsoleFilter for these filters, or undefined when none is chosen. */
export function consoleFilterOf(filter: UsersListFilter): UsersConsoleFilter | undefined {
  const consoleFilter: UsersConsoleFilter = {
    ...(filter.mfa ? { MFA: filter.mfa === "with" ? "Enabled" : "NotEnabled" } : {}),
    ...(filter.console ? { ConsoleAccess: filter.console === "enabled" ? "Enabled" : "Disabled" } : {}),
    // "older-than-90-days": KEY_ROTATION_DAYS, AWS's rotation advice (lib/iam/core/rules.ts).
    ...(filter.keys ? { ActiveAccessKeyOlderThanDays: 90 } : {}),
  };
  return Object.keys(consoleFilter).length > 0 ? consoleFilter : undefined;
}
