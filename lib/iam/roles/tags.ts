// Tags on IAM roles: TagRole, UntagRole, ListRoleTags, as users/tags.ts does it for users. A request
// carries the tags it sets (aws:RequestTag/<key>, aws:TagKeys) and the tags the role already has
// (aws:ResourceTag/<key>), so attribute-based access control can decide on both. Keys are unique per
// role without regard to case.

import { z } from "zod";
import { operation } from "../core/operation";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { requestTagContext, toTags, type Tag } from "../core/tags";
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
    const existing = await tx.tag.findMany({ where: { roleId: role.id }, select: { keyLower: true } });
    const keys = new Set(existing.map((t) => t.keyLower));
    for (const tag of input.Tags) keys.add(tag.Key.toLowerCase());
    if (keys.size > QUOTAS.TagsPerRole) {
      throw limitExceeded("TagsPerRole", `${role.name} has ${existing.length} tags; remove some before adding ${input.Tags.length} more.`);
    }
    // A key that exists in another case is replaced, key spelling included: the request is the newer intent.
    for (const tag of input.Tags) {
      const keyLower = tag.Key.toLowerCase();
      await tx.tag.upsert({
        where: { roleId_keyLower: { roleId: role.id, keyLower } },
        create: { roleId: role.id, key: tag.Key, keyLower, value: tag.Value },
        update: { key: tag.Key, value: tag.Value },
      });
    }
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
    // Keys the role does not have are ignored, as in AWS: the outcome (no such tag) already holds.
    await tx.tag.deleteMany({ where: { roleId: role.id, keyLower: { in: input.TagKeys.map((k) => k.toLowerCase()) } } });
    return {};
  },
});

export const ListRoleTags = operation({
  name: "ListRoleTags",
  action: "iam:ListRoleTags",
  readOnly: true,
  input: z.object({ RoleName }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<{ Tags: Tag[]; IsTruncated: false }> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const rows = await tx.tag.findMany({ where: { roleId: role.id }, orderBy: { keyLower: "asc" } });
    return { Tags: toTags(rows), IsTruncated: false };
  },
});
