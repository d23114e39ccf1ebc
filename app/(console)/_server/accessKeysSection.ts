// Everything AccessKeysSection needs, read through the operations and with the actions bound to
// whose keys they are. /me renders `<AccessKeysSection {...await accessKeysSectionProps(caller)} />`;
// a user's Security credentials tab passes the user's name.

import type { Caller } from "@/lib/auth/caller";
import { GetAccessKeyLastUsed, ListAccessKeys } from "@/lib/iam/credentials/accessKeys";
import type { AccessKeyRow } from "@/components/accessKeys/accessKeyState";
import type { AccessKeysSectionProps } from "@/components/me/AccessKeysSection";
import { createAccessKey, deleteAccessKey, setAccessKeyStatus } from "./accessKeyActions";
import { readOperation } from "./readOperation";

async function lastUsed(accessKeyId: string, caller: Caller): Promise<Pick<AccessKeyRow, "LastUsed" | "LastUsedService">> {
  const result = await readOperation(GetAccessKeyLastUsed, { AccessKeyId: accessKeyId }, caller);
  if (!result.ok) return { LastUsed: "unknown" };
  const { LastUsedDate, ServiceName } = result.value.AccessKeyLastUsed;
  return LastUsedDate ? { LastUsed: LastUsedDate, LastUsedService: ServiceName } : {};
}

export async function accessKeysSectionProps(caller: Caller, userName?: string): Promise<AccessKeysSectionProps> {
  const listed = await readOperation(ListAccessKeys, userName === undefined ? {} : { UserName: userName }, caller);
  const keys: AccessKeysSectionProps["keys"] = listed.ok
    ? {
        ok: true,
        rows: await Promise.all(
          listed.value.AccessKeyMetadata.map(async (key) => ({ AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: key.CreateDate, ...(await lastUsed(key.AccessKeyId, caller)) })),
        ),
      }
    : { ok: false, error: listed.error };
  return {
    keys,
    userName,
    isRoot: userName === undefined && caller.kind === "root",
    create: createAccessKey.bind(null, userName),
    setStatus: setAccessKeyStatus.bind(null, userName),
    remove: deleteAccessKey.bind(null, userName),
  };
}
