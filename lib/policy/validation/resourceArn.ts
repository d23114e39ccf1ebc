// The shape of Resource and NotResource items: "*" or arn:partition:service:region:account:resource.
// Wildcards and policy variables may stand in for any segment, so those segments are not checked.

import { parseArn } from "../arn";
import { draft, type DraftFinding, type PathSegment } from "../grammar/draft";
import { elementPath } from "../grammar/reading";
import { forEachStatement, type PolicyCheck } from "./context";

const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^(\d{12}|aws)$/;

/** Replaces each `${…}` with a colon-free stand-in, so a variable such as ${aws:username} cannot split a segment. */
export function maskVariables(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf("${"); open >= 0; open = text.indexOf("${", from)) {
    const close = text.indexOf("}", open);
    if (close < 0) break;
    out += text.slice(from, open) + "${}";
    from = close + 1;
  }
  return out + text.slice(from);
}

const isFlexible = (segment: string) => /[*?]|\$\{/.test(segment);

/** Why a resource is not a well-formed ARN (code + message), or undefined when it is. */
export function arnProblem(resource: string): { code: string; message: string; severity?: "warning" } | undefined {
  if (resource === "*") return undefined;
  const masked = maskVariables(resource);
  if (!masked.startsWith("arn:")) {
    return { code: "INVALID_ARN_PREFIX", message: `"${resource}" is not an ARN. Use "*" or an ARN that starts with "arn:", such as "arn:aws:s3:::my-bucket/*".` };
  }
  const arn = parseArn(masked);
  if (!arn) {
    return { code: "MISSING_ARN_FIELD", message: `"${resource}" does not have the six fields of an ARN: arn:partition:service:region:account:resource. Add the missing colons or fields.` };
  }
  if (arn.partition === "" || arn.service === "" || arn.resource === "") {
    const field = arn.partition === "" ? "partition" : arn.service === "" ? "service" : "resource";
    return { code: "MISSING_ARN_FIELD", message: `The ${field} field of "${resource}" is empty. Fill it in (use * to match any value).` };
  }
  if (!isFlexible(arn.partition) && !PARTITIONS.has(arn.partition)) {
    return { code: "INVALID_PARTITION", message: `"${arn.partition}" in "${resource}" is not an AWS partition. Use "aws" (or aws-cn, aws-us-gov, …).` };
  }
  if (/[*?]/.test(arn.service)) {
    return {
      severity: "warning",
      code: "WILDCARD_IN_ARN_SERVICE",
      message: `The service field of "${resource}" contains a wildcard, so it matches resources of many services. Name the service, such as "s3" or "iam".`,
    };
  }
  if (arn.service !== arn.service.toLowerCase() && !arn.service.includes("${")) {
    return { code: "INVALID_ARN_SERVICE_CASE", message: `The service "${arn.service}" in "${resource}" must be lower case: ARNs are case-sensitive. Use "${arn.service.toLowerCase()}".` };
  }
  if (arn.region !== "" && !isFlexible(arn.region) && !REGION.test(arn.region)) {
    return { code: "INVALID_ARN_REGION", message: `"${arn.region}" in "${resource}" is not a Region code. Use one such as "us-east-1", or leave it empty for global services.` };
  }
  if (arn.account !== "" && !isFlexible(arn.account) && !ACCOUNT.test(arn.account)) {
    return { code: "INVALID_ARN_ACCOUNT", message: `"${arn.account}" in "${resource}" is not an account ID. Use the 12-digit account ID, or leave it empty where the service has none (as S3 does).` };
  }
  return undefined;
}

export const checkResourceArns: PolicyCheck = ({ reading }) => {
  const findings: DraftFinding[] = [];
  forEachStatement(reading, (statement, source) => {
    for (const element of ["Resource", "NotResource"] as const) {
      statement[element]?.forEach((resource, i) => {
        const problem = arnProblem(resource);
        if (!problem) return;
        const path: PathSegment[] = elementPath(source, element, i);
        findings.push(draft(problem.severity ?? "error", problem.code, problem.message, path));
      });
    }
  });
  return findings;
};

/** The resource part of an ARN-shaped item (variables masked), or undefined if it is not an ARN. */
export function arnResourcePart(resource: string): string | undefined {
  return parseArn(maskVariables(resource))?.resource;
}
