import type { IamErrorView } from "@/lib/iam/core/errors";

/** What "Create user" reports: the created user and its one-time password, and/or the step that failed. */
export interface CreateUserOutcome {
  readonly error?: IamErrorView;
  /** The operation that failed (CreateUser, AddUserToGroup Developers, …), when one did. */
  readonly failedStep?: string;
  readonly created?: {
    readonly userName: string;
    readonly signInUrl: string;
    /** Shown once on the Retrieve password page; never stored. */
    readonly password?: string;
    readonly passwordResetRequired: boolean;
  };
}
