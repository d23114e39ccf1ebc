// sts:AssumeRole: temporary credentials for a role. The engine decides with the role's trust policy
// as the resource policy, beside the caller's identity policies, boundary and session (the trust
// logic is lib/policy/trust.ts); the request's own condition keys (sts:ExternalId,
// sts:RoleSessionName, sts:SourceIdentity, aws:RequestTag/*, a verified MFA code) are what trust
// conditions test. Passing session tags or a source identity needs sts:TagSession or
// sts:SetSourceIdentity as well, as in AWS. A session assumed by another role session is role
// chaining: at most an hour, its transitive tags and source identity carried on.
//
// The session is a row (RoleSession): the secret is sealed like access-key secrets, and the session
// token is kept only as a hash. SwitchRole (switchRole.ts) issues console sessions the same way.

import { z } from "zod";
import { seal } from "@/lib/auth/crypto";
import type { Caller } from "@/lib/auth/caller";
import { ACCESS_KEY_SECRET_PURPOSE } from "@/lib/auth/secretPurposes";
import { sessionTokenHash } from "@/lib/auth/sessionTokens";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, readPolicy, validatePolicy, type CompiledPolicy, type ContextValue } from "@/lib/policy";
import { IamError } from "../core/errors";
import { newSecretAccessKey, newSessionToken, temporaryAccessKeyId } from "../core/ids";
import { operation, type Authorization, type Hooks } from "../core/operation";
import { ASSUME_ROLE, NAME_CHARACTER_PATTERN, NAME_CHARACTER_RULE } from "../core/rules";
import { requestTagContext, resourceTagContext, type Tag } from "../core/tags";
import { PolicyArn, TagKey, TagValue } from "../core/validation";
import { checkMfaCode } from "../credentials/mfaCodeCheck";
import { malformedPolicyDocument, policySize } from "../policies/document";

const { sessionName, externalId } = ASSUME_ROLE;

/** A RoleSessionName or SourceIdentity: 2 to 64 name characters. */
const SessionName = z
  .string()
  .min(sessionName.minLength, `must be at least ${sessionName.minLength} characters`)
  .max(sessionName.maxLength, `must be at most ${sessionName.maxLength} characters`)
  .regex(NAME_CHARACTER_PATTERN, NAME_CHARACTER_RULE);

export const RoleArn = z
  .string({ error: "RoleArn is required" })
  .max(2048, "must be at most 2048 characters")
  .regex(/^arn:aws:iam::\d{12}:role\/[\x21-\x7E]+$/, "must be a role ARN such as arn:aws:iam::123456789012:role/ReadOnly");

export const AssumeRoleInput = z
  .object({
    RoleArn,
    RoleSessionName: SessionName,
    DurationSeconds: z.int({ error: "must be a whole number of seconds" }).min(ASSUME_ROLE.minDurationSeconds, `must be at least ${ASSUME_ROLE.minDurationSeconds} seconds (15 minutes)`).max(43200, "must be at most 43200 seconds (12 hours)").optional(),
    ExternalId: z
      .string()
      .min(externalId.minLength, `must be at least ${externalId.minLength} characters`)
      .max(externalId.maxLength, `must be at most ${externalId.maxLength} characters`)
      .regex(externalId.pattern, "may contain only letters, digits and + = , . @ : / - _")
      .optional(),
    SerialNumber: z.string().min(9).max(256).regex(/^[\w+=/:,.@-]+$/, "must be an MFA device's serial number (its ARN)").optional(),
    TokenCode: z.string().regex(/^\d{6}$/, "must be the 6-digit code from the MFA device").optional(),
    Policy: z.string().min(1).max(ASSUME_ROLE.sessionPolicyMaxLength, `must be at most ${ASSUME_ROLE.sessionPolicyMaxLength} characters`).optional(),
    PolicyArns: z.array(z.object({ arn: PolicyArn })).max(ASSUME_ROLE.maxPolicyArns, `at most ${ASSUME_ROLE.maxPolicyArns} managed session policies`).optional(),
    Tags: z
      .array(z.object({ Key: TagKey, Value: TagValue }))
      .max(ASSUME_ROLE.maxSessionTags, `at most ${ASSUME_ROLE.maxSessionTags} session tags`)
      .refine((tags) => new Set(tags.map((t) => t.Key.toLowerCase())).size === tags.length, "session tag keys must be unique (keys are not case-sensitive)")
      .optional(),
    TransitiveTagKeys: z.array(TagKey).max(ASSUME_ROLE.maxSessionTags).optional(),
    SourceIdentity: SessionName.optional(),
  })
  .refine((input) => (input.SerialNumber === undefined) === (input.TokenCode === undefined), {
    message: "SerialNumber and TokenCode go together: give both (the MFA device and its current code) or neither",
  })
  .refine((input) => (input.TransitiveTagKeys ?? []).every((key) => (input.Tags ?? []).some((tag) => tag.Key.toLowerCase() === key.toLowerCase())), {
    message: "every TransitiveTagKeys entry must be the key of one of the session's Tags",
  });

