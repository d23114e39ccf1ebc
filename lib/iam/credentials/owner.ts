// Whose credentials an operation acts on. AWS's access-key and MFA APIs take an optional UserName:
// absent, they act on the caller itself, which for the root user means the root user's own keys and
// devices (an IAM user can never name the root user, so only root manages root's credentials). The
// resource the engine is asked about is that principal's ARN (AWS's user resource type; the root ARN
// for the root user's own), with the user's tags as aws:ResourceTag/*.

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { accountRootArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import type { Hooks } from "../core/operation";
import { requireUser, userResource, userTagContext } from "../users/entity";

export type CredentialOwner =
  | { readonly kind: "root"; readonly accountId: string; readonly arn: string }
  | { readonly kind: "user"; readonly accountId: string; readonly arn: string; readonly userId: string; readonly userName: string };

/** The named user, or the caller itself. */
export async function resolveCredentialOwner(tx: Tx, caller: Caller, userName: string | undefined): Promise<CredentialOwner> {
  const accountId = accountOf(caller);
  if (userName !== undefined) {
    const user = await requireUser(tx, caller, userName);
    return { kind: "user", accountId, arn: user.arn, userId: user.id, userName: user.name };
  }
  if (caller.kind === "root") return { kind: "root", accountId, arn: accountRootArn(accountId) };
  if (caller.kind === "user" && caller.userId && caller.userName) {
    return { kind: "user", accountId, arn: caller.arn, userId: caller.userId, userName: caller.userName };
  }
  throw new IamError("InvalidInput", "Name the user whose credentials to manage (UserName): this caller has none of its own.");
}

/** The Prisma filter for credentials of this principal. */
export function ownedBy(owner: CredentialOwner): { userId: string } | { rootAccountId: string } {
  return owner.kind === "root" ? { rootAccountId: owner.accountId } : { userId: owner.userId };
}

export function isOwnedBy(credential: { userId: string | null; rootAccountId: string | null }, owner: CredentialOwner): boolean {
  return owner.kind === "root" ? credential.rootAccountId === owner.accountId : credential.userId === owner.userId;
}

/** Whether the caller is acting on its own credentials. */
export function isSelf(caller: Caller, owner: CredentialOwner): boolean {
  return owner.kind === "root" ? caller.kind === "root" && caller.accountId === owner.accountId : caller.kind === "user" && caller.userId === owner.userId;
}

/** "The root user" / "The user bob", to begin a sentence about the owner. */
export function ownerLabel(owner: CredentialOwner): string {
  return owner.kind === "root" ? "The root user" : `The user ${owner.userName}`;
}

/** The resource and condition keys: the named user's ARN (with its path) and tags, or the caller's own ARN. */
export const actsOnCredentialOwner = {
  resource: ({ tx, input, caller }: Hooks<{ UserName?: string }>) => (input.UserName === undefined ? caller.arn : userResource(tx, caller, input.UserName)),
  context: ({ tx, input, caller }: Hooks<{ UserName?: string }>) => (input.UserName === undefined ? {} : userTagContext(tx, caller, input.UserName)),
};
