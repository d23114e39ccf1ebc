// Virtual MFA devices through the real @aws-sdk/client-iam, driven as an authenticator app would be:
// the seed from CreateVirtualMFADevice makes the TOTP codes (RFC 6238, as lib/auth/totp.ts and every
// app computes them) for EnableMFADevice and ResyncMFADevice, then an MFA code on AssumeRole meets a
// trust policy that requires aws:MultiFactorAuthPresent.
//
// A code counts once per device (each accepted code moves the device's last used time step forward),
// and the server accepts one 30-second step either side of its clock; each test therefore plans its
// steps from the current one and starts clear of a step boundary.

import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateRoleCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  ResyncMFADeviceCommand,
  type IAMClient,
  type VirtualMFADevice,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { generate, verify } from "otplib";
import { apiFailure, iamClient, newApiAccount, newApiUser, stsClient, type ApiAccount, type ApiUser, type Credentials } from "./support/apiAccount";

const PERIOD = 30;

/** The code an authenticator app shows during a time step (SHA-1, 6 digits, 30 seconds: AWS's virtual MFA). */
const codeAt = (seed: string, step: number) => generate({ secret: seed, algorithm: "sha1", digits: 6, period: PERIOD, epoch: step * PERIOD });

/** The current time step, once at least `margin` seconds remain in it (so a planned sequence does not straddle a boundary). */
async function freshStep(margin = 5): Promise<number> {
  const left = PERIOD - ((Date.now() / 1000) % PERIOD);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
  return Math.floor(Date.now() / 1000 / PERIOD);
}

/** The seed as AWS sends it: Base32StringSeed is the Base32 text, base64-encoded on the wire; the SDK gives its bytes. */
const seedOf = (device: VirtualMFADevice) => Buffer.from(device.Base32StringSeed!).toString("utf8");

let account: ApiAccount;
let iam: IAMClient;

/** What a user needs to enroll its own device and assume roles with it. */
const SELF_SERVICE = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ListMFADevices", "sts:AssumeRole"], Resource: "*" }],
};

async function enrolledUser(name: string): Promise<{ user: ApiUser; own: IAMClient; device: VirtualMFADevice; seed: string }> {
  const user = await newApiUser(iam, name, SELF_SERVICE);
  const own = iamClient(user.key);
  const device = (await own.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${name}-phone` }))).VirtualMFADevice!;
  return { user, own, device, seed: seedOf(device) };
}

beforeAll(async () => {
  account = await newApiAccount("mfa");
  iam = iamClient(account.rootKey);
});

describe("virtual MFA devices", () => {
  it("creates a device whose seed and QR code arrive as bytes, and enables it with two consecutive codes", async () => {
    const { user, own, device, seed } = await enrolledUser("enrolled");
    expect(device.SerialNumber).toBe(`arn:aws:iam::${account.accountId}:mfa/enrolled-phone`);
    expect(device.Base32StringSeed).toBeInstanceOf(Uint8Array);
    expect(device.QRCodePNG).toBeInstanceOf(Uint8Array);
    // A PNG file: the SDK decoded AWS's base64 into the image itself.
    expect(Buffer.from(device.QRCodePNG!.subarray(0, 8)).toString("hex")).toBe("89504e470d0a1a0a");
    expect(seed).toMatch(/^[A-Z2-7]{16,}$/);

    // Not yet enabled: not listed.
    expect((await own.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([]);
    const step = await freshStep();
    // Wrong codes first: refused, and the device stays disabled.
    const wrong = await apiFailure(own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step), AuthenticationCode2: await codeAt(seed, step - 1) })));
    expect(wrong).toMatchObject({ name: "InvalidAuthenticationCodeException", status: 403 });
    await own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 1), AuthenticationCode2: await codeAt(seed, step) }));

    const listed = (await own.send(new ListMFADevicesCommand({}))).MFADevices!;
    expect(listed).toEqual([{ UserName: "enrolled", SerialNumber: device.SerialNumber, EnableDate: expect.any(Date) }]);
    // The administrator sees the same through UserName.
    expect((await iam.send(new ListMFADevicesCommand({ UserName: "enrolled" }))).MFADevices!.map((d) => d.SerialNumber)).toEqual([device.SerialNumber]);
    // Enabled twice is EntityAlreadyExists.
    expect(await apiFailure(own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: "123456", AuthenticationCode2: "654321" })))).toMatchObject({
      name: "EntityAlreadyExistsException",
      status: 409,
    });
  });

  it("resyncs, deactivates and deletes a device", async () => {
    const { user, own, device, seed } = await enrolledUser("resynced");
    const step = await freshStep();
    // Enabled with the two steps before now, so the resync can use now and the next step.
    await own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 2), AuthenticationCode2: await codeAt(seed, step - 1) }));
    // A code already used does not resync.
    expect(
      await apiFailure(own.send(new ResyncMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 2), AuthenticationCode2: await codeAt(seed, step - 1) }))),
    ).toMatchObject({ name: "InvalidAuthenticationCodeException", status: 403 });
    await own.send(new ResyncMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step), AuthenticationCode2: await codeAt(seed, step + 1) }));

    // Enabled devices cannot be deleted: DeleteConflict.
    expect(await apiFailure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber })))).toMatchObject({ name: "DeleteConflictException", status: 409 });
    await iam.send(new DeactivateMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber }));
    expect((await iam.send(new ListMFADevicesCommand({ UserName: user.userName }))).MFADevices).toEqual([]);
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber }));
    expect(await apiFailure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
    expect(await apiFailure(iam.send(new DeactivateMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("ListMFADevices takes MaxItems and answers IsTruncated", async () => {
    // A user holds one virtual device here, so a page of 1 is the whole list: not truncated, no Marker.
    const { user, own, device, seed } = await enrolledUser("paged-mfa");
    const step = await freshStep();
    await own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 1), AuthenticationCode2: await codeAt(seed, step) }));
    const page = await iam.send(new ListMFADevicesCommand({ UserName: user.userName, MaxItems: 1 }));
    expect(page).toMatchObject({ IsTruncated: false, MFADevices: [expect.objectContaining({ SerialNumber: device.SerialNumber })] });
    expect(page.Marker).toBeUndefined();
  });
});

describe("AssumeRole with MFA", () => {
  it("assumes a role whose trust requires aws:MultiFactorAuthPresent only with SerialNumber and TokenCode", async () => {
    const { user, own, device, seed } = await enrolledUser("mfa-assumer");
    const trust = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
    };
    await iam.send(new CreateRoleCommand({ RoleName: "NeedsMfa", AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "NeedsMfa", PolicyName: "read", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }] }) }));
    const RoleArn = `arn:aws:iam::${account.accountId}:role/NeedsMfa`;
    const sts = stsClient(user.key);

    const step = await freshStep();
    await own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 1), AuthenticationCode2: await codeAt(seed, step) }));

    const without = await apiFailure(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "no-mfa" })));
    expect(without).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(without.message).toContain(`User: ${user.arn} is not authorized to perform: sts:AssumeRole on resource: ${RoleArn}`);

    // The next step's code: the one enabling used this step's.
    const answer = await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "with-mfa", SerialNumber: device.SerialNumber, TokenCode: await codeAt(seed, step + 1) }));
    const session: Credentials = { accessKeyId: answer.Credentials!.AccessKeyId!, secretAccessKey: answer.Credentials!.SecretAccessKey!, sessionToken: answer.Credentials!.SessionToken! };
    expect((await stsClient(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/NeedsMfa/with-mfa`);
    await iamClient(session).send(new ListUsersCommand({}));

    // The same code again is a replay, and refused.
    const replay = await apiFailure(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "replay", SerialNumber: device.SerialNumber, TokenCode: await codeAt(seed, step + 1) })));
    expect(replay.status).toBe(403);
  });
});

