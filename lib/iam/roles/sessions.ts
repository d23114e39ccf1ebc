// A role's sessions: ListRoleSessions (Portcullis's console extension: AWS keeps no list of issued
// sessions, CloudTrail does) and RevokeRoleSessions, which works exactly as AWS's console "Revoke
// active sessions" does: it puts the inline policy AWSRevokeOlderSessions on the role, denying every
// action to sessions whose aws:TokenIssueTime is before now. Nothing is deleted, so the engine is
// what stops an old session, on every instance at once, and the policy can be read and removed like
// any other. Sessions issued after the revocation are not affected.

import { z } from "zod";
import { readPolicy } from "@/lib/policy";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { REVOKE_SESSIONS_POLICY_NAME } from "../core/rules";
import { RoleName } from "../core/validation";
import { PutRolePolicy } from "../policies/inline";
import { actsOnRole, requireRole } from "./entity";

/** AWS's revocation policy: deny everything to sessions issued before `before`. */
export function revokeOlderSessionsPolicy(before: Date): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: ["*"], Resource: ["*"], Condition: { DateLessThan: { "aws:TokenIssueTime": before.toISOString() } } }],
    },
    null,
    2,
  );
}

/** The time the role's AWSRevokeOlderSessions policy revokes before, if it has one in AWS's form. */
function revokedBefore(document: string | undefined): Date | undefined {
  if (document === undefined) return undefined;
  const { document: policy } = readPolicy(JSON.parse(document));
  // readPolicy gives conditions as a list of { operator, key, values }; key names are case-insensitive.
  const condition = policy?.Statement[0]?.Condition?.find((c) => c.operator === "DateLessThan" && c.key.toLowerCase() === "aws:tokenissuetime");
  const text = condition?.values[0];
  const time = typeof text === "string" ? new Date(text) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : undefined;
}

export interface RoleSessionView {
  AssumedRoleId: string;
  Arn: string;
  RoleSessionName: string;
  SourceIdentity?: string;
  /** The identity that called AssumeRole (or switched role in the console). */
  AssumedBy: string;
  IssuedAt: Date;
  Expiration: Date;
  MfaAuthenticated: boolean;
  /** Issued by switching role in the console. */
  Console: boolean;
  /** Denied everything by the role's AWSRevokeOlderSessions policy. */
  Revoked: boolean;
}

export const ListRoleSessions = operation({
  name: "ListRoleSessions",
  action: "iam:ListRoleSessions",
  readOnly: true,
  input: z.object({ RoleName, ...PageInput }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<{ Sessions: RoleSessionView[]; RevokedBefore?: Date } & Page> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const where = { roleId: role.id, expiresAt: { gt: new Date() } };
    const { skip, take } = pageWindow(input);
    const [rows, revocation] = await Promise.all([
      tx.roleSession.findMany({ where, orderBy: [{ issuedAt: "desc" }, { accessKeyId: "desc" }], skip, take }),
      tx.inlinePolicy.findFirst({ where: { roleId: role.id, nameLower: REVOKE_SESSIONS_POLICY_NAME.toLowerCase() }, select: { document: true } }),
    ]);
    const before = revokedBefore(revocation?.document);
    const page = toPage(rows, input);
    return {
      Sessions: page.items.map((row) => ({
        AssumedRoleId: `${role.id}:${row.name}`,
        Arn: row.arn,
        RoleSessionName: row.name,
        ...(row.sourceIdentity ? { SourceIdentity: row.sourceIdentity } : {}),
        AssumedBy: row.assumedByArn,
        IssuedAt: row.issuedAt,
        Expiration: row.expiresAt,
        MfaAuthenticated: row.mfaAuthenticated,
        Console: row.console,
        Revoked: before !== undefined && row.issuedAt < before,
      })),
      ...(before ? { RevokedBefore: before } : {}),
      ...pageFields(page),
    };
  },
});

export const RevokeRoleSessions = operation({
  name: "RevokeRoleSessions",
  action: "iam:PutRolePolicy",
  input: z.object({ RoleName }),
  ...actsOnRole,
  run: async ({ input, steps }): Promise<{ RevokedBefore: Date }> => {
    const before = new Date();
    await steps.run(PutRolePolicy, { RoleName: input.RoleName, PolicyName: REVOKE_SESSIONS_POLICY_NAME, PolicyDocument: revokeOlderSessionsPolicy(before) });
    return { RevokedBefore: before };
  },
});
