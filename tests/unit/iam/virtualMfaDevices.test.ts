import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { ListVirtualMFADevices } from "@/lib/iam/credentials/virtualMfaDevices";
import { auditEvents, createAccount, createUser, db, expectIamError, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const serial = (name: string) => `arn:aws:iam::${acct.accountId}:mfa/${name}`;

async function device(name: string, owner: { userId?: string; rootAccountId?: string }, enabledAt: Date | null, createdAt: Date) {
  await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber: serial(name), name, ...owner, secretCiphertext: "sealed-seed", enabledAt, createdAt } });
}

describe("ListVirtualMFADevices", () => {
  it("lists the account's devices with their holder when assigned, never the seed", async () => {
    const alice = await createUser(acct.accountId, "alice", { path: "/eng/" });
    const bob = await createUser(acct.accountId, "bob");
    const enabled = new Date("2026-11-01T10:00:00Z");
    await device("alice-phone", { userId: alice.userId }, enabled, new Date("2026-10-01T00:00:00Z"));
    await device("bob-pending", { userId: bob.userId }, null, new Date("2026-10-02T00:00:00Z"));
    await device("root-key", { rootAccountId: acct.accountId }, enabled, new Date("2026-10-03T00:00:00Z"));
    const other = await createAccount();
    await db.mfaDevice.create({ data: { accountId: other.accountId, serialNumber: `arn:aws:iam::${other.accountId}:mfa/x`, name: "x", rootAccountId: other.accountId, secretCiphertext: "s" } });

    const all = await execute(ListVirtualMFADevices, {}, acct.root);
    expect(all).toEqual({
      VirtualMFADevices: [
        { SerialNumber: serial("alice-phone"), User: { Path: "/eng/", UserName: "alice", UserId: alice.userId, Arn: alice.arn, CreateDate: expect.any(Date) }, EnableDate: enabled },
        { SerialNumber: serial("bob-pending") },
        { SerialNumber: serial("root-key"), User: { Path: "/", UserName: "<root_account>", UserId: acct.accountId, Arn: `arn:aws:iam::${acct.accountId}:root`, CreateDate: expect.any(Date) }, EnableDate: enabled },
      ],
      IsTruncated: false,
    });
    expect(JSON.stringify(all)).not.toContain("sealed-seed");
    const serials = async (AssignmentStatus: string) => (await execute(ListVirtualMFADevices, { AssignmentStatus }, acct.root)).VirtualMFADevices.map((d) => d.SerialNumber);
    expect(await serials("Assigned")).toEqual([serial("alice-phone"), serial("root-key")]);
    expect(await serials("Unassigned")).toEqual([serial("bob-pending")]);
    expect(await serials("Any")).toHaveLength(3);
    await expectIamError(execute(ListVirtualMFADevices, { AssignmentStatus: "Enabled" }, acct.root), "ValidationError", /Assigned, Unassigned or Any/);
  });

  it("pages with MaxItems and Marker", async () => {
    const alice = await createUser(acct.accountId, "alice");
    for (let i = 0; i < 5; i++) await device(`d${i}`, { userId: alice.userId }, null, new Date(Date.UTC(2026, 0, 1 + i)));
    const pages: string[][] = [];
    let Marker: string | undefined;
    do {
      const page = await execute(ListVirtualMFADevices, { MaxItems: 2, Marker }, acct.root);
      pages.push(page.VirtualMFADevices.map((d) => d.SerialNumber.split("/")[1]!));
      Marker = page.Marker;
      expect(page.IsTruncated).toBe(Marker !== undefined);
    } while (Marker);
    expect(pages).toEqual([["d0", "d1"], ["d2", "d3"], ["d4"]]);
  });

  it("is gated on iam:ListVirtualMFADevices", async () => {
    const lister = await createUser(acct.accountId, "lister", { inline: { L: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListVirtualMFADevices", Resource: "*" }] } } });
    const nobody = await createUser(acct.accountId, "nobody");
    await execute(ListVirtualMFADevices, {}, lister);
    await expectIamError(execute(ListVirtualMFADevices, {}, nobody), "AccessDenied");
    expect((await auditEvents(acct.accountId, "iam:ListVirtualMFADevices")).map((e) => [e.resource, e.result])).toEqual([
      ["*", "Allowed"],
      ["*", "Denied"],
    ]);
  });
});
