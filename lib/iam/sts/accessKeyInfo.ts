// sts:GetAccessKeyInfo: the account an access key ID belongs to. As in AWS, it answers for a key of
// any account (the account ID is what a leaked key's finder needs to report it; it says nothing of
// the key's owner or state), and it is decided by the engine like any other action. Long-term keys
// (AKIA…) are AccessKey rows; temporary ones (ASIA…) are role sessions, which belong to the role's
// account. AWS documents that a deleted key "might return an error that the key doesn't exist"
// without naming the code; Portcullis answers NoSuchEntity, its code for a missing entity.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";

/** AWS's accessKeyIdType: 16 to 128 word characters. */
const AccessKeyId = z
  .string({ error: "AccessKeyId is required" })
  .min(16, "must be at least 16 characters")
  .max(128, "must be at most 128 characters")
  .regex(/^\w+$/, "may contain only letters, digits and _");

/** The account that owns the key, whichever account that is; undefined for a key Portcullis never issued (or deleted). */
export async function accountOfAccessKey(tx: Tx, accessKeyId: string): Promise<string | undefined> {
  if (accessKeyId.startsWith("ASIA")) {
    // Temporary keys come from AssumeRole (a role session) or GetSessionToken (a session credential).
    const session = await tx.roleSession.findUnique({ where: { accessKeyId }, select: { accountId: true } });
    return session?.accountId ?? (await tx.sessionCredential.findUnique({ where: { accessKeyId }, select: { accountId: true } }))?.accountId;
  }
  return (await tx.accessKey.findUnique({ where: { id: accessKeyId }, select: { accountId: true } }))?.accountId;
}

export const GetAccessKeyInfo = operation({
  name: "GetAccessKeyInfo",
  action: "sts:GetAccessKeyInfo",
  readOnly: true,
  input: z.object({ AccessKeyId }),
  // The action has no resource type in AWS's Service Authorization Reference.
  resource: () => "*",
  run: async ({ tx, input }): Promise<{ Account: string }> => {
    const Account = await accountOfAccessKey(tx, input.AccessKeyId);
    if (!Account) throw new IamError("NoSuchEntity", `The access key ID ${input.AccessKeyId} does not exist: it was never issued, or it has been deleted.`);
    return { Account };
  },
});
