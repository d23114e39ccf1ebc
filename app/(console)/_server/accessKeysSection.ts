// What AccessKeysSection needs: the rows of one ListAccessKeys call (its console columns carry each
// key's last use), and the actions bound to whose keys they are. /me shows the caller's own keys; a
// user's Security credentials tab passes the user's name.

import type { Caller } from "@/lib/auth/caller";
import { ListAccessKeys, type ListedAccessKey } from "@/lib/iam/credentials/accessKeys";
import type { AccessKeysSectionProps } from "@/components/me/AccessKeysSection";
import { createAccessKey, deleteAccessKey, setAccessKeyStatus } from "./accessKeyActions";
import { readOperation, type ReadResult } from "./readOperation";

export type AccessKeysRead = ReadResult<{ AccessKeyMetadata: ListedAccessKey[] }>;

export function readAccessKeys(caller: Caller, userName?: string): Promise<AccessKeysRead> {
  return readOperation(ListAccessKeys, { ...(userName === undefined ? {} : { UserName: userName }), IncludeConsoleColumns: true }, caller);
}

export function accessKeysSectionProps(
  caller: Caller,
  listed: AccessKeysRead,
  userName?: string,
  permissions?: AccessKeysSectionProps["permissions"],
): AccessKeysSectionProps {
  const keys: AccessKeysSectionProps["keys"] = listed.ok
    ? {
        ok: true,
        rows: listed.value.AccessKeyMetadata.map((key) => ({
          AccessKeyId: key.AccessKeyId,
          Status: key.Status,
          CreateDate: key.CreateDate,
          // No console columns: GetAccessKeyLastUsed was refused.
          ...(key.ConsoleColumns ? { LastUsed: key.ConsoleColumns.LastUsedDate, LastUsedService: key.ConsoleColumns.LastUsedService } : { LastUsed: "unknown" as const }),
        })),
      }
    : { ok: false, error: listed.error };
  return {
    keys,
    userName,
    isRoot: userName === undefined && caller.kind === "root",
    create: createAccessKey.bind(null, userName),
    setStatus: setAccessKeyStatus.bind(null, userName),
    remove: deleteAccessKey.bind(null, userName),
    permissions,
  };
}
