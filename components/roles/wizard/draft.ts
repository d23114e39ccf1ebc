// What the create-role wizard collects across its three steps. It lives in the browser until
// "Create role", then travels to the server action in one piece. Each trusted entity type keeps its
// own fields, so trying another type and coming back finds what was typed there.

import { followsRule, QUOTAS, ROLE_DESCRIPTION_MAX_LENGTH, ROLE_MAX_SESSION_DURATION, ROLE_NAME } from "@/lib/iam/core/rules";
import { COMMON_SERVICES, trustedEntityErrors, trustPolicyText, type TrustedEntity } from "@/lib/iam/roles/trustPolicyBuilder";
import { tagErrors, type StepErrors, type TagDraft } from "@/components/users/wizard/draft";

export type TrustedEntityType = TrustedEntity["type"];

export interface CreateRoleDraft {
  readonly entityType: TrustedEntityType;
  readonly account: "this" | "other";
  readonly otherAccountId: string;
  readonly requireExternalId: boolean;
  readonly externalId: string;
  readonly requireMfa: boolean;
  readonly service: string;
  readonly otherService: string;
  /** The custom trust policy's text; empty until the person first opens Custom trust policy. */
  readonly customDocument: string;
  readonly policyArns: readonly string[];
  readonly useBoundary: boolean;
  /** The permissions boundary's ARN ("" until one is picked); kept while the option is off, applied only when on. */
  readonly boundaryArn: string;
  readonly roleName: string;
  readonly description: string;
  /** Maximum session duration in whole hours, 1 to 12, as the console's choice offers it. */
  readonly maxSessionHours: number;
  readonly tags: readonly TagDraft[];
}

export const EMPTY_DRAFT: CreateRoleDraft = {
  entityType: "account",
  account: "this",
  otherAccountId: "",
  requireExternalId: false,
  externalId: "",
  requireMfa: false,
  service: COMMON_SERVICES[0].principal,
  otherService: "",
  customDocument: "",
  policyArns: [],
  useBoundary: false,
  boundaryArn: "",
  roleName: "",
  description: "",
  maxSessionHours: ROLE_MAX_SESSION_DURATION.default / 3600,
  tags: [],
};

export const MAX_POLICIES_PER_ROLE = QUOTAS.AttachedPoliciesPerRole;
export const SESSION_HOURS = { min: ROLE_MAX_SESSION_DURATION.min / 3600, max: ROLE_MAX_SESSION_DURATION.max / 3600 } as const;

export function trustedEntityOf(draft: CreateRoleDraft): TrustedEntity {
  switch (draft.entityType) {
    case "account":
      return {
        type: "account",
        account: draft.account,
        otherAccountId: draft.otherAccountId,
        requireExternalId: draft.requireExternalId,
        externalId: draft.externalId,
        requireMfa: draft.requireMfa,
      };
    case "service":
      return { type: "service", service: draft.service, otherService: draft.otherService };
    case "custom":
      return { type: "custom", document: draft.customDocument };
  }
}

/** The trust policy the draft's choice writes, as CreateRole will receive it. */
export const draftTrustPolicy = (draft: CreateRoleDraft, accountId: string): string => trustPolicyText(trustedEntityOf(draft), accountId);

/** Step 1. A custom policy's errors are the editor's findings, passed in as `customHasErrors`. */
export function trustStepErrors(draft: CreateRoleDraft, customHasErrors: boolean): StepErrors {
  const errors: StepErrors = { ...trustedEntityErrors(trustedEntityOf(draft)) };
  if (draft.entityType === "custom" && customHasErrors) errors.customDocument = "Fix the errors the policy editor lists before you go on.";
  return errors;
}

/** Step 2. */
export function permissionsStepErrors(draft: CreateRoleDraft): StepErrors {
  const errors: StepErrors = {};
  if (new Set(draft.policyArns).size > MAX_POLICIES_PER_ROLE) errors.policies = `A role can have at most ${MAX_POLICIES_PER_ROLE} managed policies attached.`;
  if (draft.useBoundary && draft.boundaryArn === "") errors.boundary = "Choose the managed policy to use as the permissions boundary, or turn the boundary off.";
  return errors;
}

/** The boundary CreateRole will set, if any. */
export const chosenBoundary = (draft: CreateRoleDraft): string | undefined => (draft.useBoundary && draft.boundaryArn !== "" ? draft.boundaryArn : undefined);

/** Step 3, against the rules CreateRole applies on the server (lib/iam/core/rules.ts). */
export function detailsStepErrors(draft: CreateRoleDraft): StepErrors {
  const errors: StepErrors = tagErrors(draft.tags, "role");
  if (!followsRule(ROLE_NAME, draft.roleName)) errors.roleName = `Enter ${ROLE_NAME.description}.`;
  // Its characters (printable Latin-1) are CreateRole's to check: a refusal keeps everything typed.
  if (draft.description.length > ROLE_DESCRIPTION_MAX_LENGTH) errors.description = `A description can be at most ${ROLE_DESCRIPTION_MAX_LENGTH} characters.`;
  return errors;
}
