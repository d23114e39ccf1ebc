// Access keys for programmatic access: CreateAccessKey, ListAccessKeys, UpdateAccessKey,
// DeleteAccessKey and GetAccessKeyLastUsed, as AWS's API. UserName is optional everywhere: without
// it the operation acts on the caller's own keys (an IAM user's, or the root user's, which AWS
// strongly advises against having). The resource is the owning user's ARN (the root ARN for root
// keys). At most two keys per user. The secret is sealed at rest (SigV4 verification will need it
// back) and returned once, by CreateAccessKey; it is in no other output, error or audit event.

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { seal } from "@/lib/auth/crypto";
import { ACCESS_KEY_SECRET_PURPOSE } from "@/lib/auth/secretPurposes";
import type { Tx } from "@/lib/db/client";
import { accountRootArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { accessKeyId, newSecretAccessKey } from "../core/ids";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { IncludeConsoleColumns, UserName } from "../core/validation";
import { actsOnCredentialOwner, ownedBy, resolveCredentialOwner, type CredentialOwner } from "./owner";

export type AccessKeyStatus = "Active" | "Inactive";

export interface AccessKeyMetadata {
  /** The owning IAM user; absent for the root user's keys. */
  UserName?: string;
  AccessKeyId: string;
  Status: AccessKeyStatus;
  CreateDate: Date;
}

const AccessKeyId = z
  .string({ error: "AccessKeyId is required" })
  .min(16, "must be at least 16 characters")
  .max(128, "must be at most 128 characters")
  .regex(/^\w+$/, "may contain only letters, digits and _");

const Status = z.enum(["Active", "Inactive"], { error: "Status must be Active or Inactive" });

const ownerName = (owner: CredentialOwner) => (owner.kind === "user" ? owner.userName : undefined);

function noSuchKey(accessKeyId: string): IamError {
  return new IamError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`);
}

/** The key, if it belongs to this owner in the caller's account (another's key is simply not found). */
async function requireOwnKey(tx: Tx, caller: Caller, owner: CredentialOwner, accessKeyId: string) {
  const key = await tx.accessKey.findFirst({ where: { id: accessKeyId, accountId: accountOf(caller), ...ownedBy(owner) } });
  if (!key) throw noSuchKey(accessKeyId);
  return key;
}

export const CreateAccessKey = operation({
  name: "CreateAccessKey",
  action: "iam:CreateAccessKey",
  input: z.object({ UserName: UserName.optional() }),
  ...actsOnCredentialOwner,
  run: async ({ tx, input, caller }): Promise<{ AccessKey: AccessKeyMetadata & { SecretAccessKey: string } }> => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    const existing = await tx.accessKey.count({ where: ownedBy(owner) });
    if (existing >= QUOTAS.AccessKeysPerUser) {
      throw limitExceeded("AccessKeysPerUser", "Delete an access key you no longer use (deactivate it first to check that nothing depends on it), then create a new one.");
    }
    const secret = newSecretAccessKey();
    const key = await tx.accessKey.create({
      data: {
        id: accessKeyId(),
        accountId: accountOf(caller),
        ...ownedBy(owner),
        secretCiphertext: seal(secret, ACCESS_KEY_SECRET_PURPOSE),
      },
    });
    return {
      AccessKey: { UserName: ownerName(owner), AccessKeyId: key.id, Status: "Active", SecretAccessKey: secret, CreateDate: key.createdAt },
    };
  },
});

export interface ListedAccessKey extends AccessKeyMetadata {
  /** Portcullis's console extension (IncludeConsoleColumns): GetAccessKeyLastUsed's answer, present when allowed. */
  ConsoleColumns?: { LastUsedDate?: Date; LastUsedService?: string };
}

export const ListAccessKeys = operation({
  name: "ListAccessKeys",
  action: "iam:ListAccessKeys",
  readOnly: true,
  input: z.object({ UserName: UserName.optional(), IncludeConsoleColumns: IncludeConsoleColumns.optional(), ...PageInput }),
  ...actsOnCredentialOwner,
  optionalAuthorizations: async (hooks) =>
    hooks.input.IncludeConsoleColumns ? [{ action: "iam:GetAccessKeyLastUsed", resource: await actsOnCredentialOwner.resource(hooks) }] : [],
  run: async ({ tx, input, caller, granted }): Promise<{ AccessKeyMetadata: ListedAccessKey[] } & Page> => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    const { skip, take } = pageWindow(input);
    const page = toPage(
      await tx.accessKey.findMany({
        where: ownedBy(owner),
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, status: true, createdAt: true, lastUsedAt: true, lastUsedService: true },
        skip,
        take,
      }),
      input,
    );
    const lastUsed = input.IncludeConsoleColumns && granted("iam:GetAccessKeyLastUsed");
    return {
      AccessKeyMetadata: page.items.map((key) => ({
        UserName: ownerName(owner),
        AccessKeyId: key.id,
        Status: key.status as AccessKeyStatus,
        CreateDate: key.createdAt,
        ...(lastUsed ? { ConsoleColumns: key.lastUsedAt ? { LastUsedDate: key.lastUsedAt, LastUsedService: key.lastUsedService ?? "iam" } : {} } : {}),
      })),
      ...pageFields(page),
    };
  },
});

export const UpdateAccessKey = operation({
  name: "UpdateAccessKey",
  action: "iam:UpdateAccessKey",
  input: z.object({ UserName: UserName.optional(), AccessKeyId, Status }),
  ...actsOnCredentialOwner,
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const key = await requireOwnKey(tx, caller, await resolveCredentialOwner(tx, caller, input.UserName), input.AccessKeyId);
    await tx.accessKey.update({ where: { id: key.id }, data: { status: input.Status } });
    return {};
  },
});

export const DeleteAccessKey = operation({
  name: "DeleteAccessKey",
  action: "iam:DeleteAccessKey",
  input: z.object({ UserName: UserName.optional(), AccessKeyId }),
  ...actsOnCredentialOwner,
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const key = await requireOwnKey(tx, caller, await resolveCredentialOwner(tx, caller, input.UserName), input.AccessKeyId);
    await tx.accessKey.delete({ where: { id: key.id } });
    return {};
  },
});

async function keyInAccount(tx: Tx, caller: Caller, accessKeyId: string) {
  return tx.accessKey.findFirst({ where: { id: accessKeyId, accountId: accountOf(caller) }, include: { user: { select: { name: true, arn: true } } } });
}

export const GetAccessKeyLastUsed = operation({
  name: "GetAccessKeyLastUsed",
  action: "iam:GetAccessKeyLastUsed",
  readOnly: true,
  input: z.object({ AccessKeyId }),
  // The key's owner (AWS's resource type is the user); an unknown key is asked about as the caller's
  // own, so only someone allowed to read their own keys' use learns that it does not exist.
  resource: async ({ input, caller, tx }) => {
    const key = await keyInAccount(tx, caller, input.AccessKeyId);
    if (!key) return caller.arn;
    return key.user?.arn ?? accountRootArn(key.accountId);
  },
  run: async ({ tx, input, caller }) => {
    const key = await keyInAccount(tx, caller, input.AccessKeyId);
    if (!key) throw noSuchKey(input.AccessKeyId);
    return {
      UserName: key.user?.name,
      // AWS answers "N/A" for a key that was never used; the region is the one the client signed for.
      AccessKeyLastUsed: key.lastUsedAt
        ? { LastUsedDate: key.lastUsedAt, ServiceName: key.lastUsedService ?? "iam", Region: key.lastUsedRegion ?? "N/A" }
        : { ServiceName: "N/A", Region: "N/A" },
    };
  },
});
