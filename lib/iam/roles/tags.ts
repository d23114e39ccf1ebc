// Tags on IAM roles: TagRole, UntagRole, ListRoleTags and the console's "Manage tags" (SetRoleTags),
// as users/tags.ts does it for users. A request
// carries the tags it sets (aws:RequestTag/<key>, aws:TagKeys) and the tags the role already has
// (aws:ResourceTag/<key>), so attribute-based access control can decide on both. Keys are unique per
// role without regard to case.

import { z } from "zod";
import { operation } from "../core/operation";
import { requestTagContext, type Tag } from "../core/tags";
import { PageInput, pageFields, type Page } from "../core/pagination";
import { addTags, listTags, removeTags } from "../core/tagTable";
import { RoleName, TagKeyList, TagList } from "../core/validation";
import { actsOnRole, requireRole, roleTagContext } from "./entity";

type Empty = Record<string, never>;

export const TagRole = operation({
  name: "TagRole",
  action: "iam:TagRole",
  input: z.object({ RoleName, Tags: TagList.refine((tags) => tags.length > 0, "name at least one tag") }),
  resource: actsOnRole.resource,
  context: async ({ tx, input, caller }) => ({ ...(await roleTagContext(tx, caller, input.RoleName)), ...requestTagContext(input.Tags) }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    await addTags(tx, { roleId: role.id }, input.Tags, "TagsPerRole", role.name);
    return {};
  },
});

export const UntagRole = operation({
  name: "UntagRole",
  action: "iam:UntagRole",
  input: z.object({ RoleName, TagKeys: TagKeyList }),
  resource: actsOnRole.resource,
  context: async ({ tx, input, caller }) => ({ ...(await roleTagContext(tx, caller, input.RoleName)), "aws:TagKeys": input.TagKeys }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    await removeTags(tx, { roleId: role.id }, input.TagKeys);
    return {};
  },
});

export const ListRoleTags = operation({
  name: "ListRoleTags",
  action: "iam:ListRoleTags",
  readOnly: true,
  input: z.object({ RoleName, ...PageInput }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<{ Tags: Tag[] } & Page> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const page = await listTags(tx, { roleId: role.id }, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});

/**
 * "Manage tags" on a role's page saves the whole set, as SetUserTags does for a user: it reads the
 * role's tags (iam:ListRoleTags), removes the keys no longer present (UntagRole) and writes the rest
 * (TagRole, which overwrites values), all or nothing.
 */
export const SetRoleTags = operation({
  name: "SetRoleTags",
  action: "iam:ListRoleTags",
  input: z.object({ RoleName, Tags: TagList }),
  ...actsOnRole,
  run: async ({ tx, input, caller, steps }): Promise<{ Added: number; Removed: number }> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const current = await tx.tag.findMany({ where: { roleId: role.id }, select: { key: true, keyLower: true, value: true } });
    const wanted = new Set(input.Tags.map((tag) => tag.Key.toLowerCase()));
    const removed = current.filter((tag) => !wanted.has(tag.keyLower)).map((tag) => tag.key);
    const changed = input.Tags.filter((tag) => {
      const now = current.find((c) => c.keyLower === tag.Key.toLowerCase());
      return !now || now.key !== tag.Key || now.value !== tag.Value;
    });
    if (removed.length > 0) await steps.run(UntagRole, { RoleName: role.name, TagKeys: removed });
    if (changed.length > 0) await steps.run(TagRole, { RoleName: role.name, Tags: changed });
    return { Added: changed.length, Removed: removed.length };
  },
});
