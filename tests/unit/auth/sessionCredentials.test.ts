// The API's key lookup for GetSessionToken's credentials (lib/auth/apiCaller.ts): an ASIA key that is
// a SessionCredential row, not a role session, verified from requests the real AWS SDK signs. The
// token is checked first (a wrong or missing one is InvalidClientTokenId, expired or not); a right
// token past the expiry is ExpiredToken; the caller is the user (or root user) itself on a session,
// with the row's MFA state and issue time; a deleted user's credentials no longer verify. The rows
// are written straight to the database, so only the lookup is under test.

import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeEach, describe, expect, it } from "vitest";
import { authenticateApiRequest, type ApiAuthentication } from "@/lib/auth/apiCaller";
import { seal } from "@/lib/auth/crypto";
import { ACCESS_KEY_SECRET_PURPOSE } from "@/lib/auth/secretPurposes";
import { sessionTokenHash } from "@/lib/auth/sessionTokens";
import { db } from "@/lib/db/client";
import { newSecretAccessKey, newSessionToken, temporaryAccessKeyId } from "@/lib/iam/core/ids";
import { sdkSigned, type TestCredentials } from "../../support/sigv4Clients";
import { makeAccount, makeUser, REQUEST } from "./fixtures";

const HOUR_MS = 3_600_000;

interface Issued extends TestCredentials {
  readonly sessionToken: string;
  readonly issuedAt: Date;
}

/** A SessionCredential row as GetSessionToken writes it, and the credentials it hands out. */
async function issue(accountId: string, owner: { userId: string } | { root: true }, options: { mfa?: boolean; expiresInMs?: number } = {}): Promise<Issued> {
  const accessKeyId = temporaryAccessKeyId();
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = newSessionToken();
  const issuedAt = new Date(Date.now() - 60_000);
  await db.sessionCredential.create({
    data: {
      accessKeyId,
      accountId,
      userId: "userId" in owner ? owner.userId : null,
      rootAccountId: "root" in owner ? accountId : null,
      secretCiphertext: seal(secretAccessKey, ACCESS_KEY_SECRET_PURPOSE),
      sessionTokenHash: sessionTokenHash(sessionToken),
      issuedAt,
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? HOUR_MS)),
      mfaAuthenticated: options.mfa ?? false,
      issuedByAccessKey: "AKIAEXAMPLEEXAMPLE01",
    },
  });
  return { accessKeyId, secretAccessKey, sessionToken, issuedAt };
}

async function authenticate(credentials: TestCredentials): Promise<ApiAuthentication> {
  return authenticateApiRequest(await sdkSigned(new GetCallerIdentityCommand({}), credentials, { service: "sts", region: "eu-west-1" }), REQUEST, { service: "sts" });
}

function refusedWith(result: ApiAuthentication): string | undefined {
  return result.ok ? undefined : result.error.code;
}

let accountId: string;
let alice: { id: string; arn: string };
beforeEach(async () => {
  accountId = await makeAccount({ email: `root-${Date.now()}-${Math.random()}@example.test`, password: "unused password 1!" });
  const user = await makeUser(accountId, "alice");
  alice = { id: user.id, arn: user.arn };
});

describe("GetSessionToken's credentials (SessionCredential rows)", () => {
  it("verify with their token, and make the user itself the caller, on a session, with the row's MFA state and issue time", async () => {
    const issued = await issue(accountId, { userId: alice.id }, { mfa: true });
    const result = await authenticate(issued);
    expect(result.ok, refusedWith(result)).toBe(true);
    if (!result.ok) return;
    expect(result.verified.credential).toEqual({ kind: "session-credential", accessKeyId: issued.accessKeyId, accountId });
    expect(result.caller).toMatchObject({ kind: "user", accountId, arn: alice.arn, userId: alice.id, userName: "alice", credentialKind: "session", mfaAuthenticated: true, accessKeyId: issued.accessKeyId, sourceIp: REQUEST.sourceIp });
    expect(result.caller.authTime).toEqual(issued.issuedAt);
  });

  it("make the root user the caller for the root user's session, without MFA when none was given", async () => {
    const issued = await issue(accountId, { root: true });
    const result = await authenticate(issued);
    expect(result.ok && result.caller).toMatchObject({ kind: "root", arn: `arn:aws:iam::${accountId}:root`, credentialKind: "session", mfaAuthenticated: false });
  });

  it("are InvalidClientTokenId without their token or with another, and ExpiredToken only for the right token past expiry", async () => {
    const issued = await issue(accountId, { userId: alice.id });
    expect(refusedWith(await authenticate({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey }))).toBe("InvalidClientTokenId");
    expect(refusedWith(await authenticate({ ...issued, sessionToken: newSessionToken() }))).toBe("InvalidClientTokenId");
    expect(refusedWith(await authenticate({ ...issued, secretAccessKey: newSecretAccessKey() }))).toBe("SignatureDoesNotMatch");

    const expired = await issue(accountId, { userId: alice.id }, { expiresInMs: -1000 });
    expect(refusedWith(await authenticate(expired))).toBe("ExpiredToken");
    expect(refusedWith(await authenticate({ ...expired, sessionToken: newSessionToken() }))).toBe("InvalidClientTokenId");
  });

  it("stop verifying once the user is deleted", async () => {
    const issued = await issue(accountId, { userId: alice.id });
    expect((await authenticate(issued)).ok).toBe(true);
    await db.user.delete({ where: { id: alice.id } });
    expect(refusedWith(await authenticate(issued))).toBe("InvalidClientTokenId");
    expect(await db.sessionCredential.count({ where: { accessKeyId: issued.accessKeyId } })).toBe(0);
  });
});
