import type { IamErrorView } from "@/lib/iam/core/errors";

// The contract between a SearchPicker (in the browser) and the server action that searches for it:
// one page of matches for what the person typed, and a marker for the next page. Pickers never load
// a whole account's users or policies; they ask the List operation page by page.

export interface PickerQuery {
  /** What the person typed: a case-insensitive substring of the name ("" for everything). */
  readonly filter: string;
  /** The marker of the page to continue from (the previous page's nextMarker). */
  readonly marker?: string;
}

export interface PickerItem {
  /** What the form submits for this choice (a policy ARN, a user name, `user:alice`, …). */
  readonly value: string;
  readonly label: string;
  readonly description?: string;
  /** A short badge: "AWS managed", "Customer managed", "User", "Group". */
  readonly badge?: string;
}

export type PickerPage =
  | { readonly items: readonly PickerItem[]; readonly nextMarker?: string; readonly total: number }
  | { readonly error: IamErrorView };

export type PickerSearch = (query: PickerQuery) => Promise<PickerPage>;
