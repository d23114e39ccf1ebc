// The trust policies the create-role wizard writes, exactly as the AWS console writes them for each
// "Trusted entity type": an AWS account (this one or another, optionally requiring an external ID
// and/or MFA), an AWS service, or a custom policy the person writes. Pure and client-safe: the
// wizard shows the generated policy as the person chooses, and the same text is what CreateRole
// saves (and validates again with the engine's trust-policy rules).

/** The services the wizard offers first: the ones whose roles people create most often. */
export const COMMON_SERVICES = [
  { principal: "ec2.amazonaws.com", label: "EC2", description: "Lets EC2 instances call AWS services on your behalf." },
  { principal: "lambda.amazonaws.com", label: "Lambda", description: "Lets Lambda functions call AWS services on your behalf." },
  { principal: "ecs-tasks.amazonaws.com", label: "Elastic Container Service tasks", description: "Lets ECS tasks call AWS services on your behalf." },
  { principal: "eks.amazonaws.com", label: "EKS cluster", description: "Lets the EKS control plane manage resources for your cluster." },
  { principal: "states.amazonaws.com", label: "Step Functions", description: "Lets state machines call AWS services on your behalf." },
  { principal: "events.amazonaws.com", label: "EventBridge", description: "Lets EventBridge rules invoke targets on your behalf." },
  { principal: "glue.amazonaws.com", label: "Glue", description: "Lets Glue jobs and crawlers call AWS services on your behalf." },
  { principal: "codebuild.amazonaws.com", label: "CodeBuild", description: "Lets build projects call AWS services on your behalf." },
] as const;

/** The `service` value that means "use otherService". */
export const OTHER_SERVICE = "other";

/** "Other service": its service principal, as AWS writes them (lowercase, ending .amazonaws.com). */
export const SERVICE_PRINCIPAL_PATTERN = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;

/** AWS's external ID: 2 to 1,224 characters of letters, digits and _ + = , . @ : / - (sts:ExternalId). */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]+$/;
export const EXTERNAL_ID_LENGTH = { min: 2, max: 1224 } as const;

export type TrustedEntity =
  | {
      readonly type: "account";
      /** "this": the account creating the role; "other": the account ID given. */
      readonly account: "this" | "other";
      readonly otherAccountId: string;
      readonly requireExternalId: boolean;
      readonly externalId: string;
      readonly requireMfa: boolean;
    }
  | {
      readonly type: "service";
      /** A common service's principal, or OTHER_SERVICE for `otherService`. */
      readonly service: string;
      readonly otherService: string;
    }
  | { readonly type: "custom"; readonly document: string };

export interface TrustedEntityErrors {
  otherAccountId?: string;
  externalId?: string;
  service?: string;
}

/** The statement for "AWS account": the account's root ARN, which delegates to its identity policies. */
export function accountTrustStatement(accountId: string, options: { externalId?: string; requireMfa?: boolean } = {}) {
  // Both options are conditions of the one statement, so AWS merges them into one Condition block.
  const condition: Record<string, Record<string, string>> = {};
  if (options.externalId !== undefined) condition.StringEquals = { "sts:ExternalId": options.externalId };
  if (options.requireMfa) condition.Bool = { "aws:MultiFactorAuthPresent": "true" };
  return {
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${accountId}:root` },
    Action: "sts:AssumeRole",
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

export function serviceTrustStatement(servicePrincipal: string) {
  return { Effect: "Allow", Principal: { Service: servicePrincipal }, Action: "sts:AssumeRole" };
}

/** A policy document of one statement, as text: indented as the AWS console shows it. */
function documentText(statement: object): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, 4);
}

export function servicePrincipalOf(entity: Extract<TrustedEntity, { type: "service" }>): string {
  return entity.service === OTHER_SERVICE ? entity.otherService.trim() : entity.service;
}

/** The trust policy the choice writes; `thisAccountId` is the account that will own the role. */
export function trustPolicyText(entity: TrustedEntity, thisAccountId: string): string {
  switch (entity.type) {
    case "account":
      return documentText(
        accountTrustStatement(entity.account === "this" ? thisAccountId : entity.otherAccountId.trim(), {
          externalId: entity.requireExternalId ? entity.externalId : undefined,
          requireMfa: entity.requireMfa,
        }),
      );
    case "service":
      return documentText(serviceTrustStatement(servicePrincipalOf(entity)));
    case "custom":
      return entity.document;
  }
}

/**
 * What must change before the choice writes a trust policy CreateRole accepts. A custom policy's
 * problems are the policy editor's findings (the engine's trust-policy rules), not listed here.
 */
export function trustedEntityErrors(entity: TrustedEntity): TrustedEntityErrors {
  const errors: TrustedEntityErrors = {};
  if (entity.type === "account") {
    if (entity.account === "other" && !/^\d{12}$/.test(entity.otherAccountId.trim())) {
      errors.otherAccountId = "Enter the other account's 12-digit account ID.";
    }
    if (entity.requireExternalId) {
      const id = entity.externalId;
      if (id.length < EXTERNAL_ID_LENGTH.min || id.length > EXTERNAL_ID_LENGTH.max) {
        errors.externalId = `An external ID must be ${EXTERNAL_ID_LENGTH.min} to ${EXTERNAL_ID_LENGTH.max.toLocaleString("en-US")} characters.`;
      } else if (!EXTERNAL_ID_PATTERN.test(id)) {
        errors.externalId = "An external ID may contain only letters, digits and _ + = , . @ : / - (no spaces).";
      }
    }
  }
  if (entity.type === "service" && entity.service === OTHER_SERVICE && !SERVICE_PRINCIPAL_PATTERN.test(entity.otherService.trim())) {
    errors.service = "Enter the service principal, for example sagemaker.amazonaws.com.";
  }
  return errors;
}