export type AssumeRoleRequest = z.infer<typeof AssumeRoleInput>;

/** What a new session is, beyond the request: the console's sessions are marked as such. */
export interface SessionOptions {
  readonly console?: boolean;
}

export interface Credentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

export interface AssumeRoleResult {
  Credentials: Credentials;
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
  /** The session policies' size as a percentage of the allowed maximum, as AWS reports it. */
  PackedPolicySize?: number;
  SourceIdentity?: string;
}

export function assumedRoleArn(roleAccountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${roleAccountId}:assumed-role/${roleName}/${sessionName}`;
}

function findRoleByArn(tx: Tx, arn: string) {
  return tx.role.findUnique({ where: { arn }, include: { tags: { select: { key: true, value: true } } } });
}

type FoundRole = NonNullable<Awaited<ReturnType<typeof findRoleByArn>>>;

/** The role a request names, once per execution (the hooks and run all ask). */
const rolesByRequest = new WeakMap<object, Promise<FoundRole | null>>();
function requestedRole(tx: Tx, input: AssumeRoleRequest): Promise<FoundRole | null> {
  let found = rolesByRequest.get(input);
  if (!found) rolesByRequest.set(input, (found = findRoleByArn(tx, input.RoleArn)));
  return found;
}

/** The calling role session's row, when the caller is one (role chaining). */
async function parentSession(tx: Tx, caller: Caller) {
  if (caller.kind !== "assumed-role" || !caller.roleSession) return undefined;
  return (await tx.roleSession.findUnique({ where: { accessKeyId: caller.roleSession.accessKeyId } })) ?? undefined;
}

/** The transitive tags a chained session inherits from the session that assumes the next role. */
function inheritedTags(parent: { sessionTags: string; transitiveTagKeys: string } | undefined): Tag[] {
  if (!parent) return [];
  const tags = JSON.parse(parent.sessionTags) as Record<string, string>;
  const keys = (JSON.parse(parent.transitiveTagKeys) as string[]).map((key) => key.toLowerCase());
  return Object.entries(tags)
    .filter(([key]) => keys.includes(key.toLowerCase()))
    .map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Checks the MFA code of the request (SerialNumber and TokenCode) against the caller's own device
 * (credentials/mfaCodeCheck.ts: counted once, throttled like a sign-in's code).
 */
async function verifiedMfa(tx: Tx, caller: Caller, input: AssumeRoleRequest): Promise<boolean> {
  if (input.SerialNumber === undefined || input.TokenCode === undefined) return false;
  if (caller.kind !== "user" || !caller.userId) {
    throw new IamError("InvalidInput", "Only an IAM user can pass an MFA code to AssumeRole; a role session carries the MFA state it was created with.");
  }
  await checkMfaCode(tx, caller, { SerialNumber: input.SerialNumber, TokenCode: input.TokenCode });
  return true;
}

/** The request context every decision of an AssumeRole shares: the keys trust conditions test. */
async function assumeRoleContext({ tx, input, caller }: Hooks<AssumeRoleRequest>): Promise<Record<string, ContextValue>> {
  const role = await requestedRole(tx, input);
  const context: Record<string, ContextValue> = {
    "sts:RoleSessionName": input.RoleSessionName,
    ...resourceTagContext(role?.tags ?? []),
  };
  if (input.ExternalId !== undefined) context["sts:ExternalId"] = input.ExternalId;
  if (input.SourceIdentity !== undefined) context["sts:SourceIdentity"] = input.SourceIdentity;
  const tags = [...inheritedTags(await parentSession(tx, caller)), ...(input.Tags ?? [])];
  if (tags.length > 0) Object.assign(context, requestTagContext(tags));
  if (input.TransitiveTagKeys?.length) context["sts:TransitiveTagKeys"] = input.TransitiveTagKeys;
  if (await verifiedMfa(tx, caller, input)) {
    context["aws:MultiFactorAuthPresent"] = "true";
    context["aws:MultiFactorAuthAge"] = "0";
  }
  return context;
}

/** The role's trust policy, compiled for the engine; a role that does not exist has none. */
function trustPolicyOf(role: FoundRole | null): CompiledPolicy | undefined {
  if (!role) return undefined;
  const { document } = readPolicy(JSON.parse(role.trustPolicy));
  return document ? compilePolicy(document, `trust policy of role ${role.name}`) : undefined;
}

const contexts = new WeakMap<object, Promise<Record<string, ContextValue>>>();
/** The context is built once per request: it consumes the MFA code. */
function sharedContext(hooks: Hooks<AssumeRoleRequest>): Promise<Record<string, ContextValue>> {
  let context = contexts.get(hooks.input);
  if (!context) contexts.set(hooks.input, (context = assumeRoleContext(hooks)));
  return context;
}

/** The hooks AssumeRole and SwitchRole share: what is decided, about which role, with which keys. */
export const assumesRole = {
  resource: ({ input }: Hooks<AssumeRoleRequest>) => input.RoleArn,
  context: sharedContext,
  resourcePolicy: async ({ tx, input }: Hooks<AssumeRoleRequest>) => ({
    policy: trustPolicyOf(await requestedRole(tx, input)),
    account: input.RoleArn.split(":")[4]!,
  }),
  // Session tags (passed, or inherited as transitive) need sts:TagSession, a source identity
  // sts:SetSourceIdentity: each decided with the trust policy like sts:AssumeRole itself.
  additionalAuthorizations: async (hooks: Hooks<AssumeRoleRequest>): Promise<Authorization[]> => {
    const { tx, input, caller } = hooks;
    const role = await requestedRole(tx, input);
    const shared = { resource: input.RoleArn, context: await sharedContext(hooks), resourcePolicy: trustPolicyOf(role), resourceAccount: input.RoleArn.split(":")[4]! };
    const tagged = (input.Tags?.length ?? 0) > 0 || inheritedTags(await parentSession(tx, caller)).length > 0;
    return [
      ...(tagged ? [{ action: "sts:TagSession", ...shared }] : []),
      ...(input.SourceIdentity !== undefined ? [{ action: "sts:SetSourceIdentity", ...shared }] : []),
    ];
  },
  auditDetail: ({ input }: Pick<Hooks<AssumeRoleRequest>, "input">) => ({ roleSessionName: input.RoleSessionName, sourceIdentity: input.SourceIdentity }),
};

/** Checks the session policies (MalformedPolicyDocument, PackedPolicyTooLarge, NoSuchEntity) and returns their size in percent. */
async function checkSessionPolicies(tx: Tx, role: FoundRole, input: AssumeRoleRequest): Promise<number | undefined> {
  const arns = (input.PolicyArns ?? []).map((p) => p.arn);
  if (input.Policy === undefined && arns.length === 0) return undefined;
  if (input.Policy !== undefined) {
    const errors = validatePolicy(input.Policy, { kind: "session" }).filter((f) => f.severity === "error");
    if (errors.length > 0) throw malformedPolicyDocument(errors);
  }
  for (const arn of arns) {
    const policy = await tx.managedPolicy.findUnique({ where: { arn }, select: { accountId: true } });
    // Managed session policies must be the role's account's own or AWS managed.
    if (!policy || (policy.accountId !== null && policy.accountId !== role.accountId)) {
      throw new IamError("NoSuchEntity", `Policy ${arn} does not exist in the role's account, so it cannot be a session policy.`);
    }
  }
  const size = (input.Policy === undefined ? 0 : policySize(input.Policy)) + arns.join("").length;
  if (size > ASSUME_ROLE.sessionPolicyMaxLength) {
    throw new IamError(
      "PackedPolicyTooLarge",
      `The session policies are ${size} characters without white space (with the managed policy ARNs); at most ${ASSUME_ROLE.sessionPolicyMaxLength} are allowed. Shorten the Policy or pass fewer PolicyArns.`,
    );
  }
  return Math.ceil((size / ASSUME_ROLE.sessionPolicyMaxLength) * 100);
}

