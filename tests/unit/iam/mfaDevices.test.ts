// The virtual MFA device operations, run through execute() against a real database: enrollment with
// two consecutive codes, the 8-device quota, resync, deactivation (which needs an MFA session for
// one's own device), deletion, listing, and that the seed never leaves except in CreateVirtualMFADevice.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { execute } from "@/lib/iam/core/operation";
import { CreateVirtualMFADevice, DeactivateMFADevice, DeleteVirtualMFADevice, EnableMFADevice, ListMFADevices, MFA_GUARD_RAIL, ResyncMFADevice } from "@/lib/iam/credentials/mfa";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { DeleteUserWithDependents } from "@/lib/iam/users/deletion";
import { auditEvents, createAccount, createUser, db, expectIamError, managed } from "./support/fixtures";

// Each test starts one second into a fresh 30-second step, so a step never ends halfway through one.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Codes from steps now-1 and now: what a person types in a row. */
async function consecutive(seed: string, last = timeStepAt()) {
  return { AuthenticationCode1: await totpCodeAt(seed, last - 1), AuthenticationCode2: await totpCodeAt(seed, last) };
}

async function enroll(caller: Caller, name: string, userName?: string) {
  const owner = userName ? { UserName: userName } : {};
  const { VirtualMFADevice } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: name, ...owner }, caller);
  await execute(EnableMFADevice, { SerialNumber: VirtualMFADevice.SerialNumber, ...owner, ...(await consecutive(VirtualMFADevice.Base32StringSeed)) }, caller);
  return VirtualMFADevice;
}

describe("MFA device names and code checks (hardening)", () => {
  it("refuses a name another principal's device uses, even an unassigned one, instead of taking it over", async () => {
    const acct = await createAccount();
    const admin = await createUser(acct.accountId, "admin", { policies: [managed("IAMFullAccess")] });
    await createUser(acct.accountId, "bob");
    // bob's unfinished enrollment, prepared by the administrator.
    const { VirtualMFADevice } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "shared-name", UserName: "bob" }, admin);
    const mallory = await createUser(acct.accountId, "mallory", { policies: [managed("IAMFullAccess")] });
    await expectIamError(execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "shared-name" }, mallory), "EntityAlreadyExists", /already exists/);
    expect(await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: VirtualMFADevice.SerialNumber } })).toMatchObject({ userId: (await db.user.findFirstOrThrow({ where: { accountId: acct.accountId, name: "bob" } })).id });
    // A device deactivated and left unassigned keeps its name until it is deleted.
    await db.mfaDevice.update({ where: { serialNumber: VirtualMFADevice.SerialNumber }, data: { userId: null } });
    await expectIamError(execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "shared-name" }, mallory), "EntityAlreadyExists");
    // One's own unfinished enrollment is simply started again.
    await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "mallory-phone" }, mallory);
    await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "mallory-phone" }, mallory);
  });

  it("throttles wrong enrollment codes with the caller's sign-in failures", async () => {
    const acct = await createAccount();
    const alice = { ...(await createUser(acct.accountId, "alice", { policies: [managed("IAMFullAccess")] })), sourceIp: "198.51.100.60" };
    const { VirtualMFADevice: device } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "alice-phone" }, alice);
    const wrong = { SerialNumber: device.SerialNumber, AuthenticationCode1: "000000", AuthenticationCode2: "000001" };
    for (let i = 0; i < 3; i++) await expectIamError(execute(EnableMFADevice, wrong, alice), "InvalidAuthenticationCode");
    // The fourth attempt is refused before any code is checked, right codes included.
    await expectIamError(execute(EnableMFADevice, { SerialNumber: device.SerialNumber, ...(await consecutive(device.Base32StringSeed)) }, alice), "LimitExceeded", /Wait \d+ seconds?/);
    expect((await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } })).enabledAt).toBeNull();
  });
});

