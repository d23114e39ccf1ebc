// Rotating PORTCULLIS_SECRET_KEY on a real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// an MFA device, an access key, a role session and session credentials made through the operations,
// then every sealed value re-encrypted in one transaction. Afterwards the codes and signatures a
// user would notice still work under the new key and no longer under the old; a wrong old key
// changes nothing; instances given the previous key keep working while a rotation is pending; and
// the command itself rewrites secrets.json only after the database has committed.

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetUserCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateApiRequest } from "@/lib/auth/apiCaller";
import type { Caller } from "@/lib/auth/caller";
import { keyFrom, SealedSecretError } from "@/lib/auth/crypto";
import { verifyMfaSignIn } from "@/lib/auth/mfaSignIn";
import { OPERATOR_PRINCIPAL, ROTATE_SECRET_KEY_ACTION, rotateSecretKey, SecretKeyRotationError } from "@/lib/auth/secretKeyRotation";
import { reloadSecrets } from "@/lib/auth/secrets";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { execute } from "@/lib/iam/core/operation";
import { CreateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { CreateVirtualMFADevice, EnableMFADevice } from "@/lib/iam/credentials/mfa";
import { AssumeRole } from "@/lib/iam/roles/assumeRole";
import { GetSessionToken } from "@/lib/iam/sts/sessionToken";
import { sdkSigned, type TestCredentials } from "../../support/sigv4Clients";
import { createAccount, createRole, createUser, db, type TestAccount } from "../iam/support/fixtures";
import { REQUEST } from "./fixtures";

const INFO = { sourceIp: "203.0.113.9", userAgent: "aws-sdk-js/3 rotation-test", secureTransport: true };
const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

/** Makes the process seal and open under `current` (and `previous`), as a restarted instance would. */
function useKeys(current: string, previous?: string) {
  process.env.PORTCULLIS_SECRET_KEY = current;
  if (previous) process.env.PORTCULLIS_PREVIOUS_SECRET_KEY = previous;
  else delete process.env.PORTCULLIS_PREVIOUS_SECRET_KEY;
  reloadSecrets();
}

const freshKey = () => randomBytes(32).toString("base64");

/** Everything a user holds that depends on a sealed value. */
interface Holdings {
  readonly acct: TestAccount;
  readonly alice: Caller & { userId: string };
  readonly seed: string;
  readonly longTerm: TestCredentials;
  readonly roleSession: TestCredentials;
  readonly sessionToken: TestCredentials;
}

async function authenticate(credentials: TestCredentials) {
  const request = credentials.sessionToken
    ? await sdkSigned(new GetCallerIdentityCommand({}), credentials, { region: "us-east-1", service: "sts" })
    : await sdkSigned(new GetUserCommand({}), credentials, { region: "us-east-1" });
  return authenticateApiRequest(request, INFO, { service: credentials.sessionToken ? "sts" : "iam" });
}

async function mustAuthenticate(credentials: TestCredentials): Promise<Caller> {
  const result = await authenticate(credentials);
  expect(result.ok, result.ok ? "" : `${result.error.code}: ${result.error.message}`).toBe(true);
  return result.ok ? result.caller : undefined!;
}

let step = 0;
/** A code from a step after every one used so far: each code counts once. */
async function nextCode(seed: string) {
  step = Math.max(step + 1, timeStepAt() - 1);
  vi.setSystemTime(step * 30_000 + 1_000);
  return totpCodeAt(seed, step);
}

async function makeHoldings(): Promise<Holdings> {
  const acct = await createAccount();
  const role = await createRole(acct.accountId, "Reader", {
    trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" })),
  });
  const alice = await createUser(acct.accountId, "alice", {
    loginProfile: true,
    inline: { Self: policy({ Effect: "Allow", Action: ["iam:*", "sts:*"], Resource: "*" }) },
  });
  void role;

  const { VirtualMFADevice } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "alice-phone" }, alice);
  const seed = VirtualMFADevice.Base32StringSeed;
  await execute(EnableMFADevice, { SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: await nextCode(seed), AuthenticationCode2: await nextCode(seed) }, alice);

  const { AccessKey } = await execute(CreateAccessKey, {}, alice);
  const longTerm = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  const keyCaller = await mustAuthenticate(longTerm);
  const session = await execute(GetSessionToken, {}, keyCaller);
  const sessionToken = { accessKeyId: session.Credentials.AccessKeyId, secretAccessKey: session.Credentials.SecretAccessKey, sessionToken: session.Credentials.SessionToken };
  const assumed = await execute(AssumeRole, { RoleArn: `arn:aws:iam::${acct.accountId}:role/Reader`, RoleSessionName: "alice-reads" }, alice);
  const roleSession = { accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken };
  return { acct, alice, seed, longTerm, roleSession, sessionToken };
}

