// Tags on customer managed policies: TagPolicy, UntagPolicy, ListPolicyTags. They are stored with the
// users' and roles' tags (core/tagTable.ts) and decide requests the same way: a request carries the
// tags it sets (aws:RequestTag/<key>, aws:TagKeys) and the policy's own (aws:ResourceTag/<key>).
// AWS managed policies have no tags of the account's and cannot be tagged.

import { z } from "zod";
import { operation } from "../core/operation";
import { PageInput, pageFields, type Page } from "../core/pagination";
import { requestTagContext, type Tag } from "../core/tags";
import { addTags, listTags, removeTags } from "../core/tagTable";
import { PolicyArn, TagKeyList, TagList } from "../core/validation";
import { actsOnPolicy, policyTagContext, requireCustomerPolicy, requirePolicy } from "./entity";

type Empty = Record<string, never>;

export const TagPolicy = operation({
  name: "TagPolicy",
  action: "iam:TagPolicy",
  input: z.object({ PolicyArn, Tags: TagList.refine((tags) => tags.length > 0, "name at least one tag") }),
  resource: actsOnPolicy.resource,
  context: async ({ tx, input, caller }) => ({ ...(await policyTagContext(tx, caller, input.PolicyArn)), ...requestTagContext(input.Tags) }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const policy = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    await addTags(tx, { policyId: policy.id }, input.Tags, "TagsPerPolicy", policy.name);
    return {};
  },
});

export const UntagPolicy = operation({
  name: "UntagPolicy",
  action: "iam:UntagPolicy",
  input: z.object({ PolicyArn, TagKeys: TagKeyList }),
  resource: actsOnPolicy.resource,
  context: async ({ tx, input, caller }) => ({ ...(await policyTagContext(tx, caller, input.PolicyArn)), "aws:TagKeys": input.TagKeys }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const policy = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    await removeTags(tx, { policyId: policy.id }, input.TagKeys);
    return {};
  },
});

export const ListPolicyTags = operation({
  name: "ListPolicyTags",
  action: "iam:ListPolicyTags",
  readOnly: true,
  input: z.object({ PolicyArn, ...PageInput }),
  ...actsOnPolicy,
  run: async ({ tx, input, caller }): Promise<{ Tags: Tag[] } & Page> => {
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const page = await listTags(tx, { policyId: policy.id }, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});
