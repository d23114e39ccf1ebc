// Accounts for the API suite, arranged straight in the server's database (its data directory is the
// workers' PORTCULLIS_DATA_DIR, vitest.config.ts), then driven only through the API: an account
// with its root user and the root user's access key, which is how an administrator starts.

import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import { execute } from "@/lib/iam/core/operation";
import { newAccountId } from "@/lib/iam/core/ids";
import { CreateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";
import { accountRootArn } from "@/lib/policy";
import { API_BASE_URL } from "./apiServer";

export { db };

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ApiAccount {
  readonly accountId: string;
  readonly root: Caller;
  readonly rootKey: Credentials;
}

export const IAM_ENDPOINT = `${API_BASE_URL}/iam`;
export const STS_ENDPOINT = `${API_BASE_URL}/sts`;

let managedPoliciesReady: Promise<void> | undefined;

export async function newApiAccount(name = "API test account"): Promise<ApiAccount> {
  managedPoliciesReady ??= ensureAwsManagedPolicies(db);
  await managedPoliciesReady;
  const accountId = newAccountId();
  await db.account.create({ data: { id: accountId, name, rootUser: { create: { email: `root-${accountId}@example.test`, passwordHash: "not-used-by-the-api-suite" } } } });
  const root: Caller = { kind: "root", accountId, arn: accountRootArn(accountId), mfaAuthenticated: false };
  const key = await execute(CreateAccessKey, {}, root);
  return { accountId, root, rootKey: { accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey } };
}

/** An IAM client as a user would configure one: Portcullis's endpoint, any region, the keys. */
export function iamClient(credentials: Credentials, region = "us-east-1"): IAMClient {
  return new IAMClient({ endpoint: IAM_ENDPOINT, region, credentials, maxAttempts: 1 });
}

export function stsClient(credentials: Credentials, region = "us-east-1"): STSClient {
  return new STSClient({ endpoint: STS_ENDPOINT, region, credentials, maxAttempts: 1 });
}

// Raw Query requests, for what the SDK cannot express (an unsigned request, a mangled signature, the
// CLI's encoding). Signed by the signer the SDK itself uses, shaped as the AWS CLI sends a request:
// only content-type (with a charset), host and x-amz-date signed, the body exactly as given.
import { SignatureV4 } from "@smithy/signature-v4";

export interface RawQueryOptions {
  readonly service?: "iam" | "sts";
  readonly region?: string;
  readonly contentType?: string;
  readonly signingDate?: Date;
  /** Replaces the signed Authorization header (a malformed signature); undefined leaves it as signed. */
  readonly authorization?: (signed: string) => string;
}

export interface RawQueryAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** The <Code> of an error answer. */
  readonly code?: string;
  readonly message?: string;
}

function unescapeXml(text: string | undefined): string | undefined {
  const entities: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
  return text?.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => entities[name]!);
}

const rawSha256 = new IAMClient({ region: "us-east-1" }).config.sha256;

/** POSTs a form body to the IAM (or STS) endpoint, signed with the credentials, or unsigned without. */
export async function rawQuery(body: string, credentials: Credentials | undefined, options: RawQueryOptions = {}): Promise<RawQueryAnswer> {
  const service = options.service ?? "iam";
  const url = new URL(service === "sts" ? STS_ENDPOINT : IAM_ENDPOINT);
  let headers: Record<string, string> = { "Content-Type": options.contentType ?? "application/x-www-form-urlencoded; charset=utf-8", Host: url.host };
  if (credentials) {
    const signer = new SignatureV4({ service, region: options.region ?? "us-east-1", credentials, sha256: rawSha256, applyChecksum: false });
    const request = { method: "POST", protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers, body };
    const signed = (await signer.sign(request, { signingDate: options.signingDate ?? new Date() })) as unknown as { headers: Record<string, string> };
    headers = { ...signed.headers };
    if (options.authorization) headers.authorization = options.authorization(headers.authorization!);
  }
  delete headers.Host;
  delete headers.host;
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = unescapeXml(/<Message>([^<]*)<\/Message>/.exec(text)?.[1]);
  return { status: response.status, headers: response.headers, body: text, code, message };
}

// Principals for the policy, role and STS files (H2): an IAM user with its own access key, made
// through the API by the account's root key, as an administrator would make one.
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";

export interface ApiUser {
  readonly userName: string;
  readonly arn: string;
  readonly key: Credentials;
}

/** A user with an access key, and an inline policy named "inline" when a document is given. */
export async function newApiUser(admin: IAMClient, userName: string, policy?: object): Promise<ApiUser> {
  const { User } = await admin.send(new CreateUserCommand({ UserName: userName }));
  if (policy) await admin.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: "inline", PolicyDocument: JSON.stringify(policy) }));
  const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: userName }));
  return { userName, arn: User!.Arn!, key: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
}

export interface ApiFailure {
  /** The SDK's error name: the exception class for a modelled code (NoSuchEntityException), else the code. */
  readonly name: string;
  readonly status: number | undefined;
  readonly message: string;
}

/** What a call that must fail failed with; a call that succeeds fails the test. */
export async function apiFailure(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error("the call succeeded; it should have failed");
}

/** A policy document as the API returns it (URL-encoded, as AWS sends it), parsed. */
export function decodedDocument(document: string | undefined): unknown {
  if (document === undefined) throw new Error("no policy document in the response");
  return JSON.parse(decodeURIComponent(document));
}

/** What the SDK throws for an error answer: the code as `name`, and the HTTP status it saw. */
export interface SdkError extends Error {
  readonly $metadata: { readonly httpStatusCode?: number; readonly requestId?: string };
  readonly $fault?: "client" | "server";
  readonly $response?: { readonly headers: Record<string, string | undefined> };
}

/** The error a request failed with; a request that succeeds fails the test. */
export async function rejectionOf(request: Promise<unknown>): Promise<SdkError> {
  try {
    await request;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("the request succeeded; an error was expected");
}