describe("as AWS's clients expect it", () => {
  it("Base32StringSeed is base64-encoded on the wire, so the SDK's bytes are the Base32 seed otplib accepts", async () => {
    const user = await newApiUser(iam, "seed-check", SELF_SERVICE);
    const device = (await iamClient(user.key).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "seed-check" }))).VirtualMFADevice!;
    const seed = seedOf(device);
    expect(seed).toMatch(/^[A-Z2-7]{16,}=*$/);
    const now = Math.floor(Date.now() / 1000);
    const code = await generate({ secret: seed, algorithm: "sha1", digits: 6, period: PERIOD, epoch: now });
    expect((await verify({ secret: seed, token: code, algorithm: "sha1", digits: 6, period: PERIOD, epoch: now })).valid).toBe(true);
  });

  it("an administrator's device (CreateVirtualMFADevice by root) can be enabled for a user, as in AWS's CLI walkthrough", async () => {
    const user = await newApiUser(iam, "admin-enrolled");
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "admin-enrolled" }))).VirtualMFADevice!;
    const seed = seedOf(device);
    const step = await freshStep();
    await iam.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 1), AuthenticationCode2: await codeAt(seed, step) }));
    expect((await iam.send(new ListMFADevicesCommand({ UserName: user.userName }))).MFADevices!.map((d) => d.SerialNumber)).toEqual([device.SerialNumber]);
  });

  it("a wrong MFA code on AssumeRole is AccessDenied, as STS answers it", async () => {
    const { user, own, device, seed } = await enrolledUser("wrong-code");
    const step = await freshStep();
    await own.send(new EnableMFADeviceCommand({ UserName: user.userName, SerialNumber: device.SerialNumber, AuthenticationCode1: await codeAt(seed, step - 1), AuthenticationCode2: await codeAt(seed, step) }));
    await iam.send(new CreateRoleCommand({ RoleName: "WrongCode", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole" }] }) }));
    const wrong = String((Number(await codeAt(seed, step + 1)) + 1) % 1_000_000).padStart(6, "0");
    const failure = await apiFailure(stsClient(user.key).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.accountId}:role/WrongCode`, RoleSessionName: "wrong", SerialNumber: device.SerialNumber, TokenCode: wrong })));
    expect(failure).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});
