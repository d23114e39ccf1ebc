// Console passwords of IAM users (AWS's "login profile"): CreateLoginProfile, GetLoginProfile,
// UpdateLoginProfile, DeleteLoginProfile. Passwords are checked against the account's password
// policy (reuse prevention included) and stored only as argon2id hashes; they appear in no output,
// error or audit event.
// A user changing their own password is ChangePassword (passwords.ts).

import { z } from "zod";
import { IamError } from "./errors";
import { actsOnUser, requireUser } from "./entities";
import { operation } from "./operation";
import { enforcePasswordPolicy, newPasswordHash } from "./passwords";
import { Password, UserName } from "./validation";

export interface LoginProfileView {
  UserName: string;
  CreateDate: Date;
  PasswordResetRequired: boolean;
}

function noSuchLoginProfile(userName: string): IamError {
  return new IamError("NoSuchEntity", `Login profile for user ${userName} cannot be found.`);
}

const CreateLoginProfileInput = z.object({
  UserName,
  Password,
  PasswordResetRequired: z.boolean().optional(),
});

export const CreateLoginProfile = operation({
  name: "CreateLoginProfile",
  action: "iam:CreateLoginProfile",
  input: CreateLoginProfileInput,
  ...actsOnUser,
  run: async (tx, input, caller): Promise<{ LoginProfile: LoginProfileView }> => {
    const user = await requireUser(tx, caller, input.UserName);
    if (await tx.loginProfile.findUnique({ where: { userId: user.id } })) {
      throw new IamError("EntityAlreadyExists", `Login Profile for user ${user.name} already exists.`);
    }
    await enforcePasswordPolicy(tx, user.accountId, input.Password, user.id);
    const profile = await tx.loginProfile.create({
      data: { userId: user.id, passwordHash: await newPasswordHash(tx, user.id, input.Password), passwordResetRequired: input.PasswordResetRequired ?? false },
    });
    return { LoginProfile: { UserName: user.name, CreateDate: profile.createdAt, PasswordResetRequired: profile.passwordResetRequired } };
  },
});

export const GetLoginProfile = operation({
  name: "GetLoginProfile",
  action: "iam:GetLoginProfile",
  readOnly: true,
  input: z.object({ UserName }),
  ...actsOnUser,
  run: async (tx, input, caller): Promise<{ LoginProfile: LoginProfileView }> => {
    const user = await requireUser(tx, caller, input.UserName);
    const profile = await tx.loginProfile.findUnique({ where: { userId: user.id } });
    if (!profile) throw noSuchLoginProfile(user.name);
    return { LoginProfile: { UserName: user.name, CreateDate: profile.createdAt, PasswordResetRequired: profile.passwordResetRequired } };
  },
});

const UpdateLoginProfileInput = z.object({
  UserName,
  Password: Password.optional(),
  PasswordResetRequired: z.boolean().optional(),
});

export const UpdateLoginProfile = operation({
  name: "UpdateLoginProfile",
  action: "iam:UpdateLoginProfile",
  input: UpdateLoginProfileInput,
  ...actsOnUser,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const user = await requireUser(tx, caller, input.UserName);
    const profile = await tx.loginProfile.findUnique({ where: { userId: user.id } });
    if (!profile) throw noSuchLoginProfile(user.name);
    const data: { passwordHash?: string; passwordChangedAt?: Date; passwordResetRequired?: boolean } = {};
    if (input.Password !== undefined) {
      await enforcePasswordPolicy(tx, user.accountId, input.Password, user.id);
      data.passwordHash = await newPasswordHash(tx, user.id, input.Password);
      data.passwordChangedAt = new Date();
    }
    if (input.PasswordResetRequired !== undefined) data.passwordResetRequired = input.PasswordResetRequired;
    await tx.loginProfile.update({ where: { userId: user.id }, data });
    return {};
  },
});

export const DeleteLoginProfile = operation({
  name: "DeleteLoginProfile",
  action: "iam:DeleteLoginProfile",
  input: z.object({ UserName }),
  ...actsOnUser,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const user = await requireUser(tx, caller, input.UserName);
    const { count } = await tx.loginProfile.deleteMany({ where: { userId: user.id } });
    if (count === 0) throw noSuchLoginProfile(user.name);
    return {};
  },
});
