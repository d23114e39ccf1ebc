// Deleting IAM users. DeleteUser is AWS's: it refuses while the user still has anything attached.
// DeleteUserWithDependents is what the console's "Delete user" does for you: it removes each
// dependent first, each removal its own step (its own action, decided by the engine and audited),
// then the user, all in one transaction. A step the caller may not take stops the whole deletion,
// names that step, and leaves the user exactly as it was.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { UserName } from "../core/validation";
import { DeleteAccessKey } from "../credentials/accessKeys";
import { DeleteLoginProfile } from "../credentials/loginProfiles";
import { DeactivateMFADevice, DeleteVirtualMFADevice } from "../credentials/mfa";
import { RemoveUserFromGroup } from "../groups/membership";
import { DetachUserPolicy } from "../policies/attachments";
import { DeleteUserPolicy } from "../policies/inline";
import { actsOnUser, requireUser } from "./entity";

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
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
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
  run: async ({ tx, input, caller, steps }): Promise<{ Removed: Dependents & { Tags: number } }> => {
    const user = await requireUser(tx, caller, input.UserName);
    const UserName = user.name;
    const [profile, keys, devices, groups, attached, inline, Tags] = await Promise.all([
      tx.loginProfile.findUnique({ where: { userId: user.id }, select: { userId: true } }),
      tx.accessKey.findMany({ where: { userId: user.id }, select: { id: true } }),
      tx.mfaDevice.findMany({ where: { userId: user.id }, select: { serialNumber: true, enabledAt: true } }),
      tx.groupMembership.findMany({ where: { userId: user.id }, select: { group: { select: { name: true } } } }),
      tx.userPolicyAttachment.findMany({ where: { userId: user.id }, select: { policy: { select: { arn: true } } } }),
      tx.inlinePolicy.findMany({ where: { userId: user.id }, select: { name: true } }),
      tx.tag.count({ where: { userId: user.id } }),
    ]);
    // The order of the AWS console: credentials first, then memberships and policies.
    if (profile) await steps.run(DeleteLoginProfile, { UserName });
    for (const key of keys) await steps.run(DeleteAccessKey, { UserName, AccessKeyId: key.id });
    for (const device of devices) {
      // An enabled device is deactivated first; an enrollment never finished is only deleted.
      if (device.enabledAt) await steps.run(DeactivateMFADevice, { UserName, SerialNumber: device.serialNumber });
      await steps.run(DeleteVirtualMFADevice, { SerialNumber: device.serialNumber });
    }
    for (const { group } of groups) await steps.run(RemoveUserFromGroup, { GroupName: group.name, UserName });
    for (const { policy } of attached) await steps.run(DetachUserPolicy, { UserName, PolicyArn: policy.arn });
    for (const policy of inline) await steps.run(DeleteUserPolicy, { UserName, PolicyName: policy.name });
    await steps.run(DeleteUser, { UserName });
    return {
      Removed: {
        LoginProfile: profile ? 1 : 0,
        AccessKeys: keys.length,
        MFADevices: devices.length,
        Groups: groups.length,
        AttachedPolicies: attached.length,
        InlinePolicies: inline.length,
        Tags,
      },
    };
  },
});
