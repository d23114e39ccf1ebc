// Switching role in the console: SwitchRole is AssumeRole as AWS's console makes it. The person
// types an account (ID or alias) and a role name with its path; the session is named after the
// user, lasts the console's one hour, and carries the console session's MFA state, so a trust
// policy that requires MFA refuses a console session that signed in without it (and the engine's
// explanation names the statement). The root user cannot switch: the engine refuses it, as AWS
// does. Each successful switch is remembered for the user (ListSwitchRoleHistory) in the database,
// so recent roles follow the user to any browser; more of them are kept than AWS's five.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, type CompiledPolicy } from "@/lib/policy";
import { IamError } from "../core/errors";
import { operation, type Hooks } from "../core/operation";
import { ASSUME_ROLE, SWITCH_ROLE_HISTORY_SIZE } from "../core/rules";
import { isSwitchRoleColor, SWITCH_ROLE_COLOR_NAMES, type SwitchRoleColor } from "./switchRoleColors";
import { assumesRole, issueRoleSession, type AssumeRoleRequest, type AssumeRoleResult } from "./assumeRole";


export const SwitchRoleInput = z.object({
  Account: z
    .string({ error: "Account is required" })
    .trim()
    .min(1, "enter the account's 12-digit ID or its alias")
    .max(63, "must be at most 63 characters")
    .regex(/^(\d{12}|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)$/, "must be a 12-digit account ID or an account alias (lower-case letters, digits and hyphens)"),
  /** The role's name, with its path if it has one: service/Deployer. */
  RoleName: z
    .string({ error: "RoleName is required" })
    .trim()
    .min(1, "enter the role's name (with its path, such as service/Deployer, if it has one)")
    .max(512, "must be at most 512 characters")
    .regex(/^([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,64}$/, "must be a role name, with its path if it has one (such as service/Deployer)"),
  DisplayName: z.string().trim().max(64, "must be at most 64 characters").optional(),
  Color: z.enum(SWITCH_ROLE_COLOR_NAMES, { error: `must be one of ${SWITCH_ROLE_COLOR_NAMES.join(", ")}` }).optional(),
});

type SwitchRoleRequest = z.infer<typeof SwitchRoleInput>;

export interface SwitchRoleResult extends AssumeRoleResult {
  /** What the header shows for the session. */
  DisplayName: string;
  Color: SwitchRoleColor;
}

/** The account ID an alias or ID names, or ValidationError when no account has it. */
async function accountIdOf(tx: Tx, account: string): Promise<string> {
  if (/^\d{12}$/.test(account)) return account;
  const found = await tx.account.findUnique({ where: { alias: account }, select: { id: true } });
  if (!found) throw new IamError("ValidationError", `No account has the alias ${account}. Check the account ID or alias with whoever shared the role with you.`);
  return found.id;
}

/** The AssumeRole request a switch makes, built once per switch (the hooks and run share it). */
const requests = new WeakMap<SwitchRoleRequest, Promise<AssumeRoleRequest>>();
function assumeRoleRequest({ tx, input, caller }: Hooks<SwitchRoleRequest>): Promise<AssumeRoleRequest> {
  let request = requests.get(input);
  if (!request) {
    request = (async () => {
      if (caller.kind === "assumed-role") {
        throw new IamError("InvalidInput", "Switch back to your own identity before switching to another role: the console switches from the user you signed in as.");
      }
      const accountId = await accountIdOf(tx, input.Account);
      return {
        RoleArn: `arn:aws:iam::${accountId}:role/${input.RoleName}`,
        // AWS's console names the session after the user who switched.
        RoleSessionName: caller.userName ?? "root",
        DurationSeconds: ASSUME_ROLE.consoleDurationSeconds,
      };
    })();
    requests.set(input, request);
  }
  return request;
}

/** Runs an AssumeRole hook on the request the switch makes. */
function asAssumeRole<T>(hook: (hooks: Hooks<AssumeRoleRequest>) => T | Promise<T>) {
  return async (hooks: Hooks<SwitchRoleRequest>): Promise<T> => hook({ ...hooks, input: await assumeRoleRequest(hooks) });
}

function roleNameOf(input: SwitchRoleRequest): string {
  return input.RoleName.split("/").pop()!;
}

export const SwitchRole = operation({
  name: "SwitchRole",
  action: "sts:AssumeRole",
  input: SwitchRoleInput,
  resource: asAssumeRole(assumesRole.resource),
  context: asAssumeRole(assumesRole.context),
  resourcePolicy: asAssumeRole(assumesRole.resourcePolicy),
  auditDetail: ({ caller }) => ({ roleSessionName: caller.userName }),
  run: async (hooks): Promise<SwitchRoleResult> => {
    const { tx, caller, input } = hooks;
    const request = await assumeRoleRequest(hooks);
    const result = await issueRoleSession(tx, caller, request, { console: true });
    const DisplayName = input.DisplayName || `${roleNameOf(input)} @ ${input.Account}`;
    const Color = input.Color ?? "blue";
    if (caller.kind === "user" && caller.userId) await remember(tx, caller.userId, request.RoleArn, { ...input, DisplayName, Color });
    return { ...result, DisplayName, Color };
  },
});

/** Moves the role to the top of the user's history, and forgets the oldest past the limit. */
async function remember(tx: Tx, userId: string, roleArn: string, entry: Required<Pick<SwitchRoleRequest, "Account" | "RoleName" | "DisplayName" | "Color">>) {
  const data = { account: entry.Account, roleName: entry.RoleName, displayName: entry.DisplayName, color: entry.Color, usedAt: new Date() };
  await tx.switchRoleHistory.upsert({ where: { userId_roleArn: { userId, roleArn } }, create: { userId, roleArn, ...data }, update: data });
  const stale = await tx.switchRoleHistory.findMany({ where: { userId }, orderBy: { usedAt: "desc" }, skip: SWITCH_ROLE_HISTORY_SIZE, select: { id: true } });
  if (stale.length > 0) await tx.switchRoleHistory.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
}

export interface SwitchRoleHistoryEntry {
  Account: string;
  RoleName: string;
  RoleArn: string;
  DisplayName: string;
  Color: SwitchRoleColor;
  UsedAt: Date;
}

export const SWITCH_ROLE_HISTORY_GRANT = "Portcullis self-service (anyone may read their own recent roles)";

/** Everyone may read their own history, as everyone may see their own account menu. */
async function ownHistoryGrant({ caller }: Hooks<unknown>): Promise<readonly CompiledPolicy[]> {
  if (caller.kind !== "user") return [];
  return [
    compilePolicy(
      { Version: "2012-10-17", Statement: [{ Sid: "ReadOwnRecentRoles", Effect: "Allow", Action: ["iam:ListSwitchRoleHistory"], Resource: [caller.arn] }] },
      SWITCH_ROLE_HISTORY_GRANT,
    ),
  ];
}

export const ListSwitchRoleHistory = operation({
  name: "ListSwitchRoleHistory",
  action: "iam:ListSwitchRoleHistory",
  readOnly: true,
  input: z.object({}).optional(),
  resource: ({ caller }) => caller.arn,
  builtInPolicies: ownHistoryGrant,
  run: async ({ tx, caller }): Promise<{ Roles: SwitchRoleHistoryEntry[] }> => {
    if (caller.kind !== "user" || !caller.userId) return { Roles: [] };
    const rows = await tx.switchRoleHistory.findMany({ where: { userId: caller.userId }, orderBy: { usedAt: "desc" }, take: SWITCH_ROLE_HISTORY_SIZE });
    return {
      Roles: rows.map((row) => ({
        Account: row.account,
        RoleName: row.roleName,
        RoleArn: row.roleArn,
        DisplayName: row.displayName,
        Color: isSwitchRoleColor(row.color) ? row.color : "blue",
        UsedAt: row.usedAt,
      })),
    };
  },
});
