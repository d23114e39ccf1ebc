import type { IamErrorView } from "@/lib/iam/core/errors";

/** What "Create user" reports: the created user and its one-time password, or why nothing was created. */
export interface CreateUserOutcome {
  readonly error?: IamErrorView;
  readonly created?: {
    readonly userName: string;
    /** Whether the user got a console password: only then is there a sign-in URL and password to hand over. */
    readonly consoleAccess: boolean;
    readonly signInUrl: string;
    /** Shown once on the Retrieve password page; never stored. */
    readonly password?: string;
    readonly passwordResetRequired: boolean;
  };
}
