// Resource control policies (AWS Organizations, 2024): guard rails on what can be done to the
// resources of an account, whoever asks. They work like SCPs on the resource side: an explicit
// Deny in one denies, and every level of the organization must allow (RCPFullAWSAccess, attached
// at every level, allows everything). They grant nothing. "RCPs apply to the following AWS
// services" only: a request to any other service is not limited by them.

/**
 * Service prefixes whose actions RCPs govern ("RCPs apply to actions for the following AWS
 * services", Organizations User Guide, "Resource control policies (RCPs)"; the list grows over
 * time, so this is its one home).
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  "aoss", "appconfig", "appstream", "autoscaling", "autoscaling-plans", "budgets",
  "clouddirectory", "cloudfront", "cloudsearch", "cloudtrail-data", "codeartifact", "codebuild",
  "codecommit", "codepipeline", "cognito-identity", "cognito-idp", "comprehend",
  "comprehendmedical", "compute-optimizer", "cost-optimization-hub", "dax", "dsql", "dynamodb",
  "ecr", "ecr-public", "events", "firehose", "fis", "fms", "gamelift", "health", "inspector-scan",
  "kendra", "kinesisvideo", "kms", "logs", "memorydb", "networkmonitor", "notifications",
  "opensearch", "pca-connector-ad", "personalize", "polly", "pricing", "resource-groups",
  "rolesanywhere", "s3", "secretsmanager", "servicediscovery", "signin", "sqs", "sts", "support",
  "swf", "textract", "timestream-influxdb", "transcribe", "transfer", "translate", "wafv2",
  "workspaces", "xray",
]);

/** The service prefix of a lower-case action, or "" when it has none. */
function servicePrefix(lowerAction: string): string {
  const colon = lowerAction.indexOf(":");
  return colon > 0 ? lowerAction.slice(0, colon) : "";
}

/**
 * Whether resource control policies limit this action. Decided once per action, when candidates
 * are grouped. "RCPs do not impact the kms:RetireGrant permission."
 */
export function rcpsGovern(lowerAction: string): boolean {
  return lowerAction !== "kms:retiregrant" && RCP_SERVICES.has(servicePrefix(lowerAction));
}

// IAM keeps every service-linked role under this path.
const SERVICE_LINKED_ROLE = /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\//;

/**
 * "RCPs do not impact the effective permissions of any service-linked role", nor "AWS services'
 * ability to assume a service-linked role". A session ARN does not show the role's path, so a
 * service-linked caller is known by its aws:PrincipalArn (the role's ARN), which the caller supplies
 * like every other context key.
 */
export function exemptFromRcps(resource: string, principalArn: string | undefined): boolean {
  return SERVICE_LINKED_ROLE.test(resource) || (principalArn !== undefined && SERVICE_LINKED_ROLE.test(principalArn));
}
