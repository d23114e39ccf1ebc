// The tags of one tagged entity (a user, a role; policies share the table), seen the same way by
// Tag, Untag and List, so those operations per entity differ only in names and quota — as the
// attachment tables do for managed policies.

import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { pageWindow, toPage, type PageRequest, type PageResult } from "./pagination";
import { limitExceeded } from "./quotas";
import { QUOTAS } from "./rules";
import { toTags, type Tag } from "./tags";

export type TagOwner = { readonly userId: string } | { readonly roleId: string } | { readonly policyId: string };

function keyOf(owner: TagOwner, keyLower: string): Prisma.TagWhereUniqueInput {
  if ("userId" in owner) return { userId_keyLower: { userId: owner.userId, keyLower } };
  if ("roleId" in owner) return { roleId_keyLower: { roleId: owner.roleId, keyLower } };
  return { policyId_keyLower: { policyId: owner.policyId, keyLower } };
}

/**
 * Adds or replaces tags, within the entity's tag quota. A key that exists in another case is
 * replaced, key spelling included: the request is the newer intent.
 */
export async function addTags(tx: Tx, owner: TagOwner, tags: readonly Tag[], quota: "TagsPerUser" | "TagsPerRole" | "TagsPerPolicy", entityName: string): Promise<void> {
  const existing = await tx.tag.findMany({ where: owner, select: { keyLower: true } });
  const keys = new Set(existing.map((t) => t.keyLower));
  for (const tag of tags) keys.add(tag.Key.toLowerCase());
  if (keys.size > QUOTAS[quota]) {
    throw limitExceeded(quota, `${entityName} has ${existing.length} tags; remove some before adding ${tags.length} more.`);
  }
  for (const tag of tags) {
    const keyLower = tag.Key.toLowerCase();
    await tx.tag.upsert({
      where: keyOf(owner, keyLower),
      create: { ...owner, key: tag.Key, keyLower, value: tag.Value },
      update: { key: tag.Key, value: tag.Value },
    });
  }
}

/** Removes tags by key, in any case. Keys the entity does not have are ignored, as in AWS: the outcome (no such tag) already holds. */
export async function removeTags(tx: Tx, owner: TagOwner, keys: readonly string[]): Promise<void> {
  await tx.tag.deleteMany({ where: { ...owner, keyLower: { in: keys.map((k) => k.toLowerCase()) } } });
}

/** The entity's tags, by key without regard to case (keys are unique per entity in that case), one page of them. */
export async function listTags(tx: Tx, owner: TagOwner, request: PageRequest = {}): Promise<PageResult<Tag>> {
  const { skip, take } = pageWindow(request);
  return toPage(toTags(await tx.tag.findMany({ where: owner, orderBy: { keyLower: "asc" }, skip, take })), request);
}