/** The session's duration in seconds, after AWS's checks against the role and role chaining. */
function sessionDuration(role: FoundRole, input: AssumeRoleRequest, chained: boolean): number {
  const requested = input.DurationSeconds ?? ASSUME_ROLE.defaultDurationSeconds;
  if (chained && requested > ASSUME_ROLE.chainedMaxDurationSeconds) {
    throw new IamError("ValidationError", `The requested DurationSeconds (${requested}) exceeds the 1 hour session limit for roles assumed by role chaining; ask for at most ${ASSUME_ROLE.chainedMaxDurationSeconds}.`);
  }
  if (requested > role.maxSessionDuration) {
    throw new IamError("ValidationError", `The requested DurationSeconds (${requested}) exceeds the MaxSessionDuration (${role.maxSessionDuration}) set for role ${role.name}; ask for less, or raise the role's maximum session duration.`);
  }
  return requested;
}

/** Issues the session the engine allowed: the credentials, once, and the row that remembers it. */
export async function issueRoleSession(tx: Tx, caller: Caller, input: AssumeRoleRequest, options: SessionOptions = {}): Promise<AssumeRoleResult> {
  const role = await requestedRole(tx, input);
  // The engine allowed, so the role exists (a missing role has no trust policy to allow); this guards a race with DeleteRole.
  if (!role) throw new IamError("NoSuchEntity", `The role ${input.RoleArn} cannot be found.`);
  const parent = await parentSession(tx, caller);
  const chained = parent !== undefined;
  if (parent?.sourceIdentity && input.SourceIdentity !== undefined && input.SourceIdentity !== parent.sourceIdentity) {
    throw new IamError("InvalidInput", `The source identity of a chained session cannot change: this session's is ${parent.sourceIdentity}.`);
  }
  const inherited = inheritedTags(parent);
  const clash = (input.Tags ?? []).find((tag) => inherited.some((t) => t.Key.toLowerCase() === tag.Key.toLowerCase()));
  if (clash) throw new IamError("InvalidInput", `The session tag ${clash.Key} is transitive from the calling session and cannot be set again.`);
  const durationSeconds = sessionDuration(role, input, chained);
  const packedPolicySize = await checkSessionPolicies(tx, role, input);
  const context = await contexts.get(input);
  const mfa = context?.["aws:MultiFactorAuthPresent"] === "true" || caller.mfaAuthenticated;
  const sourceIdentity = input.SourceIdentity ?? parent?.sourceIdentity ?? undefined;
  const tags = [...inherited, ...(input.Tags ?? [])];
  const transitive = [...inherited.map((t) => t.Key), ...(input.TransitiveTagKeys ?? [])];

  const issuedAt = new Date();
  const secret = newSecretAccessKey();
  const sessionToken = newSessionToken();
  const arn = assumedRoleArn(role.accountId, role.name, input.RoleSessionName);
  const session = await tx.roleSession.create({
    data: {
      accessKeyId: temporaryAccessKeyId(),
      accountId: role.accountId,
      roleId: role.id,
      name: input.RoleSessionName,
      arn,
      secretCiphertext: seal(secret, ACCESS_KEY_SECRET_PURPOSE),
      sessionTokenHash: sessionTokenHash(sessionToken),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + durationSeconds * 1000),
      mfaAuthenticated: mfa,
      sourceIdentity: sourceIdentity ?? null,
      assumedByArn: caller.arn,
      chained,
      console: options.console ?? false,
      sessionPolicy: input.Policy ?? null,
      sessionPolicyArns: JSON.stringify((input.PolicyArns ?? []).map((p) => p.arn)),
      sessionTags: JSON.stringify(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))),
      transitiveTagKeys: JSON.stringify(transitive),
    },
  });
  await tx.role.update({ where: { id: role.id }, data: { lastUsedAt: issuedAt, lastUsedRegion: caller.region ?? null } });
  return {
    Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: secret, SessionToken: sessionToken, Expiration: session.expiresAt },
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${session.name}`, Arn: arn },
    ...(packedPolicySize !== undefined ? { PackedPolicySize: packedPolicySize } : {}),
    ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
  };
}

export const AssumeRole = operation({
  name: "AssumeRole",
  action: "sts:AssumeRole",
  input: AssumeRoleInput,
  ...assumesRole,
  checksAuthenticator: ({ input }) => input.SerialNumber !== undefined && input.TokenCode !== undefined,
  run: ({ tx, input, caller }) => issueRoleSession(tx, caller, input),
});
