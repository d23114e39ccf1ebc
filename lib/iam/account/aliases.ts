// The account alias (ListAccountAliases, CreateAccountAlias, DeleteAccountAlias), which names the
// account in the IAM users' sign-in URL. An account has at most one; aliases are unique across
// Portcullis. ListAccountAliases' console extension also returns the account name typed at sign-up:
// AWS has no IAM API for it, and it identifies the account as the alias does.

import { z } from "zod";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { IncludeConsoleColumns } from "../core/validation";

export const ListAccountAliases = operation({
  name: "ListAccountAliases",
  action: "iam:ListAccountAliases",
  readOnly: true,
  input: z.object({ IncludeConsoleColumns: IncludeConsoleColumns.optional(), ...PageInput }).optional(),
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<{ AccountAliases: string[]; ConsoleColumns?: { AccountName: string } } & Page> => {
    const account = await tx.account.findUnique({ where: { id: accountOf(caller) }, select: { alias: true, name: true } });
    // The alias is a column of the account (at most one), so the page is cut from that one-item list.
    const { skip, take } = pageWindow(input ?? {});
    const page = toPage((account?.alias ? [account.alias] : []).slice(skip, skip + take), input ?? {});
    return {
      AccountAliases: page.items,
      ...pageFields(page),
      ...(input?.IncludeConsoleColumns && account ? { ConsoleColumns: { AccountName: account.name } } : {}),
    };
  },
});

/** AWS's rule: 3-63 lower-case letters, digits and single hyphens, starting and ending alphanumeric. */
const AccountAlias = z
  .string({ error: "AccountAlias is required" })
  .min(3, "must be at least 3 characters")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$/, "may contain only lower-case letters, digits and single hyphens, and must start and end with a letter or digit")
  // The sign-in URL accepts an account ID or an alias; an alias that looks like an ID would be ambiguous.
  .refine((alias) => !/^\d{12}$/.test(alias), "must not be a 12-digit number (that reads as an account ID)");

export const CreateAccountAlias = operation({
  name: "CreateAccountAlias",
  action: "iam:CreateAccountAlias",
  input: z.object({ AccountAlias }),
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const accountId = accountOf(caller);
    const holder = await tx.account.findUnique({ where: { alias: input.AccountAlias }, select: { id: true } });
    if (holder && holder.id !== accountId) {
      throw new IamError("EntityAlreadyExists", `The account alias ${input.AccountAlias} already exists. Aliases are unique across Portcullis; choose another.`);
    }
    // An account has at most one alias: a new one replaces the old, as in AWS.
    const { count } = await tx.account.updateMany({ where: { id: accountId }, data: { alias: input.AccountAlias } });
    if (count === 0) throw new IamError("NoSuchEntity", "The account cannot be found.");
    return {};
  },
});

export const DeleteAccountAlias = operation({
  name: "DeleteAccountAlias",
  action: "iam:DeleteAccountAlias",
  input: z.object({ AccountAlias }),
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const { count } = await tx.account.updateMany({ where: { id: accountOf(caller), alias: input.AccountAlias }, data: { alias: null } });
    if (count === 0) throw new IamError("NoSuchEntity", `The account alias ${input.AccountAlias} cannot be found.`);
    return {};
  },
});
