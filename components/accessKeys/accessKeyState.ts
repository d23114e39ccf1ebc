import type { ActionState } from "@/components/forms/actionState";

/** A key just created: the only moment its secret exists outside the sealed column. */
export interface NewAccessKey {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly UserName?: string;
}

export interface CreateAccessKeyState extends ActionState {
  readonly created?: NewAccessKey;
}

export type CreateAccessKeyAction = (previous: CreateAccessKeyState, form: FormData) => Promise<CreateAccessKeyState>;

/** One row of the access keys table, as the page reads it (ListAccessKeys with its last-used console column). */
export interface AccessKeyRow {
  readonly AccessKeyId: string;
  readonly Status: "Active" | "Inactive";
  readonly CreateDate: Date;
  /** undefined: never used; "unknown": GetAccessKeyLastUsed was refused. */
  readonly LastUsed?: Date | "unknown";
  readonly LastUsedService?: string;
}
