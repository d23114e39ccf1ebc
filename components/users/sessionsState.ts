import type { IamErrorView } from "@/lib/iam/core/errors";

/** The sessions panel's form state: an error, or when the sessions were ended. */
export interface RevokeSessionsState {
  readonly error?: IamErrorView;
  readonly revokedAt?: number;
}
