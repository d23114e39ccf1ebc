import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInRoot } from "@/lib/auth/signIn";
import { isIamError } from "@/lib/iam/core/errors";
import { CREATE_ACCOUNT_ACTION, createAccount, SIGN_UP_REFUSED, signUpOpen } from "@/lib/iam/account/signup";
import { auditEvents, REQUEST } from "./fixtures";

const PASSWORD = "Sunny-day-42";

async function refusal(input: unknown) {
  const error = await createAccount(input, REQUEST).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIamError(error)) throw new Error(`expected an IamError, got ${String(error)}`);
  return error;
}

describe("createAccount", () => {
  it("creates a 12-digit account whose root user can sign in, storing only a hash of the password", async () => {
    const created = await createAccount({ AccountName: "Acme", Email: "Founder@Example.com", Password: PASSWORD }, REQUEST);
    expect(created.AccountId).toMatch(/^[1-9]\d{11}$/);
    expect(created.Email).toBe("founder@example.com");
    const root = await db.rootUser.findUniqueOrThrow({ where: { accountId: created.AccountId } });
    expect(root.passwordHash).not.toContain(PASSWORD);
    expect(root.passwordHash).toMatch(/^\$argon2id\$/);
    const signedIn = await signInRoot({ email: "founder@example.com", password: PASSWORD }, REQUEST);
    expect(signedIn.ok).toBe(true);
  });

  it("records the creation in the new account's audit log, without the email or password", async () => {
    const created = await createAccount({ AccountName: "Audited", Email: "audited@example.com", Password: PASSWORD }, REQUEST);
    const events = (await auditEvents(CREATE_ACCOUNT_ACTION)).filter((e) => e.accountId === created.AccountId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ result: "Allowed", resource: `arn:aws:iam::${created.AccountId}:root`, sourceIp: REQUEST.sourceIp });
    expect(JSON.stringify(events[0])).not.toMatch(/audited@example\.com|Sunny-day-42/);
  });

  it("refuses an email address that is already registered, whatever its case, with the words of any other refusal", async () => {
    const first = await createAccount({ AccountName: "Taken", Email: "taken@example.com", Password: PASSWORD }, REQUEST);
    const error = await refusal({ AccountName: "Other", Email: "TAKEN@example.com", Password: "Other-pass-9" });
    // The same code and sentence as a throttled or closed sign-up: nobody learns that the address has an account.
    expect({ code: error.code, message: error.message }).toEqual({ code: "InvalidInput", message: SIGN_UP_REFUSED });
    expect(error.message).not.toContain(first.AccountId);
    expect(await db.account.count({ where: { name: "Other" } })).toBe(0);
  });

  it.each([
    [{ AccountName: "A", Email: "not-an-email", Password: PASSWORD }, "Email"],
    [{ AccountName: "", Email: "empty-name@example.com", Password: PASSWORD }, "AccountName"],
    [{ AccountName: "A", Email: "short@example.com", Password: "Ab1!" }, "at least 8 characters"],
    [{ AccountName: "A", Email: "classes@example.com", Password: "alllowercase1" }, "at least three"],
    [{ AccountName: "A", Email: "Same-As-Email1@example.com", Password: "Same-As-Email1@example.com" }, "must not be the account name or the email"],
  ])("validates %o (%s)", async (input, expected) => {
    const error = await refusal(input);
    expect(error.code).toBe("ValidationError");
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(input.Password);
    expect(await db.rootUser.count({ where: { email: input.Email.toLowerCase() } })).toBe(0);
  });

  it("audits refusals anonymously and outside any account", async () => {
    await refusal({ AccountName: "A", Email: "x", Password: "weak" });
    const failed = (await auditEvents(CREATE_ACCOUNT_ACTION)).filter((e) => e.result === "Failed");
    expect(failed.length).toBeGreaterThan(0);
    for (const event of failed) expect(event).toMatchObject({ principalArn: "anonymous", accountId: null });
  });
});

describe("who may sign up (PORTCULLIS_SIGNUP) and how often", () => {
  const saved = { mode: process.env.PORTCULLIS_SIGNUP, limit: process.env.PORTCULLIS_SIGNUPS_PER_HOUR };
  afterEach(() => {
    process.env.PORTCULLIS_SIGNUP = saved.mode;
    process.env.PORTCULLIS_SIGNUPS_PER_HOUR = saved.limit;
  });

  it("closed: refuses every sign-up with the one refusal, and creates nothing", async () => {
    process.env.PORTCULLIS_SIGNUP = "closed";
    const before = await db.account.count();
    expect(await signUpOpen()).toBe(false);
    const error = await refusal({ AccountName: "Closed", Email: "closed@example.com", Password: PASSWORD });
    expect({ code: error.code, message: error.message }).toEqual({ code: "InvalidInput", message: SIGN_UP_REFUSED });
    expect(await db.account.count()).toBe(before);
  });

  it("first-account (the default): closed once the server has an account", async () => {
    delete process.env.PORTCULLIS_SIGNUP;
    // This file's database already has accounts from the tests above.
    expect(await db.account.count()).toBeGreaterThan(0);
    expect(await signUpOpen()).toBe(false);
    await expect(refusal({ AccountName: "Second", Email: "second@example.com", Password: PASSWORD })).resolves.toMatchObject({ message: SIGN_UP_REFUSED });
  });

  it("throttles sign-ups per source address: five an hour by default, then the one refusal, while another address may go on", async () => {
    delete process.env.PORTCULLIS_SIGNUPS_PER_HOUR;
    const from = { sourceIp: "198.51.100.77", userAgent: "vitest-agent" };
    for (let i = 0; i < 5; i++) await createAccount({ AccountName: `Burst ${i}`, Email: `burst-${i}@example.com`, Password: PASSWORD }, from);
    const error = await createAccount({ AccountName: "Burst 5", Email: "burst-5@example.com", Password: PASSWORD }, from).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isIamError(error) && error.message).toBe(SIGN_UP_REFUSED);
    expect(await db.rootUser.count({ where: { email: "burst-5@example.com" } })).toBe(0);
    await createAccount({ AccountName: "Elsewhere", Email: "elsewhere@example.com", Password: PASSWORD }, { sourceIp: "198.51.100.78" });
  });
});
