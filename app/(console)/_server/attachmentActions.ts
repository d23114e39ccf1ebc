// What the user, group and role pages' Attach, Detach and Manage-tags actions share: each checks
// its bound name, parses the form, makes its one operation call as the signed-in caller, says what
// it did, and refreshes the entity's pages. The server actions in each page's actions.ts bind the
// entity's own operation; only the entity differs.

import { requireCaller } from "@/lib/auth/session";
import { execute, type Operation } from "@/lib/iam/core/operation";
import type { Tag } from "@/lib/iam/core/tags";
import type { ActionState } from "@/components/forms/actionState";
import { boundArgument, formArgument } from "./actionArguments";
import { nameInArn } from "./notices";
import { field, fields, runMutation } from "./runMutation";

export type AttachmentEntity = "user" | "group" | "role";

const NAME_FIELD = { user: "UserName", group: "GroupName", role: "RoleName" } as const;

type Named<E extends AttachmentEntity, T> = Record<(typeof NAME_FIELD)[E], string> & T;

/** "Attach policies": the picker's chosen ARNs, attached in one workflow. */
export async function attachPolicies<E extends AttachmentEntity>(
  op: Operation<Named<E, { PolicyArns: string[] }>, unknown>,
  entity: E,
  name: string,
  form: FormData,
  refresh: (name: string) => void,
): Promise<ActionState> {
  const key = NAME_FIELD[entity];
  const invalid = boundArgument(op, key, name) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const PolicyArns = fields(form, "policyArn");
  const result = await runMutation(() => execute(op, { [key]: name, PolicyArns }, caller), {
    kind: "policies-attached",
    entity,
    subject: name,
    object: PolicyArns[0] && nameInArn(PolicyArns[0]),
    count: PolicyArns.length,
  });
  refresh(name);
  return result;
}

/** A row's Detach. */
export async function detachPolicy<E extends AttachmentEntity>(
  op: Operation<Named<E, { PolicyArn: string }>, unknown>,
  entity: E,
  name: string,
  form: FormData,
  refresh: (name: string) => void,
): Promise<ActionState> {
  const key = NAME_FIELD[entity];
  const invalid = boundArgument(op, key, name) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const PolicyArn = field(form, "policyArn");
  const result = await runMutation(() => execute(op, { [key]: name, PolicyArn }, caller), { kind: "policy-detached", entity, subject: name, object: nameInArn(PolicyArn) });
  refresh(name);
  return result;
}

/** "Manage tags": the whole set as the form holds it, rows with an empty key left out. */
export async function saveTags<E extends AttachmentEntity>(
  op: Operation<Named<E, { Tags: Tag[] }>, unknown>,
  entity: E,
  name: string,
  form: FormData,
  refresh: (name: string) => void,
): Promise<ActionState> {
  const key = NAME_FIELD[entity];
  const invalid = boundArgument(op, key, name) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const values = fields(form, "tagValue");
  const Tags = fields(form, "tagKey")
    .map((Key, i) => ({ Key: Key.trim(), Value: values[i] ?? "" }))
    .filter((tag) => tag.Key !== "");
  const result = await runMutation(() => execute(op, { [key]: name, Tags }, caller), { kind: "tags-saved", entity, subject: name });
  refresh(name);
  return result;
}
