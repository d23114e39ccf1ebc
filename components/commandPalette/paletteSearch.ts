// The contract between the command palette (in the browser) and the server action that searches
// for it (app/(console)/_server/consoleSearch.ts): what the person typed in, a few matches of each
// kind of entity out, or "not searched" for a kind the caller may not list. A kind is one entry
// here and one source there.

export const ENTITY_KINDS = ["users", "groups", "roles", "policies"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The heading of each kind's results in the palette, in the side navigation's words. */
export const KIND_HEADINGS: Readonly<Record<EntityKind, string>> = { users: "Users", groups: "User groups", roles: "Roles", policies: "Policies" };

/** Matches per kind: enough to find a name by typing a little more, and bounded work per keystroke. */
export const PALETTE_MATCHES_PER_KIND = 5;

/** The longest search the palette sends (IAM names are at most 128 characters). */
export const PALETTE_QUERY_MAX = 128;

export interface PaletteEntity {
  readonly name: string;
  readonly href: string;
  /** What tells two matches apart: a path other than "/", or a policy's type. */
  readonly detail?: string;
}

export type KindMatches =
  | { readonly kind: EntityKind; readonly entities: readonly PaletteEntity[]; readonly more: boolean }
  | { readonly kind: EntityKind; readonly unlisted: true };

export type ConsoleSearch = (text: string) => Promise<readonly KindMatches[]>;
