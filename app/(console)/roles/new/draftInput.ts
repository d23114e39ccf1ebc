// The wizard's draft, as the browser sent it, turned into CreateRoleWithPolicies' input. A client
// can send anything in place of the draft, so every field is read as the type it must be; what is
// left of a wrong value is then the operation's to refuse, with its own message. The trust policy
// is built here, for the signed-in account, from the choices: the browser's preview is the same
// text from the same builder, never a value the server takes on trust.

import "server-only";
import { chosenBoundary, draftTrustPolicy, EMPTY_DRAFT, type CreateRoleDraft } from "@/components/roles/wizard/draft";

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The draft with each field of its own type; anything missing or mistyped takes the empty draft's value. */
function readDraft(raw: Record<string, unknown>): CreateRoleDraft {
  const entityType = raw.entityType === "service" || raw.entityType === "custom" ? raw.entityType : "account";
  return {
    ...EMPTY_DRAFT,
    entityType,
    account: raw.account === "other" ? "other" : "this",
    otherAccountId: text(raw.otherAccountId),
    requireExternalId: raw.requireExternalId === true,
    externalId: text(raw.externalId),
    requireMfa: raw.requireMfa === true,
    service: text(raw.service),
    otherService: text(raw.otherService),
    customDocument: text(raw.customDocument),
    policyArns: strings(raw.policyArns),
    useBoundary: raw.useBoundary === true,
    boundaryArn: text(raw.boundaryArn),
    roleName: text(raw.roleName),
    description: text(raw.description),
    maxSessionHours: typeof raw.maxSessionHours === "number" ? raw.maxSessionHours : EMPTY_DRAFT.maxSessionHours,
    tags: (Array.isArray(raw.tags) ? raw.tags : []).map((tag, id) => ({ id, key: text(tag?.key), value: text(tag?.value) })),
  };
}

export function createRoleInput(raw: CreateRoleDraft, accountId: string) {
  const draft = readDraft(raw as unknown as Record<string, unknown>);
  return {
    RoleName: draft.roleName,
    AssumeRolePolicyDocument: draftTrustPolicy(draft, accountId),
    Description: draft.description || undefined,
    MaxSessionDuration: draft.maxSessionHours * 3600,
    PermissionsBoundary: chosenBoundary(draft),
    Tags: draft.tags.filter((tag) => tag.key !== "").map((tag) => ({ Key: tag.key, Value: tag.value })),
    PolicyArns: [...new Set(draft.policyArns)],
  };
}
