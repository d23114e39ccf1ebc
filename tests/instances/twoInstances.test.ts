// Two production servers (A and B, two ports) sharing one PostgreSQL database, driven through the
// real doors: the IAM Query API with @aws-sdk/client-iam, and the console's HTTP sign-in, pages and
// server actions. What an operator behind a load balancer relies on: a session works on every
// instance and ends on every instance, the sign-in throttle counts failures made on any of them, and
// concurrent writes through both lose nothing and break no quota or uniqueness rule.
// Timings are printed for the report, never asserted.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { actionId, callAction, CookieJar, page, sessionEndpoint, signInIamUser, signOut, type ClientAt } from "./support/console";
import { dataLayer, freshPostgresDatabase, NO_POSTGRES, POSTGRES_ADMIN_URL, type PostgresDatabase } from "./support/database";
import { missingBuild, PORT_BASE, sharedSecrets, startInstance, stopAll, type Instance } from "./support/instance";

type DataLayer = Awaited<ReturnType<typeof dataLayer>>;

const PASSWORD = "Two-Instances-Password-42!";
const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const document = (sid: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

if (!POSTGRES_ADMIN_URL) console.warn(`tests/instances/twoInstances.test.ts: ${NO_POSTGRES}`);

describe.skipIf(!POSTGRES_ADMIN_URL)("two instances sharing one PostgreSQL database", () => {
  let database: PostgresDatabase;
  let a: Instance;
  let b: Instance;
  let layer: DataLayer;
  let accountId: string;
  /** The account's root key through A and through B. */
  let rootAt: [IAMClient, IAMClient];
  const timings: string[] = [];

  const client = (instance: Instance, credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new IAMClient({ endpoint: instance.iamEndpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  /** The n-th of a burst goes to A, B, A, B, … as a round-robin load balancer sends them. */
  const alternate = (n: number): Instance => (n % 2 === 0 ? a : b);

  /** An IAM user who may sign in to the console, made through the API. */
  async function consoleUser(userName: string, policy?: object): Promise<void> {
    await rootAt[0].send(new CreateUserCommand({ UserName: userName }));
    await rootAt[1].send(new CreateLoginProfileCommand({ UserName: userName, Password: PASSWORD }));
    if (policy) await rootAt[0].send(new PutUserPolicyCommand({ UserName: userName, PolicyName: "console", PolicyDocument: JSON.stringify(policy) }));
  }

  beforeAll(async () => {
    const missing = missingBuild();
    if (missing) throw new Error(missing);
    database = await freshPostgresDatabase();
    const secrets = sharedSecrets();
    // The test process reads the same database with the same key (the API suite's account helper encrypts the root key's secret).
    Object.assign(process.env, { DATABASE_URL: database.url, ...secrets, PORTCULLIS_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portcullis-instances-test-")) });
    // This machine is the instances' load balancer: they trust its X-Forwarded-For, as instances behind one would.
    const env = { DATABASE_URL: database.url, ...secrets, PORTCULLIS_TRUSTED_PROXIES: "127.0.0.1" };
    // One after the other. Started at once, the second fails: \`prisma migrate deploy\` on PostgreSQL
    // keeps its advisory lock until its idle pool connection closes (~10 s after it is done), and the
    // other instance's deploy gives up after 10 s with P1002 (reported to the lead; see the report).
    a = await startInstance({ name: "A", port: PORT_BASE, dataDir: mkdtempSync(path.join(tmpdir(), "portcullis-instance-A-")), env });
    b = await startInstance({ name: "B", port: PORT_BASE + 1, dataDir: mkdtempSync(path.join(tmpdir(), "portcullis-instance-B-")), env });
    timings.push(`npm start on PostgreSQL (migrations included): A ${a.startMs} ms (new database), B ${b.startMs} ms (already migrated)`);
    layer = await dataLayer();
    const account = await layer.newApiAccount("Two instances");
    accountId = account.accountId;
    rootAt = [client(a, account.rootKey), client(b, account.rootKey)];
  }, 240_000);

  afterAll(async () => {
    await stopAll([a, b]);
    await layer?.db.$disconnect();
    if (database && process.env.INSTANCES_KEEP_DATABASE !== "1") await database.drop();
    console.log(`two instances, timings:\n  ${timings.join("\n  ")}`);
  }, 60_000);

  it("a session made by signing in on A works on B, and signing out on A ends it on B", async () => {
    await consoleUser("session-person");
    const browser: ClientAt = { jar: new CookieJar(), address: "203.0.113.10" };
    const signedIn = await signInIamUser(a, browser, accountId, "session-person", PASSWORD);
    expect(signedIn).toMatchObject({ signedIn: true });
    timings.push(`console sign-in on A: ${signedIn.ms} ms`);

    const onB = await page(b, browser, "/me");
    expect(onB.status).toBe(200);
    expect(onB.body).toContain("session-person");
    expect((await sessionEndpoint(b, browser)).principal?.userName).toBe("session-person");

    // The cookie as it was before sign-out: what a second tab, or a copy an attacker took, still holds.
    const kept: ClientAt = { jar: browser.jar.copy(), address: browser.address };
    expect(await signOut(a, browser)).toBe(200);
    expect(browser.jar.get("next-auth.session-token")).toBeUndefined();

    const afterOnB = await page(b, kept, "/me");
    expect(afterOnB.status, "B still served the console page after sign-out on A").toBeGreaterThanOrEqual(300);
    expect(afterOnB.status).toBeLessThan(400);
    expect(afterOnB.location).toMatch(/\/signin/);
    const afterOnA = await page(a, kept, "/me");
    expect(afterOnA.location).toMatch(/\/signin/);
    // next-auth's own endpoint reads the token only (lib/auth/options.ts's session callback), not the generation.
    timings.push(`after sign-out on A, GET /api/auth/session on B with the old cookie names: ${(await sessionEndpoint(b, kept)).principal?.arn ?? "nobody"}`);
  });

  it("the sign-in throttle counts failures made on both instances: five wrong passwords from one address lock it out on either", async () => {
    await consoleUser("throttled-person");
    const guesser: ClientAt = { jar: new CookieJar(), address: "198.51.100.23" };
    const wrong = (on: Instance) => signInIamUser(on, guesser, accountId, "throttled-person", "not-the-password");
    // THROTTLE_RULES.principalAtAddress: a pause after 3 failures (2 s, then 4 s), locked out after 5.
    const answers = [await wrong(a), await wrong(b), await wrong(a)];
    expect(answers.map((answer) => answer.error)).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin"]);
    // B knows of A's third failure at once: the pause applies there too, before any password is checked.
    expect((await signInIamUser(b, guesser, accountId, "throttled-person", PASSWORD)).error).toBe("Throttled");
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await wrong(b)).error).toBe("CredentialsSignin");
    await new Promise((resolve) => setTimeout(resolve, 4_100));
    expect((await wrong(a)).error).toBe("CredentialsSignin");

    // Five failures, alternately on A and B: the right password is now refused on both.
    for (const on of [a, b]) {
      const right = await signInIamUser(on, { jar: new CookieJar(), address: guesser.address }, accountId, "throttled-person", PASSWORD);
      expect(right, `the right password on ${on.name} after the lockout`).toMatchObject({ signedIn: false, error: "Throttled" });
    }
    // A lockout holds the principal at that address only; elsewhere the principal is merely slowed (≤ 4 s).
    await new Promise((resolve) => setTimeout(resolve, 4_100));
    expect(await signInIamUser(b, { jar: new CookieJar(), address: "192.0.2.77" }, accountId, "throttled-person", PASSWORD)).toMatchObject({ signedIn: true });
  });

  it("concurrent saves of one policy's default version through both consoles: exactly one wins, the others get ConcurrentModification", async () => {
    await consoleUser("policy-editor", ADMIN);
    const sessions = await Promise.all(
      [a, b].map(async (on) => {
        const session: ClientAt = { jar: new CookieJar(), address: "203.0.113.30" };
        expect(await signInIamUser(on, session, accountId, "policy-editor", PASSWORD)).toMatchObject({ signedIn: true });
        return session;
      }),
    );
    const { Policy } = await rootAt[0].send(new CreatePolicyCommand({ PolicyName: "Shared", PolicyDocument: document("Original") }));
    const policyArn = Policy!.Arn!;
    // ExpectedDefaultVersionId is the console editor's own member (lib/query/consoleOnly.ts): the Query
    // door drops it, so the door that has it is the editor's "Save as new version" server action.
    const save = actionId("app/(console)/policies/[...policy]/actions.ts", "savePolicyVersion");
    const editors = 8;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: editors }, (_, n) =>
        callAction(alternate(n), sessions[n % 2]!, `/policies/${encodeURIComponent(policyArn)}`, save, [
          policyArn,
          {},
          { document: document(`Editor${n}`), setAsDefault: true, expectedDefaultVersionId: "v1" },
        ]),
      ),
    );
    timings.push(`${editors} concurrent console saves (A/B): ${Date.now() - started} ms in all; each ${answers.map((answer) => answer.ms).join(", ")} ms`);
    const winners = answers.flatMap((answer, n) => (answer.redirect ? [n] : []));
    const losers = answers.filter((answer) => !answer.redirect);
    expect(winners, JSON.stringify(answers)).toHaveLength(1);
    expect(losers.map((answer) => answer.errorCode)).toEqual(Array(editors - 1).fill("ConcurrentModification"));
    for (const loser of losers) expect(loser.errorMessage).toMatch(/changed|another|concurrent/i);

    // No lost update: the winner's text is v2 and the default, on both instances, and nothing else was written.
    for (const iam of rootAt) {
      const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions!;
      expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion]).sort()).toEqual([
        ["v1", false],
        ["v2", true],
      ]);
      expect((await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy!.DefaultVersionId).toBe("v2");
      const v2 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: "v2" }));
      expect(decodeURIComponent(v2.PolicyVersion!.Document!)).toBe(document(`Editor${winners[0]}`));
    }
  });

  it("concurrent CreatePolicyVersion (SetAsDefault) through the API on both: every acknowledged version exists, one default, within the quota of 5", async () => {
    const { Policy } = await rootAt[0].send(new CreatePolicyCommand({ PolicyName: "SharedApi", PolicyDocument: document("Original") }));
    const policyArn = Policy!.Arn!;
    const writers = 6;
    const started = Date.now();
    const answers = await Promise.allSettled(
      Array.from({ length: writers }, (_, n) =>
        rootAt[n % 2]!.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: document(`Writer${n}`), SetAsDefault: true })),
      ),
    );
    timings.push(`${writers} concurrent API CreatePolicyVersion (A/B): ${Date.now() - started} ms`);
    const acknowledged = answers.flatMap((answer, n) => (answer.status === "fulfilled" ? [{ n, versionId: answer.value.PolicyVersion!.VersionId! }] : []));
    const refusals = answers.flatMap((answer) => (answer.status === "rejected" ? [answer.reason as { name: string; $metadata?: { httpStatusCode?: number } }] : []));
    // v1 and four more fill the quota; a refusal is the quota (LimitExceeded) or, after the bounded retries, ConcurrentModification: never a 500.
    expect(acknowledged.length).toBeLessThanOrEqual(4);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1);
    for (const refusal of refusals) {
      expect(["LimitExceededException", "ConcurrentModificationException"]).toContain(refusal.name);
      expect(refusal.$metadata?.httpStatusCode).toBe(409);
    }
    timings.push(`  → ${acknowledged.length} acknowledged, refusals: ${refusals.map((refusal) => refusal.name).join(", ") || "none"}`);

    const versions = (await rootAt[1].send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions!;
    expect(versions.map((v) => v.VersionId).sort()).toEqual(["v1", ...acknowledged.map((ack) => ack.versionId)].sort());
    for (const ack of acknowledged) {
      const version = await rootAt[0].send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: ack.versionId }));
      expect(decodeURIComponent(version.PolicyVersion!.Document!)).toBe(document(`Writer${ack.n}`));
    }
    const defaults = versions.filter((v) => v.IsDefaultVersion);
    expect(defaults).toHaveLength(1);
    expect((await rootAt[0].send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy!.DefaultVersionId).toBe(defaults[0]!.VersionId);
  });

  it("concurrent CreateAccessKey for one user through both: exactly 2 keys, the rest LimitExceeded", async () => {
    await rootAt[0].send(new CreateUserCommand({ UserName: "key-holder" }));
    const started = Date.now();
    const answers = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => rootAt[n % 2]!.send(new CreateAccessKeyCommand({ UserName: "key-holder" }))));
    timings.push(`6 concurrent CreateAccessKey (A/B): ${Date.now() - started} ms`);
    const created = answers.flatMap((answer) => (answer.status === "fulfilled" ? [answer.value.AccessKey!.AccessKeyId!] : []));
    const refusals = answers.flatMap((answer) => (answer.status === "rejected" ? [answer.reason as { name: string; message: string; $metadata?: { httpStatusCode?: number } }] : []));
    expect(created).toHaveLength(2);
    expect(refusals.map((refusal) => [refusal.name, refusal.$metadata?.httpStatusCode])).toEqual(Array(4).fill(["LimitExceededException", 409]));
    const listed = (await rootAt[1].send(new ListAccessKeysCommand({ UserName: "key-holder" }))).AccessKeyMetadata!;
    expect(listed.map((key) => key.AccessKeyId).sort()).toEqual([...created].sort());
  });

  it("concurrent CreateUser of names differing only in case through both: exactly one user, the others EntityAlreadyExists", async () => {
    const names = ["Casey", "casey", "CASEY", "cAsEy", "CaSeY", "caseY"];
    const started = Date.now();
    const answers = await Promise.allSettled(names.map((UserName, n) => rootAt[n % 2]!.send(new CreateUserCommand({ UserName }))));
    timings.push(`${names.length} concurrent CreateUser, names differing in case (A/B): ${Date.now() - started} ms`);
    const created = answers.flatMap((answer) => (answer.status === "fulfilled" ? [answer.value.User!.UserName!] : []));
    const refusals = answers.flatMap((answer) => (answer.status === "rejected" ? [answer.reason as { name: string; $metadata?: { httpStatusCode?: number } }] : []));
    expect(created).toHaveLength(1);
    expect(refusals.map((refusal) => [refusal.name, refusal.$metadata?.httpStatusCode])).toEqual(Array(names.length - 1).fill(["EntityAlreadyExistsException", 409]));
    for (const iam of rootAt) {
      const users = (await iam.send(new ListUsersCommand({}))).Users!.filter((user) => user.UserName!.toLowerCase() === "casey");
      expect(users.map((user) => user.UserName)).toEqual(created);
    }
    // And the data layer agrees: one row, whatever the API's list shows.
    expect(await layer.db.user.count({ where: { accountId, nameLower: "casey" } })).toBe(1);
  });
});
