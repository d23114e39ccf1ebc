// Whether a server action's arguments are in a form the console's own pages send. React encodes the
// arguments of a server action call (a "reply") as JSON rows: row 0 holds the arguments, and a
// string that starts with "$" is a tag for a value JSON cannot hold, or a reference to another row.
// Next decodes whatever arrives, and a body that does not decode (garbage, a truncated form, a
// reference to a row that is not there, "$nabc" as a BigInt, arguments that are not a list) makes
// it answer 500 with a digest and log a stack trace. The console only ever sends plain data, form
// data, dates and (in a form posted before the page's scripts ran) a reference from the action to
// its bound arguments, so every other tag is refused here, before Next.

/** The tags the console's calls use ("$@n" is checked apart: its row must exist). */
const ALLOWED_TAG = /^\$(?:\$|undefined$|K[0-9a-f]+$|D|-0$|Infinity$|-Infinity$|NaN$)/;
const ROW_REFERENCE = /^\$@([0-9a-f]+)$/;

/** Why one reply (its rows by number) cannot be one the console sent, or undefined when it could be. */
function replyProblem(rows: ReadonlyMap<string, string>, rootIsArguments: boolean): string | undefined {
  if (!rows.has("0")) return "the arguments are missing";
  for (const [id, text] of rows) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return "the arguments are not valid JSON";
    }
    if (id === "0" && rootIsArguments && !Array.isArray(value)) return "the arguments are not a list";
    // Iterative, so that deeply nested JSON cannot exhaust the stack.
    const pending: unknown[] = [value];
    while (pending.length > 0) {
      const item = pending.pop();
      if (typeof item === "string" && item.startsWith("$")) {
        const reference = ROW_REFERENCE.exec(item);
        if (reference ? !rows.has(reference[1]!) : !ALLOWED_TAG.test(item)) return "the arguments use a value type the console never sends";
      } else if (item !== null && typeof item === "object") {
        // A loop rather than push(...values): a long list would overflow the argument limit.
        for (const child of Object.values(item)) pending.push(child);
      }
    }
  }
  return undefined;
}

/**
 * The replies in a posted form: one (rows "0", "1", …) for a call from JavaScript, whose other
 * fields are the entries of the form it passes ("1_name"); for a form posted before the page's
 * scripts ran, one per action it names, as hidden fields "$ACTION_1:0", "$ACTION_1:1", ….
 */
function repliesInForm(form: FormData, fetchAction: boolean): Map<string, Map<string, string>> {
  const replies = new Map<string, Map<string, string>>();
  form.forEach((value, name) => {
    const row = fetchAction ? /^()([0-9a-f]+)$/.exec(name) : /^(\$ACTION_\d+:)([0-9a-f]+)$/.exec(name);
    if (!row || typeof value !== "string") return;
    const reply = replies.get(row[1]!) ?? new Map<string, string>();
    reply.set(row[2]!, value);
    replies.set(row[1]!, reply);
  });
  if (fetchAction && replies.size === 0) replies.set("", new Map());
  return replies;
}

/**
 * Checks a server action request body (at most the body limit, so buffering it is bounded).
 * `fetchAction`: called from JavaScript (Next-Action header); otherwise a form posted to a page.
 */
export async function actionBodyProblem(contentType: string | undefined, body: Buffer, fetchAction: boolean): Promise<string | undefined> {
  if (!contentType?.toLowerCase().startsWith("multipart/form-data")) {
    return fetchAction ? replyProblem(new Map([["0", body.toString("utf8")]]), true) : undefined;
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return "the form data is malformed";
  }
  for (const rows of repliesInForm(form, fetchAction).values()) {
    const problem = replyProblem(rows, fetchAction);
    if (problem) return problem;
  }
  return undefined;
}
