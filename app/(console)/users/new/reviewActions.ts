"use server";

import { requireCaller } from "@/lib/auth/session";
import { isIamError } from "@/lib/iam/core/errors";
import { CreateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { AttachUserPolicy } from "@/lib/iam/policies/attachments";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { CreateUser } from "@/lib/iam/users/users";
import { isDenied } from "@/components/permissions/controlPermission";
import type { CreateUserDraft } from "@/components/users/wizard/draft";
import type { ReviewDenial } from "@/components/users/wizard/reviewPermissions";
import { draftArgument } from "../../_server/actionArguments";
import { pagePermissions } from "../../_server/pagePermissions";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * The Review step's question, once it knows the exact name and path: which of Create user's steps
 * (CreateUser, CreateLoginProfile, each AddUserToGroup and AttachUserPolicy) would the engine refuse?
 * One GetCallerPermissions call; nothing is created. The steps that act on the new user are decided
 * on its ARN, which exists only once it does: for a path other than "/" they are asked as "still to be
 * chosen", so only a step no policy could allow is reported, and Create user decides the rest.
 */
export async function reviewCreateUser(draft: CreateUserDraft): Promise<readonly ReviewDenial[]> {
  if (draftArgument(draft)) return [];
  const caller = await requireCaller();
  const UserName = String(draft.userName ?? "");
  const Path = String(draft.path ?? "") || "/";
  const onNewUser = Path !== "/";
  const steps: Record<string, { label: string; check: PermissionCheck }> = {
    createUser: {
      label: `Create user ${UserName} in path ${Path}`,
      check: {
        Operation: CreateUser,
        Input: {
          UserName,
          Path,
          Tags: (Array.isArray(draft.tags) ? draft.tags : []).filter((tag) => tag.key !== "").map((tag) => ({ Key: String(tag.key), Value: String(tag.value ?? "") })),
        },
      },
    },
  };
  if (draft.consoleAccess) {
    steps.createLoginProfile = {
      label: "Enable console access",
      check: { Operation: CreateLoginProfile, Input: { UserName, Password: "unknown" }, InputVaries: onNewUser },
    };
  }
  for (const GroupName of strings(draft.groupNames)) {
    steps[`group:${GroupName}`] = { label: `Add to group ${GroupName}`, check: { Operation: AddUserToGroup, Input: { GroupName, UserName } } };
  }
  for (const PolicyArn of new Set(strings(draft.policyArns))) {
    steps[`policy:${PolicyArn}`] = {
      label: `Attach policy ${PolicyArn.slice(PolicyArn.lastIndexOf("/") + 1)}`,
      check: { Operation: AttachUserPolicy, Input: { UserName, PolicyArn }, InputVaries: onNewUser },
    };
  }
  try {
    const decided = await pagePermissions(caller, Object.fromEntries(Object.entries(steps).map(([key, step]) => [key, step.check])));
    return Object.entries(decided).flatMap(([key, permission]) =>
      isDenied(permission) ? [{ step: steps[key]!.label, reason: permission.reason, ...(permission.needsMfa ? { needsMfa: true as const } : {}) }] : [],
    );
  } catch (error) {
    // An input the operations refuse (a name the first step let through) is Create user's to explain.
    if (isIamError(error)) return [];
    throw error;
  }
}
