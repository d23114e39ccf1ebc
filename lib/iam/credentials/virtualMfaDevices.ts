// ListVirtualMFADevices: the account's virtual MFA devices, as AWS lists them: each device's serial
// number and, when it is assigned (enabled for an IAM user or the root user), who holds it and since
// when. A device being enrolled, or deactivated and not yet deleted, is unassigned. Never the seed:
// only CreateVirtualMFADevice returns it, once.

import { z } from "zod";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { pageFields, PageInput, pageWindow, toPage, type Page } from "../core/pagination";

export interface VirtualMFADeviceUser {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
}

export interface VirtualMFADeviceView {
  SerialNumber: string;
  /** Present when the device is assigned. */
  User?: VirtualMFADeviceUser;
  EnableDate?: Date;
}

export const ListVirtualMFADevices = operation({
  name: "ListVirtualMFADevices",
  action: "iam:ListVirtualMFADevices",
  readOnly: true,
  input: z.object({
    AssignmentStatus: z.enum(["Assigned", "Unassigned", "Any"], { error: "must be Assigned, Unassigned or Any" }).optional(),
    ...PageInput,
  }),
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<{ VirtualMFADevices: VirtualMFADeviceView[] } & Page> => {
    const accountId = accountOf(caller);
    const status = input.AssignmentStatus ?? "Any";
    const assigned = status === "Assigned" ? { enabledAt: { not: null } } : status === "Unassigned" ? { enabledAt: null } : {};
    const { skip, take } = pageWindow(input);
    const rows = await tx.mfaDevice.findMany({
      where: { accountId, ...assigned },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: {
        serialNumber: true,
        enabledAt: true,
        user: { select: { name: true, id: true, arn: true, path: true, createdAt: true } },
        rootUser: { select: { accountId: true, createdAt: true } },
      },
    });
    const page = toPage(rows, input);
    const VirtualMFADevices = page.items.map((row): VirtualMFADeviceView => {
      if (!row.enabledAt) return { SerialNumber: row.serialNumber };
      // The root user is named as AWS names it: its account ID as UserId and the account's root ARN.
      const user: VirtualMFADeviceUser | undefined = row.user
        ? { Path: row.user.path, UserName: row.user.name, UserId: row.user.id, Arn: row.user.arn, CreateDate: row.user.createdAt }
        : row.rootUser
          ? { Path: "/", UserName: "<root_account>", UserId: row.rootUser.accountId, Arn: `arn:aws:iam::${row.rootUser.accountId}:root`, CreateDate: row.rootUser.createdAt }
          : undefined;
      return { SerialNumber: row.serialNumber, ...(user ? { User: user } : {}), EnableDate: row.enabledAt };
    });
    return { VirtualMFADevices, ...pageFields(page) };
  },
});
