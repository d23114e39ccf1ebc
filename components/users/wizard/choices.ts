/** The groups and policies the wizard's permissions step offers, as read by the page (or why not). */
import type { IamErrorView } from "@/lib/iam/core/errors";

export interface GroupChoice {
  readonly GroupName: string;
  readonly Path: string;
}

export interface PolicyChoice {
  readonly PolicyName: string;
  readonly Arn: string;
  readonly Description: string;
  readonly IsAwsManaged: boolean;
}

export type Choices<T> = { readonly ok: true; readonly items: readonly T[] } | { readonly ok: false; readonly error: IamErrorView };
