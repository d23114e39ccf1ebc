import type { IamErrorView } from "@/lib/iam/core/errors";

/** What every console server action returns to useActionState: nothing on success, or the error. */
export interface ActionState {
  readonly error?: IamErrorView;
}

export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
