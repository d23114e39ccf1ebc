// Seeds an account at AWS's default quotas straight into the database (the benchmark measures
// requests, not seeding, so rows are inserted in bulk rather than through operations).

import type { Caller } from "../lib/auth/caller";
import { hashPassword } from "../lib/auth/password";
import { db, provider } from "../lib/db/client";
import { accessKeyId, newAccountId, uniqueId } from "@/lib/iam/core/ids";
import { groupArn, policyArn, roleArn, userArn } from "../lib/policy";

const SERVICES = ["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "iam"];
/** The seeded audit log's calls per service: real actions, most of them granted by the seeded policies. */
const AUDITED_ACTIONS: Record<string, readonly string[]> = {
  s3: ["GetObject", "ListBucket", "PutObject"],
  ec2: ["DescribeInstances", "CreateTags"],
  dynamodb: ["GetItem", "PutItem"],
  sqs: ["GetQueueUrl", "CreateQueue"],
  sns: ["ListTopics", "CreateTopic"],
  lambda: ["GetFunction", "ListFunctions"],
  logs: ["DescribeLogGroups", "PutLogEvents"],
  iam: ["GetUser", "ListUsers"],
};

function policyDocument(i: number): string {
  const service = SERVICES[i % SERVICES.length]!;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Read", Effect: "Allow", Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`], Resource: "*" },
      { Sid: "Write", Effect: "Allow", Action: [`${service}:Put*`, `${service}:Create*`], Resource: `arn:aws:${service}:*:*:team-${i % 40}/*` },
      { Sid: "Guard", Effect: "Deny", Action: `${service}:Delete*`, Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
    ],
  });
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedQuotaAccount(counts: { users: number; groups: number; policies: number; roles: number; auditEvents: number }) {
  const accountId = newAccountId();
  await db.account.create({
    data: { id: accountId, name: "Bench Corp", rootUser: { create: { email: `root@${accountId}.example`, passwordHash: await hashPassword("bench-root-Password1") } } },
  });

  const policies = Array.from({ length: counts.policies }, (_, i) => {
    const name = `policy-${i}`;
    return { id: uniqueId("ANPA"), accountId, name, nameLower: name, arn: policyArn(accountId, name), defaultVersionId: "v1" };
  });
  await inChunks(policies, (chunk) => db.managedPolicy.createMany({ data: chunk }));
  await inChunks(
    policies.map((p, i) => ({ policyId: p.id, versionId: "v1", document: policyDocument(i), isDefault: true })),
    (chunk) => db.policyVersion.createMany({ data: chunk }),
  );

  const groups = Array.from({ length: counts.groups }, (_, i) => {
    const name = `group-${i}`;
    return { id: uniqueId("AGPA"), accountId, name, nameLower: name, arn: groupArn(accountId, name) };
  });
  await inChunks(groups, (chunk) => db.group.createMany({ data: chunk }));
  await inChunks(
    groups.flatMap((g, i) => [0, 1, 2].map((k) => ({ groupId: g.id, policyId: policies[(i * 3 + k) % policies.length]!.id }))),
    (chunk) => db.groupPolicyAttachment.createMany({ data: chunk }),
  );

  const users = Array.from({ length: counts.users }, (_, i) => {
    const name = `user-${i}`;
    return { id: uniqueId("AIDA"), accountId, name, nameLower: name, arn: userArn(accountId, name) };
  });
  await inChunks(users, (chunk) => db.user.createMany({ data: chunk }));
  await inChunks(
    users.flatMap((u, i) => [0, 1].map((k) => ({ userId: u.id, groupId: groups[(i * 2 + k) % groups.length]!.id }))),
    (chunk) => db.groupMembership.createMany({ data: chunk }),
  );
  await inChunks(
    users.map((u, i) => ({ userId: u.id, key: "team", keyLower: "team", value: `team-${i % 40}` })),
    (chunk) => db.tag.createMany({ data: chunk }),
  );

  // Roles: every one trusted by the account (every fifth only with MFA), with two managed policies,
  // an inline policy, two tags and, on every tenth, a live role session.
  const trust = (i: number) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole", ...(i % 5 === 0 ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } : {}) }],
    });
  const roles = Array.from({ length: counts.roles }, (_, i) => {
    const name = `role-${i}`;
    return { id: uniqueId("AROA"), accountId, name, nameLower: name, arn: roleArn(accountId, name), trustPolicy: trust(i), lastUsedAt: i % 3 === 0 ? new Date() : null };
  });
  await inChunks(roles, (chunk) => db.role.createMany({ data: chunk }));
  await inChunks(
    roles.flatMap((r, i) => [0, 1].map((k) => ({ roleId: r.id, policyId: policies[(i * 2 + k) % policies.length]!.id }))),
    (chunk) => db.rolePolicyAttachment.createMany({ data: chunk }),
  );
  await inChunks(
    roles.map((r, i) => ({ roleId: r.id, name: "Inline", nameLower: "inline", document: policyDocument(i) })),
    (chunk) => db.inlinePolicy.createMany({ data: chunk }),
  );
  await inChunks(
    roles.flatMap((r, i) => [
      { roleId: r.id, key: "team", keyLower: "team", value: `team-${i % 40}` },
      { roleId: r.id, key: "env", keyLower: "env", value: i % 2 ? "prod" : "dev" },
    ]),
    (chunk) => db.tag.createMany({ data: chunk }),
  );
  const hourFromNow = new Date(Date.now() + 3_600_000);
  await inChunks(
    roles
      .filter((_, i) => i % 10 === 0)
      .map((r) => ({
        accessKeyId: `ASIA${uniqueId("AROA").slice(4, 20)}`,
        accountId,
        roleId: r.id,
        name: "bench-session",
        arn: `arn:aws:sts::${accountId}:assumed-role/${r.name}/bench-session`,
        secretCiphertext: "bench-not-a-real-secret",
        sessionTokenHash: `bench-${r.id}`,
        expiresAt: hourFromNow,
        assumedByArn: users[0]!.arn,
      })),
    (chunk) => db.roleSession.createMany({ data: chunk }),
  );

  // Credentials on every tenth user, so the console columns and the Security credentials tab have rows to read.
  const credentialed = users.filter((_, i) => i % 10 === 0);
  await inChunks(credentialed.map((u) => ({ userId: u.id, passwordHash: "bench-not-a-real-hash" })), (chunk) => db.loginProfile.createMany({ data: chunk }));
  await inChunks(
    credentialed.map((u) => ({ id: accessKeyId(), accountId, userId: u.id, secretCiphertext: "bench-not-a-real-secret" })),
    (chunk) => db.accessKey.createMany({ data: chunk }),
  );
  await inChunks(
    credentialed.map((u) => ({ accountId, userId: u.id, serialNumber: `arn:aws:iam::${accountId}:mfa/${u.name}`, name: u.name, secretCiphertext: "bench-not-a-real-seed", enabledAt: new Date() })),
    (chunk) => db.mfaDevice.createMany({ data: chunk }),
  );
  // An audit log with history to page through, newest first, spread over the last 180 days: users'
  // and role sessions' attempts across the services the policies grant, one in seven denied, so the
  // access reports (last accessed, unused access) have a realistic history to read. Built a chunk
  // at a time, so a million events never sit in memory at once.
  const sessions = roles.filter((_, i) => i % 10 === 0);
  const now = Date.now();
  const auditEvent = (i: number) => {
    const service = SERVICES[i % SERVICES.length]!;
    const bySession = i % 5 === 4 && sessions.length > 0;
    const role = sessions[i % Math.max(1, sessions.length)];
    return {
      accountId,
      principalArn: bySession ? `arn:aws:sts::${accountId}:assumed-role/${role!.name}/bench-session` : users[i % users.length]!.arn,
      assumedBy: bySession ? users[0]!.arn : null,
      action: i % 3 === 0 ? "iam:CreateUser" : i % 3 === 1 ? `${service}:${AUDITED_ACTIONS[service]![Math.floor(i / SERVICES.length) % AUDITED_ACTIONS[service]!.length]}` : "iam:AttachUserPolicy",
      resource: users[(i * 13) % users.length]!.arn,
      result: i % 7 === 0 ? "Denied" : "Allowed",
      readOnly: i % 3 === 1,
      time: new Date(now - ((i * 7919) % (180 * 86_400)) * 1000),
    };
  };
  for (let start = 0; start < counts.auditEvents; start += 2000) {
    const chunk = Array.from({ length: Math.min(2000, counts.auditEvents - start) }, (_, k) => auditEvent(start + k));
    await db.auditEvent.createMany({ data: chunk });
  }

  // The caller: an administrator with 10 managed policies through 3 groups.
  const adminName = "bench-admin";
  const admin = await db.user.create({ data: { id: uniqueId("AIDA"), accountId, name: adminName, nameLower: adminName, arn: userArn(accountId, adminName) } });
  const adminGroups = ["Admins", "Platform", "Data"].map((name) => ({ id: uniqueId("AGPA"), accountId, name, nameLower: name.toLowerCase(), arn: groupArn(accountId, name) }));
  await db.group.createMany({ data: adminGroups });
  await db.groupMembership.createMany({ data: adminGroups.map((g) => ({ userId: admin.id, groupId: g.id })) });
  const administratorAccess = await db.managedPolicy.findUniqueOrThrow({ where: { arn: "arn:aws:iam::aws:policy/AdministratorAccess" } });
  await db.groupPolicyAttachment.createMany({
    data: [
      { groupId: adminGroups[0]!.id, policyId: administratorAccess.id },
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({ groupId: adminGroups[1 + (k % 2)]!.id, policyId: policies[1000 + k]!.id })),
    ],
  });

  // PostgreSQL plans from table statistics, and a table bulk-loaded a moment ago has none until
  // autovacuum analyzes it (within a minute or so on a live server): measured, the policies list took
  // 274 ms p50 straight after seeding against 90 ms once analyzed. The benchmark measures a database
  // in its steady state, so gather them now. (SQLite keeps none unless asked, and is left as it runs.)
  if (provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");

  const caller: Caller = { kind: "user", accountId, arn: admin.arn, userId: admin.id, userName: adminName, mfaAuthenticated: false };
  const root: Caller = { kind: "root", accountId, arn: `arn:aws:iam::${accountId}:root`, mfaAuthenticated: false };
  let next = 0;
  let nextGroup = 0;
  let nextPolicy = 0;
  let nextRole = 0;
  return {
    admin: caller,
    root,
    sampleUserName: () => users[(next++ * 7919) % users.length]!.name,
    sampleGroupName: () => groups[(nextGroup++ * 37) % groups.length]!.name,
    samplePolicyArn: () => policies[(nextPolicy++ * 101) % policies.length]!.arn,
    sampleRoleName: () => roles[(nextRole++ * 97) % roles.length]!.name,
  };
}
