/** The groups the wizard's permissions step offers, as read by the page (or why not). */
import type { IamErrorView } from "@/lib/iam/core/errors";
import type { PickerItem } from "@/components/forms/pickerSearch";

export interface GroupChoice {
  readonly GroupName: string;
  readonly Path: string;
}

export type Choices<T> = { readonly ok: true; readonly items: readonly T[] } | { readonly ok: false; readonly error: IamErrorView };

/** A managed policy's name: the last segment of its ARN (arn:aws:iam::aws:policy/job-function/ViewOnlyAccess). */
export const policyNameOf = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);

/**
 * A chosen policy as the picker's Selected list shows it. The draft keeps only ARNs, and an ARN
 * holds the name, so the choices need no list of all policies to be shown again.
 */
export const policyChoice = (arn: string): PickerItem => ({ value: arn, label: policyNameOf(arn) });