const principalOf = (h: Holdings) => ({ kind: "user" as const, accountId: h.acct.accountId, arn: h.alice.arn, userId: h.alice.userId, userName: "alice" });

/** Every sealed value in the database, as stored. */
async function sealedValues(): Promise<string[]> {
  const rows = await Promise.all([
    db.mfaDevice.findMany({ select: { secretCiphertext: true } }),
    db.accessKey.findMany({ select: { secretCiphertext: true } }),
    db.roleSession.findMany({ select: { secretCiphertext: true } }),
    db.sessionCredential.findMany({ select: { secretCiphertext: true } }),
  ]);
  return rows.flat().map((r) => r.secretCiphertext).sort();
}

async function expectAllWork(h: Holdings) {
  expect(await verifyMfaSignIn(principalOf(h), await nextCode(h.seed), REQUEST)).toMatchObject({ ok: true });
  for (const credentials of [h.longTerm, h.roleSession, h.sessionToken]) await mustAuthenticate(credentials);
}

async function expectNoneOpen(h: Holdings) {
  await expect(verifyMfaSignIn(principalOf(h), await nextCode(h.seed), REQUEST)).rejects.toThrow(SealedSecretError);
  for (const credentials of [h.longTerm, h.roleSession, h.sessionToken]) await expect(authenticate(credentials)).rejects.toThrow(SealedSecretError);
}

const rotationEvents = () => db.auditEvent.findMany({ where: { action: ROTATE_SECRET_KEY_ACTION }, orderBy: { sequence: "asc" } });

