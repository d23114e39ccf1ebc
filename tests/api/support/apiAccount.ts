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
