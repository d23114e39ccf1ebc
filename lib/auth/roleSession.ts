// A role session as a caller: the row sts:AssumeRole wrote (lib/iam/roles/assumeRole.ts), read again
// on every request like every principal, so a deleted role, an expired session or a revoked one
// (the engine's job, through AWSRevokeOlderSessions) takes effect at once on every instance. The
// console reaches it through a switched session's claims; the API (SigV4 with an ASIA key) will
// reach it by the access key ID. Either way the request is a use of the role (RoleLastUsed).

import "server-only";
import { db } from "@/lib/db/client";
import type { Caller, RequestScope } from "./caller";
import { useRecordDue } from "./lastUse";
import type { RequestInfo } from "./request";

/**
 * The role session with this temporary access key ID as a caller, or undefined when it is gone or
 * expired. Its use is the role's use (RoleLastUsed: when and, for a signed API request, the region),
 * recorded at most once a minute.
 */
export async function loadRoleSessionCaller(accessKeyId: string, request: RequestInfo & { scope?: RequestScope }, now = new Date(), region?: string): Promise<Caller | undefined> {
  const session = await db.roleSession.findUnique({ where: { accessKeyId }, include: { role: { select: { name: true, arn: true, lastUsedAt: true } } } });
  if (!session || session.expiresAt <= now) return undefined;
  const before = useRecordDue(session.role.lastUsedAt, now);
  if (before) {
    await db.role.updateMany({ where: { id: session.roleId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] }, data: { lastUsedAt: now, lastUsedRegion: region ?? null } });
  }
  return {
    kind: "assumed-role",
    accountId: session.accountId,
    arn: session.arn,
    roleSession: {
      accessKeyId: session.accessKeyId,
      roleId: session.roleId,
      roleName: session.role.name,
      roleArn: session.role.arn,
      sessionName: session.name,
      assumedBy: session.assumedByArn,
      sourceIdentity: session.sourceIdentity ?? undefined,
      expiresAt: session.expiresAt,
      console: session.console,
    },
    mfaAuthenticated: session.mfaAuthenticated,
    // aws:TokenIssueTime: what AWSRevokeOlderSessions compares.
    authTime: session.issuedAt,
    ...request,
  };
}