const savedEnv = { ...process.env };
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  step = timeStepAt();
});
afterEach(async () => {
  vi.useRealTimers();
  for (const name of ["PORTCULLIS_SECRET_KEY", "PORTCULLIS_PREVIOUS_SECRET_KEY"]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  reloadSecrets();
  // Each test starts from a database whose sealed values are its own.
  await db.account.deleteMany({});
});

describe("rotating the encryption key", () => {
  it("re-encrypts every sealed value in one go, so they open under the new key and not the old, with one audit event per account", async () => {
    const oldKey = freshKey();
    const newKey = freshKey();
    useKeys(oldKey);
    const h = await makeHoldings();
    const other = await createAccount();
    await execute(CreateAccessKey, {}, other.root);
    const untouched = await createAccount();
    const before = await sealedValues();

    const report = await rotateSecretKey(keyFrom(oldKey), keyFrom(newKey), { userAgent: "rotation-test" });
    expect(report).toEqual({
      reencrypted: { mfaDeviceSeeds: 1, accessKeySecrets: 2, roleSessionSecrets: 1, sessionCredentialSecrets: 1 },
      alreadyUnderNewKey: 0,
      accountIds: [h.acct.accountId, other.accountId].sort(),
    });
    const after = await sealedValues();
    expect(after).toHaveLength(before.length);
    expect(after.filter((value) => before.includes(value))).toEqual([]);

    // An instance still on the old key opens nothing; one on the new key notices nothing.
    await expectNoneOpen(h);
    useKeys(newKey);
    await expectAllWork(h);

    const events = await rotationEvents();
    expect(events.map((e) => e.accountId).sort()).toEqual([h.acct.accountId, other.accountId].sort());
    for (const event of events) {
      expect(event).toMatchObject({ principalArn: OPERATOR_PRINCIPAL, resource: `arn:aws:iam::${event.accountId}:root`, result: "Allowed", userAgent: "rotation-test" });
    }
    expect(events.some((e) => e.accountId === untouched.accountId)).toBe(false);
    // The log never holds a key or a plaintext secret.
    const log = JSON.stringify(events);
    for (const secret of [oldKey, newKey, h.seed, h.longTerm.secretAccessKey]) expect(log).not.toContain(secret);
  });

  it("changes nothing when the old key given is wrong, and says so", async () => {
    const oldKey = freshKey();
    useKeys(oldKey);
    const h = await makeHoldings();
    const before = await sealedValues();

    const rotation = rotateSecretKey(keyFrom(freshKey()), keyFrom(freshKey()));
    await expect(rotation).rejects.toThrow(SecretKeyRotationError);
    await expect(rotation).rejects.toThrow(/open under neither the old key nor the new one .*nothing was changed/);
    expect(await sealedValues()).toEqual(before);
    expect(await rotationEvents()).toEqual([]);
    await expectAllWork(h);
    await expect(rotateSecretKey(keyFrom(oldKey), keyFrom(oldKey))).rejects.toThrow(/same as the current key/);
  });

  it("keeps every instance working while the new key is deployed with the old one as PORTCULLIS_PREVIOUS_SECRET_KEY", async () => {
    const oldKey = freshKey();
    const newKey = freshKey();
    useKeys(oldKey);
    const h = await makeHoldings();

    // Step 1: instances restart with the new key and the previous one. Old values still open, and
    // what they seal from now on is under the new key.
    useKeys(newKey, oldKey);
    await expectAllWork(h);
    const { AccessKey } = await execute(CreateAccessKey, {}, h.alice);
    const newer = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
    await mustAuthenticate(newer);

    // Step 2: the rotation moves what is still under the previous key; the newer key is left alone.
    const report = await rotateSecretKey(keyFrom(oldKey), keyFrom(newKey));
    expect(report.reencrypted).toEqual({ mfaDeviceSeeds: 1, accessKeySecrets: 1, roleSessionSecrets: 1, sessionCredentialSecrets: 1 });
    expect(report.alreadyUnderNewKey).toBe(1);
    // Run again (a retry after a lost connection, say): nothing left to do, and no new audit events.
    expect(await rotateSecretKey(keyFrom(oldKey), keyFrom(newKey))).toMatchObject({ alreadyUnderNewKey: 5, accountIds: [] });
    expect(await rotationEvents()).toHaveLength(1);

    // Step 3: the previous key is dropped; everything still works.
    useKeys(newKey);
    await expectAllWork(h);
    await mustAuthenticate(newer);
  });

  it("falls back to the previous key only for opening, never for sealing", async () => {
    const oldKey = freshKey();
    const newKey = freshKey();
    useKeys(newKey, oldKey);
    const { AccessKey } = await execute(CreateAccessKey, {}, (await createAccount()).root);
    // Sealed under the new key: an instance with only the old key cannot open it.
    useKeys(oldKey);
    await expect(authenticate({ accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey })).rejects.toThrow(SealedSecretError);
    useKeys(newKey, "not a key");
    await expect(authenticate({ accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey })).rejects.toThrow(/PORTCULLIS_PREVIOUS_SECRET_KEY/);
  });
});

describe("npm run rotate-secret-key", () => {
  const run = (args: string[], env: Record<string, string | undefined>) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    for (const name of Object.keys(childEnv)) if (childEnv[name] === undefined) delete childEnv[name];
    // tsx without npx: a second or two quicker on a busy machine.
    return spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/rotateSecretKey.ts", ...args], { env: childEnv as NodeJS.ProcessEnv, encoding: "utf8" });
  };

  it("with secrets.json: --generate re-encrypts under a fresh key and writes it into the file after the commit, printing no key", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "portcullis-rotate-"));
    const oldKey = freshKey();
    const file = path.join(dataDir, "secrets.json");
    writeFileSync(file, JSON.stringify({ sessionSecret: "session-secret-stays", encryptionKey: oldKey }), { mode: 0o600 });
    useKeys(oldKey);
    const h = await makeHoldings();
    const fromFile = { PORTCULLIS_DATA_DIR: dataDir, PORTCULLIS_SECRET_KEY: undefined, PORTCULLIS_PREVIOUS_SECRET_KEY: undefined, NEXTAUTH_SECRET: undefined };

    const done = run(["--generate"], fromFile);
    expect(done.status, done.stderr).toBe(0);
    const written = JSON.parse(readFileSync(file, "utf8")) as { sessionSecret: string; encryptionKey: string };
    expect(written.sessionSecret).toBe("session-secret-stays");
    expect(written.encryptionKey).not.toBe(oldKey);
    expect(keyFrom(written.encryptionKey)).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(done.stdout).toMatch(/Re-encrypted 4 sealed values in 1 account/);
    expect(done.stdout + done.stderr).not.toContain(written.encryptionKey);
    expect(done.stdout + done.stderr).not.toContain(oldKey);
    useKeys(written.encryptionKey);
    await expectAllWork(h);

    // A wrong key in the environment: refused, the file and the database as they were.
    const before = await sealedValues();
    const refused = run([], { ...fromFile, PORTCULLIS_SECRET_KEY: freshKey(), PORTCULLIS_NEW_SECRET_KEY: freshKey() });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/nothing was changed/);
    expect(await sealedValues()).toEqual(before);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(written);
  });

  it("--generate with the key in the environment only prints a fresh key and the steps, changing nothing", async () => {
    useKeys(freshKey());
    await makeHoldings();
    const before = await sealedValues();
    const done = run(["--generate"], {});
    expect(done.status, done.stderr).toBe(0);
    const printed = done.stdout.match(/^([A-Za-z0-9+/]{43}=)$/m)?.[1];
    expect(printed && keyFrom(printed)).toHaveLength(32);
    expect(done.stdout).toMatch(/PORTCULLIS_PREVIOUS_SECRET_KEY/);
    expect(await sealedValues()).toEqual(before);
  });
});