describe("CreateVirtualMFADevice and EnableMFADevice", () => {
  it("returns the seed and QR code once, stores the seed only sealed, and enables with two consecutive codes", async () => {
    const acct = await createAccount();
    const alice = await createUser(acct.accountId, "alice", { policies: [managed("IAMFullAccess")] });
    const { VirtualMFADevice: device } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "alice-phone" }, alice);
    expect(device.SerialNumber).toBe(`arn:aws:iam::${acct.accountId}:mfa/alice-phone`);
    expect(device.Base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);
    expect(Buffer.from(device.QRCodePNG, "base64").subarray(1, 4).toString()).toBe("PNG");
    const row = await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } });
    expect(row).toMatchObject({ userId: alice.userId, enabledAt: null });
    expect(row.secretCiphertext).toMatch(/^v1:/);
    expect(row.secretCiphertext).not.toContain(device.Base32StringSeed);
    expect((await execute(ListMFADevices, {}, alice)).MFADevices).toEqual([]);

    await execute(EnableMFADevice, { SerialNumber: device.SerialNumber, ...(await consecutive(device.Base32StringSeed)) }, alice);
    const listed = await execute(ListMFADevices, {}, alice);
    expect(listed.MFADevices).toEqual([{ UserName: "alice", SerialNumber: device.SerialNumber, EnableDate: expect.any(Date) }]);
    expect(JSON.stringify(listed)).not.toContain(device.Base32StringSeed);
    expect((await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } })).lastUsedTimeStep).toBe(timeStepAt());
    const events = JSON.stringify(await auditEvents(acct.accountId));
    expect(events).not.toContain(device.Base32StringSeed);
    expect(events).toContain("iam:EnableMFADevice");
  });

  it("refuses codes that are not consecutive, and leaves the device disabled", async () => {
    const acct = await createAccount();
    const { VirtualMFADevice: device } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "root-phone" }, acct.root);
    const now = timeStepAt();
    const codes = { AuthenticationCode1: await totpCodeAt(device.Base32StringSeed, now - 2), AuthenticationCode2: await totpCodeAt(device.Base32StringSeed, now) };
    const error = await expectIamError(execute(EnableMFADevice, { SerialNumber: device.SerialNumber, ...codes }, acct.root), "InvalidAuthenticationCode", /two consecutive codes/);
    expect(error.message).not.toContain(codes.AuthenticationCode1);
    expect((await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } })).enabledAt).toBeNull();
    const failed = (await auditEvents(acct.accountId, "iam:EnableMFADevice")).at(-1)!;
    expect(failed).toMatchObject({ result: "Failed", errorCode: "InvalidAuthenticationCode" });
    expect(JSON.stringify(failed)).not.toContain(codes.AuthenticationCode2);
    await expectIamError(execute(EnableMFADevice, { SerialNumber: device.SerialNumber, AuthenticationCode1: "12345", AuthenticationCode2: "x" }, acct.root), "ValidationError");
  });

  it("lets the root user enroll its own device, and an administrator enroll one for a user", async () => {
    const acct = await createAccount();
    const rootDevice = await enroll(acct.root, "root-account-mfa-device");
    expect((await execute(ListMFADevices, {}, acct.root)).MFADevices).toEqual([{ SerialNumber: rootDevice.SerialNumber, EnableDate: expect.any(Date) }]);
    expect(await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: rootDevice.SerialNumber } })).toMatchObject({ rootAccountId: acct.accountId, userId: null });

    const admin = await createUser(acct.accountId, "admin", { policies: [managed("AdministratorAccess")] });
    await createUser(acct.accountId, "bob");
    const bobs = await enroll(admin, "bob-phone", "bob");
    expect((await execute(ListMFADevices, { UserName: "bob" }, admin)).MFADevices.map((d) => d.SerialNumber)).toEqual([bobs.SerialNumber]);
    // The administrator's own list is untouched, and only root reaches root's devices.
    expect((await execute(ListMFADevices, {}, admin)).MFADevices).toEqual([]);
  });

  it("refuses preparing a device for a user the caller may not assign it to", async () => {
    const acct = await createAccount();
    const selfOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "*" }] };
    const carol = await createUser(acct.accountId, "carol", { inline: { SelfOnly: selfOnly } });
    await createUser(acct.accountId, "dave");
    await expectIamError(execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "for-dave", UserName: "dave" }, carol), "AccessDenied", /iam:EnableMFADevice/);
    expect(await db.mfaDevice.count({ where: { accountId: acct.accountId } })).toBe(0);
  });

  it("replaces an abandoned enrollment, but never an enabled device of the same name", async () => {
    const acct = await createAccount();
    const first = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "phone" }, acct.root);
    const again = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "phone" }, acct.root);
    expect(again.VirtualMFADevice.Base32StringSeed).not.toBe(first.VirtualMFADevice.Base32StringSeed);
    expect(await db.mfaDevice.count({ where: { accountId: acct.accountId } })).toBe(1);
    await execute(EnableMFADevice, { SerialNumber: again.VirtualMFADevice.SerialNumber, ...(await consecutive(again.VirtualMFADevice.Base32StringSeed)) }, acct.root);
    await expectIamError(execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "phone" }, acct.root), "EntityAlreadyExists", /Choose another name/);
    await expectIamError(
      execute(EnableMFADevice, { SerialNumber: again.VirtualMFADevice.SerialNumber, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }, acct.root),
      "EntityAlreadyExists",
    );
  });

  it("allows at most 8 MFA devices per user", async () => {
    const acct = await createAccount();
    for (let i = 1; i <= 8; i++) {
      const { VirtualMFADevice } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: `device-${i}` }, acct.root);
      await db.mfaDevice.update({ where: { serialNumber: VirtualMFADevice.SerialNumber }, data: { enabledAt: new Date() } });
    }
    await expectIamError(execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "device-9" }, acct.root), "LimitExceeded", /MFADevicesPerUser: 8/);
  });
});

