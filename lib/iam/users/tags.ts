// Tags on IAM users: TagUser, UntagUser, ListUserTags, and the console's "Manage tags" (SetUserTags:
// the whole set at once, as UntagUser and TagUser steps). Tags are what attribute-based access
// control decides on: a request carries the tags it sets (aws:RequestTag/<key>, aws:TagKeys) and the
// tags the user already has (aws:ResourceTag/<key>). Keys are unique per user without regard to case.

import { z } from "zod";
import { operation } from "../core/operation";
import { requestTagContext, type Tag } from "../core/tags";
import { PageInput, pageFields, type Page } from "../core/pagination";
import { addTags, listTags, removeTags } from "../core/tagTable";
import { TagKeyList, TagList, UserName } from "../core/validation";
import { actsOnUser, requireUser, userTagContext } from "./entity";

type Empty = Record<string, never>;

export const TagUser = operation({
  name: "TagUser",
  action: "iam:TagUser",
  input: z.object({ UserName, Tags: TagList.refine((tags) => tags.length > 0, "name at least one tag") }),
  resource: actsOnUser.resource,
  context: async ({ tx, input, caller }) => ({ ...(await userTagContext(tx, caller, input.UserName)), ...requestTagContext(input.Tags) }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    await addTags(tx, { userId: user.id }, input.Tags, "TagsPerUser", user.name);
    return {};
  },
});

export const UntagUser = operation({
  name: "UntagUser",
  action: "iam:UntagUser",
  input: z.object({ UserName, TagKeys: TagKeyList }),
  resource: actsOnUser.resource,
  context: async ({ tx, input, caller }) => ({ ...(await userTagContext(tx, caller, input.UserName)), "aws:TagKeys": input.TagKeys }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    await removeTags(tx, { userId: user.id }, input.TagKeys);
    return {};
  },
});

export const ListUserTags = operation({
  name: "ListUserTags",
  action: "iam:ListUserTags",
  readOnly: true,
  input: z.object({ UserName, ...PageInput }),
  ...actsOnUser,
  run: async ({ tx, input, caller }): Promise<{ Tags: Tag[] } & Page> => {
    const user = await requireUser(tx, caller, input.UserName);
    const page = await listTags(tx, { userId: user.id }, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});

/**
 * "Manage tags" saves the whole set, as the AWS console does: it reads the user's tags
 * (iam:ListUserTags), removes the keys no longer present (UntagUser) and writes the rest (TagUser,
 * which overwrites values), all or nothing.
 */
export const SetUserTags = operation({
  name: "SetUserTags",
  action: "iam:ListUserTags",
  input: z.object({ UserName, Tags: TagList }),
  ...actsOnUser,
  run: async ({ tx, input, caller, steps }): Promise<{ Added: number; Removed: number }> => {
    const user = await requireUser(tx, caller, input.UserName);
    const current = await tx.tag.findMany({ where: { userId: user.id }, select: { key: true, keyLower: true, value: true } });
    const wanted = new Map(input.Tags.map((tag) => [tag.Key.toLowerCase(), tag]));
    const removed = current.filter((tag) => !wanted.has(tag.keyLower)).map((tag) => tag.key);
    const changed = input.Tags.filter((tag) => {
      const now = current.find((c) => c.keyLower === tag.Key.toLowerCase());
      return !now || now.key !== tag.Key || now.value !== tag.Value;
    });
    if (removed.length > 0) await steps.run(UntagUser, { UserName: user.name, TagKeys: removed });
    if (changed.length > 0) await steps.run(TagUser, { UserName: user.name, Tags: changed });
    return { Added: changed.length, Removed: removed.length };
  },
});
