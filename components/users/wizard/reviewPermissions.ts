// What the Review step learns from the engine before "Create user": each step of the creation the
// caller's policies refuse for exactly the name, path, groups and policies entered, with the reason.
// Client-safe: the server action returns it as a plain value.

import type { CreateUserDraft } from "./draft";

export interface ReviewDenial {
  /** The step as the Review step lists it: "Create user ivy in path /staff/", "Add to group Admins". */
  readonly step: string;
  readonly reason: string;
  readonly needsMfa?: true;
}

export type ReviewPermissions =
  | { readonly state: "checking" }
  | { readonly state: "checked"; readonly denials: readonly ReviewDenial[] };

/** The Review step's server action: the create-user wizard's, or another wizard's over its own draft. */
export type ReviewCheck<Draft = CreateUserDraft> = (draft: Draft) => Promise<readonly ReviewDenial[]>;
