// What the policy forms send to their server actions, and the checks a form makes as the person
// types so it does not send what CreatePolicy / Put*Policy would refuse (the operations check again,
// with the same rules from lib/iam/core/rules.ts).

import { PATH, POLICY_DESCRIPTION_MAX_LENGTH, POLICY_NAME } from "@/lib/iam/core/rules";

/** The document the AWS console's JSON editor starts from: one empty Allow statement to fill in. */
export const STARTER_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Statement1",
      "Effect": "Allow",
      "Action": [],
      "Resource": []
    }
  ]
}`;

export const POLICY_NAME_HELP = `${POLICY_NAME.description.charAt(0).toUpperCase()}${POLICY_NAME.description.slice(1)}. Unique in the account (not case-sensitive).`;
export const MAX_DESCRIPTION = POLICY_DESCRIPTION_MAX_LENGTH;

export interface PolicyTagDraft {
  readonly key: string;
  readonly value: string;
}

export interface CreatePolicyDraft {
  readonly policyName: string;
  readonly path: string;
  readonly description: string;
  readonly document: string;
  readonly tags: readonly PolicyTagDraft[];
}

export interface PolicyVersionDraft {
  readonly document: string;
  readonly setAsDefault: boolean;
  /** The default version the editor was opened on: saving fails if another save changed it since. */
  readonly expectedDefaultVersionId: string;
  /** When the policy already has 5 versions: the non-default version to delete to make room. */
  readonly deleteVersionId?: string;
}

export interface InlinePolicyDraft {
  readonly policyName: string;
  readonly document: string;
}

export function policyNameError(name: string): string | undefined {
  return POLICY_NAME.pattern.test(name) ? undefined : POLICY_NAME_HELP;
}

export function policyPathError(path: string): string | undefined {
  return PATH.pattern.test(path) && path.length <= PATH.maxLength ? undefined : `A path must be ${PATH.description}.`;
}
