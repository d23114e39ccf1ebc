// The API door: one IAM or STS Query request, from its bytes to AWS's XML. It parses and renders
// only; what a request may do is decided where the console's requests are decided:
//   1. read the form body (or a GET's query string) and its Action and Version;
//   2. verify the SigV4 signature against Portcullis's keys and sessions (lib/auth), and note the
//      key's use;
//   3. find the operation in the registry (lib/iam), refusing console-only ones as AWS refuses any
//      action it does not have;
//   4. read the operation's input from the members by its own schema (lib/query), then execute()
//      it: the engine decides, the audit log records it with this door and the user agent;
//   5. write the result, or the error with AWS's code and status, in AWS's envelope.
// Nothing here keeps state between requests: any instance answers any request.

import { randomUUID } from "node:crypto";
import { authenticateApiRequest, recordAccessKeyUse } from "@/lib/auth/apiCaller";
import { requestInfoFrom, requestPathFrom } from "@/lib/auth/request";
import type { SigningService } from "@/lib/auth/sigv4/authorization";
import { execute } from "@/lib/iam/core/operation";
import { CREDENTIAL_RESTRICTIONS, RESTRICTION_ANSWERS } from "@/lib/iam/core/credentialRestrictions";
import { AccessDeniedError, isIamError } from "@/lib/iam/core/errors";
import { operationNamed } from "@/lib/iam/registry";
import { accessDeniedMessage } from "@/lib/query/accessDeniedMessage";
import { CONSOLE_ONLY_OPERATIONS, CONSOLE_ONLY_OUTPUT_MEMBERS, isConsoleOnlyMember } from "@/lib/query/consoleOnly";
import { errorResponse, QueryError } from "@/lib/query/errors";
import { decodeFormBody, isFormContentType, type FormPair } from "@/lib/query/formBody";
import { queryInput, type InputSchema } from "@/lib/query/inputShape";
import { parseMembers } from "@/lib/query/members";
import { MAP_MEMBERS, queryOutput, type OutputHints } from "@/lib/query/outputShape";
import { API_VERSIONS, queryResponse, type QueryService } from "@/lib/query/xml";

const OUTPUT_HINTS: OutputHints = { maps: MAP_MEMBERS, omit: CONSOLE_ONLY_OUTPUT_MEMBERS };

/** AWS's Query requests are small: the largest member is a 10,240-character inline policy. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Where a denial's full explanation travels beside AWS's one-sentence message: the engine's
 * summary (which statement, or which policy type failed to allow), percent-encoded as header
 * values must be ASCII. The audit event holds the same explanation in full.
 */
export const EXPLANATION_HEADER = "x-portcullis-explanation";

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export async function serveQuery(service: QueryService, request: Request): Promise<Response> {
  const requestId = randomUUID();
  let answer: Answer;
  try {
    answer = await answerQuery(service, request, requestId);
  } catch (error) {
    if (error instanceof QueryError) answer = errorResponse(service, error.code, error.message, requestId);
    else {
      // The server's own failure: logged (one bounded line, no request data), answered as AWS does.
      console.error(`Query request ${requestId} failed:`, error);
      answer = errorResponse(service, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", requestId);
    }
  }
  return new Response(answer.body, {
    status: answer.status,
    headers: {
      "Content-Type": "text/xml",
      // The SDKs read the request ID from this header only; Date (set by Node) corrects their clock skew.
      "x-amzn-RequestId": requestId,
      "Cache-Control": "no-store",
      ...answer.headers,
    },
  });
}

async function readRequest(request: Request): Promise<{ body: Uint8Array; pairs: FormPair[]; query: string }> {
  const url = new URL(request.url);
  const query = url.search.slice(1);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new QueryError("ValidationError", `The request body is larger than the ${MAX_BODY_BYTES / 1024} KiB a Query request may have.`);
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) throw new QueryError("ValidationError", `The request body is larger than the ${MAX_BODY_BYTES / 1024} KiB a Query request may have.`);
  if (request.method === "GET") return { body, pairs: decodeFormBody(query), query };
  if (body.byteLength > 0 && !isFormContentType(request.headers.get("content-type") ?? undefined)) {
    throw new QueryError("ValidationError", "A Query request's body must be application/x-www-form-urlencoded (UTF-8).");
  }
  return { body, pairs: decodeFormBody(body), query };
}

/**
 * The code a refusal goes out with. STS reports a wrong MFA code (AssumeRole, GetSessionToken) as
 * AccessDenied, where IAM's EnableMFADevice says InvalidAuthenticationCode; inside Portcullis both
 * are the one code the sign-in throttle counts.
 */
function wireCode(service: QueryService, code: string): string {
  return service === "sts" && code === "InvalidAuthenticationCode" ? "AccessDenied" : code;
}

async function answerQuery(service: QueryService, request: Request, requestId: string): Promise<Answer> {
  const { body, pairs, query } = await readRequest(request);
  const members = parseMembers(pairs);
  const info = requestInfoFrom(request.headers);
  const path = requestPathFrom(request.headers, new URL(request.url).pathname);

  const signed = { method: request.method, path, query, headers: request.headers, body };
  const authenticated = await authenticateApiRequest(signed, info, { service: service satisfies SigningService });
  if (!authenticated.ok) return errorResponse(service, authenticated.error.code, authenticated.error.message, requestId);
  const { caller, verified } = authenticated;
  await recordAccessKeyUse(verified, service);

  const action = typeof members.Action === "string" ? members.Action : undefined;
  if (!action) throw new QueryError("MissingAction", "The request must contain the parameter Action.");
  const version = typeof members.Version === "string" ? members.Version : undefined;
  const op = version === API_VERSIONS[service] ? operationNamed(action) : undefined;
  if (!op || CONSOLE_ONLY_OPERATIONS.has(op.name) || !op.action.startsWith(`${service}:`)) {
    throw new QueryError("InvalidAction", `Could not find operation ${action} for version ${version ?? "NO_VERSION_SPECIFIED"}`);
  }

  const decoded = queryInput(op.input as unknown as InputSchema, members);
  const input = Object.fromEntries(Object.entries(decoded).filter(([member]) => !isConsoleOnlyMember(op.name, member)));
  try {
    const output = await execute(op, input, caller);
    return { status: 200, body: queryResponse(service, op.name, queryOutput(output, OUTPUT_HINTS), requestId) };
  } catch (error) {
    if (error instanceof AccessDeniedError) {
      const headers = { [EXPLANATION_HEADER]: encodeURIComponent(error.message) };
      const by = error.explanation.decidedBy[0];
      const restricted = by?.policy === CREDENTIAL_RESTRICTIONS ? RESTRICTION_ANSWERS[by.statement] : undefined;
      if (restricted) return { ...errorResponse(service, restricted.code, restricted.message, requestId), headers };
      const message = accessDeniedMessage({ principalArn: error.principalArn, action: error.action, resource: error.resource, explanation: error.explanation });
      return { ...errorResponse(service, "AccessDenied", message, requestId), headers };
    }
    if (isIamError(error)) return errorResponse(service, wireCode(service, error.code), error.message, requestId);
    throw error;
  }
}