describe("ResyncMFADevice, DeactivateMFADevice and DeleteVirtualMFADevice", () => {
  it("resyncs with two fresh consecutive codes and refuses replayed ones", async () => {
    const acct = await createAccount();
    const device = await enroll(acct.root, "phone");
    const resync = async () => execute(ResyncMFADevice, { SerialNumber: device.SerialNumber, ...(await consecutive(device.Base32StringSeed)) }, acct.root);
    // Right after enrollment the same steps are used up: the pair is a replay.
    await expectIamError(resync(), "InvalidAuthenticationCode");
    // A minute later (as if the last use were two steps back), a fresh pair is accepted once.
    await db.mfaDevice.update({ where: { serialNumber: device.SerialNumber }, data: { lastUsedTimeStep: timeStepAt() - 2 } });
    await resync();
    expect((await db.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } })).lastUsedTimeStep).toBe(timeStepAt());
    await expectIamError(resync(), "InvalidAuthenticationCode");
  });

  it("refuses deactivating one's own device without an MFA session, then deactivates and deletes with one", async () => {
    const acct = await createAccount();
    const alice = await createUser(acct.accountId, "alice", { policies: [managed("IAMFullAccess")] });
    const device = await enroll(alice, "alice-phone");
    // A built-in Deny (a guard rail), so the engine decides, explains and audits it like any policy.
    const denied = (await expectIamError(execute(DeactivateMFADevice, { SerialNumber: device.SerialNumber }, alice), "AccessDenied")) as AccessDeniedError;
    expect(denied.explanation.decidedBy).toEqual([expect.objectContaining({ policy: MFA_GUARD_RAIL, statement: "SignInWithMFAToRemoveYourOwnMFADevice", effect: "Deny" })]);
    expect(denied.message).toMatch(/removing your own MFA device needs an MFA session/);
    await expectIamError(execute(DeleteVirtualMFADevice, { SerialNumber: device.SerialNumber }, alice), "DeleteConflict", /Deactivate it first/);

    const withMfa: Caller = { ...alice, mfaAuthenticated: true, authTime: new Date() };
    await execute(DeactivateMFADevice, { SerialNumber: device.SerialNumber }, withMfa);
    expect((await execute(ListMFADevices, {}, alice)).MFADevices).toEqual([]);
    await execute(DeleteVirtualMFADevice, { SerialNumber: device.SerialNumber }, withMfa);
    expect(await db.mfaDevice.count({ where: { accountId: acct.accountId } })).toBe(0);
    await expectIamError(execute(DeleteVirtualMFADevice, { SerialNumber: device.SerialNumber }, alice), "NoSuchEntity");
  });

  it("lets an administrator deactivate another user's device without an MFA session of their own", async () => {
    const acct = await createAccount();
    const admin = await createUser(acct.accountId, "admin", { policies: [managed("AdministratorAccess")] });
    await createUser(acct.accountId, "bob");
    const device = await enroll(admin, "bob-phone", "bob");
    await expectIamError(execute(DeactivateMFADevice, { SerialNumber: device.SerialNumber }, { ...acct.root, mfaAuthenticated: true }), "NoSuchEntity", /assigned to the root user/);
    await execute(DeactivateMFADevice, { UserName: "bob", SerialNumber: device.SerialNumber }, admin);
    expect((await execute(ListMFADevices, { UserName: "bob" }, admin)).MFADevices).toEqual([]);
  });

  it("goes with the user when the console deletes the user", async () => {
    const acct = await createAccount();
    await createUser(acct.accountId, "erin");
    await enroll(acct.root, "erin-phone", "erin");
    const { Removed } = await execute(DeleteUserWithDependents, { UserName: "erin" }, acct.root);
    expect(Removed.MFADevices).toBe(1);
    expect(await db.mfaDevice.count({ where: { accountId: acct.accountId } })).toBe(0);
  });
});
