// Keys in the `aws:` namespace are AWS's global condition keys; any other `aws:` key is never in a
// request context, so a condition on it never matches (or, negated, always does). AWS adds keys
// from time to time, so an unknown one is a warning rather than an error.

import { draft, type DraftFinding } from "../grammar/draft";
import { conditionPath } from "../grammar/reading";
import { forEachStatement, type PolicyCheck } from "./context";

/** From the IAM User Guide, "AWS global condition context keys". */
export const GLOBAL_CONDITION_KEYS: readonly string[] = [
  "aws:AssumedRoot",
  "aws:CalledVia",
  "aws:CalledViaFirst",
  "aws:CalledViaLast",
  "aws:ChatbotSourceArn",
  "aws:CurrentTime",
  "aws:Ec2InstanceSourcePrivateIPv4",
  "aws:Ec2InstanceSourceVpc",
  "aws:EpochTime",
  "aws:FederatedProvider",
  "aws:MultiFactorAuthAge",
  "aws:MultiFactorAuthPresent",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:PrincipalIsAWSService",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalServiceName",
  "aws:PrincipalServiceNamesList",
  "aws:PrincipalType",
  "aws:Referer",
  "aws:RequestedRegion",
  "aws:ResourceAccount",
  "aws:ResourceOrgID",
  "aws:ResourceOrgPaths",
  "aws:SecureTransport",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceIdentity",
  "aws:SourceIp",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:SourceVpc",
  "aws:SourceVpcArn",
  "aws:SourceVpce",
  "aws:TagKeys",
  "aws:TokenIssueTime",
  "aws:UserAgent",
  "aws:userid",
  "aws:username",
  "aws:ViaAWSService",
  "aws:VpcSourceIp",
  "aws:VpceAccount",
  "aws:VpceOrgID",
  "aws:VpceOrgPaths",
];

/** Tag keys: `aws:PrincipalTag/team`, `aws:RequestTag/project`, `aws:ResourceTag/env`. */
const TAG_KEY_PREFIXES = ["aws:principaltag/", "aws:requesttag/", "aws:resourcetag/"];

const KNOWN = new Set(GLOBAL_CONDITION_KEYS.map((k) => k.toLowerCase()));

/** True when `key` is in the aws: namespace but is not a global condition key (names are case-insensitive). */
export function isUnknownGlobalConditionKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (!lower.startsWith("aws:")) return false;
  if (KNOWN.has(lower)) return false;
  return !TAG_KEY_PREFIXES.some((prefix) => lower.startsWith(prefix) && lower.length > prefix.length);
}

export const checkGlobalConditionKeys: PolicyCheck = ({ reading }) => {
  const findings: DraftFinding[] = [];
  forEachStatement(reading, (statement, source) => {
    // One finding per key, even when the key appears under several operators.
    const reported = new Set<string>();
    statement.Condition?.forEach((entry, e) => {
      if (!isUnknownGlobalConditionKey(entry.key) || reported.has(entry.key.toLowerCase())) return;
      reported.add(entry.key.toLowerCase());
      findings.push(
        draft("warning", "INVALID_GLOBAL_CONDITION_KEY", `"${entry.key}" is not an AWS global condition key, so it is never present in a request. Check the spelling (for example "aws:SourceIp", "aws:PrincipalTag/team").`, conditionPath(source, e, entry), "key"),
      );
    });
  });
  return findings;
};
