// Deleting IAM users. DeleteUser is AWS's: it refuses while the user still has anything attached.
// DeleteUserWithDependents is what the console's "Delete user" does for you: it removes each
// dependent first, then the user, in one transaction, so a failure leaves the user as it was.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { IamError } from "./errors";
import { actsOnUser, requireUser } from "./entities";
import { operation } from "./operation";
import { UserName } from "./validation";

const UserNameInput = z.object({ UserName });

interface Dependents {
  LoginProfile: number;
  Groups: number;
  AttachedPolicies: number;
  InlinePolicies: number;
  AccessKeys: number;
  MFADevices: number;
}

async function countDependents(tx: Tx, userId: string): Promise<Dependents> {
  const [LoginProfile, Groups, AttachedPolicies, InlinePolicies, AccessKeys, MFADevices] = await Promise.all([
    tx.loginProfile.count({ where: { userId } }),
    tx.groupMembership.count({ where: { userId } }),
    tx.userPolicyAttachment.count({ where: { userId } }),
    tx.inlinePolicy.count({ where: { userId } }),
    tx.accessKey.count({ where: { userId } }),
    tx.mfaDevice.count({ where: { userId } }),
  ]);
  return { LoginProfile, Groups, AttachedPolicies, InlinePolicies, AccessKeys, MFADevices };
}

// AWS's DeleteConflict messages, in the order AWS checks them.
const CONFLICTS: [keyof Dependents, string][] = [
  ["LoginProfile", "Cannot delete entity, must delete login profile first."],
  ["AccessKeys", "Cannot delete entity, must delete access keys first."],
  ["MFADevices", "Cannot delete entity, must delete MFA device first."],
  ["Groups", "Cannot delete entity, must remove user from all groups first."],
  ["AttachedPolicies", "Cannot delete entity, must detach all policies first."],
  ["InlinePolicies", "Cannot delete entity, must delete policies first."],
];

export const DeleteUser = operation({
  name: "DeleteUser",
  action: "iam:DeleteUser",
  input: UserNameInput,
  ...actsOnUser,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const user = await requireUser(tx, caller, input.UserName);
    const dependents = await countDependents(tx, user.id);
    const conflict = CONFLICTS.find(([kind]) => dependents[kind] > 0);
    if (conflict) throw new IamError("DeleteConflict", conflict[1]);
    // Tags belong to the user itself (AWS deletes them with it); the cascade removes them.
    await tx.user.delete({ where: { id: user.id } });
    return {};
  },
});

export const DeleteUserWithDependents = operation({
  name: "DeleteUserWithDependents",
  action: "iam:DeleteUser",
  input: UserNameInput,
  ...actsOnUser,
  run: async (tx, input, caller): Promise<{ Removed: Dependents & { Tags: number } }> => {
    const user = await requireUser(tx, caller, input.UserName);
    const userId = user.id;
    // Explicit deletes rather than relying on the cascade, so the result says what went with the user.
    const [loginProfile, groups, attached, inline, keys, mfa, tags] = await Promise.all([
      tx.loginProfile.deleteMany({ where: { userId } }),
      tx.groupMembership.deleteMany({ where: { userId } }),
      tx.userPolicyAttachment.deleteMany({ where: { userId } }),
      tx.inlinePolicy.deleteMany({ where: { userId } }),
      tx.accessKey.deleteMany({ where: { userId } }),
      tx.mfaDevice.deleteMany({ where: { userId } }),
      tx.tag.deleteMany({ where: { userId } }),
    ]);
    await tx.user.delete({ where: { id: userId } });
    return {
      Removed: {
        LoginProfile: loginProfile.count,
        Groups: groups.count,
        AttachedPolicies: attached.count,
        InlinePolicies: inline.count,
        AccessKeys: keys.count,
        MFADevices: mfa.count,
        Tags: tags.count,
      },
    };
  },
});
