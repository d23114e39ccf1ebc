// A server action's arguments come from the browser, and a client can send anything in them: the
// bound ones (`deleteUser.bind(null, userName)`) are serialized into the page and sent back with each
// call, and the form or draft argument is whatever the request body holds. So an action checks its
// arguments first, before anything else sees them: a 100,000-character user name would otherwise
// reach revalidatePath and Next's log, and a number in place of the form would end in a 500. Each
// check answers with the ValidationError state the action returns, or undefined when the argument
// is fine; chain them with ??.

import { z } from "zod";
import type { Operation } from "@/lib/iam/core/operation";
import { validationMessage } from "@/lib/iam/core/validation";
import type { IamErrorView } from "@/lib/iam/core/errors";

export interface InvalidArgument {
  readonly error: IamErrorView;
}

const invalid = (message: string): InvalidArgument => ({ error: { code: "ValidationError", message } });

/**
 * A bound argument, against the schema the operation it is passed to applies to that field (so it
 * is refused exactly when the operation would refuse it, and the message never echoes the value).
 */
export function boundArgument<I>(op: Operation<I, unknown>, field: keyof I & string, value: unknown): InvalidArgument | undefined {
  const schema = op.input instanceof z.ZodObject ? (op.input.shape as Record<string, z.ZodType>)[field] : undefined;
  if (!schema) throw new Error(`${op.name} has no input field ${field}`);
  return boundValue(field, schema, value);
}

/** A bound argument no operation takes as it is (a name typed to confirm, the kind of an owner), against its own schema. */
export function boundValue(name: string, schema: z.ZodType, value: unknown): InvalidArgument | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : invalid(`${name}: ${validationMessage(result.error)}`);
}

/** A form action's form data. */
export function formArgument(form: unknown): InvalidArgument | undefined {
  return form instanceof FormData ? undefined : invalid("The request carries no form data: reload the page and try again.");
}

/** The plain object a client component sends in place of a form (a policy draft, the wizard's draft). */
export function draftArgument(draft: unknown): InvalidArgument | undefined {
  return draft !== null && typeof draft === "object" && !Array.isArray(draft) ? undefined : invalid("The request carries no draft: reload the page and try again.");
}
