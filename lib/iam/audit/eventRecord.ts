// An audit event as a CloudTrail event record: the JSON the event detail page shows and the JSON
// export holds, with CloudTrail's field names so readers (and their tools) find what they expect.
// Portcullis does not keep request parameters, so the record has none; what CloudTrail lacks (the
// engine's result and explanation) goes in additionalEventData.

import { arnAccount, parseIamArn } from "@/lib/policy";
import type { AuditEventView } from "./lookupEvents";

// The services whose actions Portcullis audits under their AWS names; its own (portcullis:CreateAccount) keep theirs.
const AWS_SOURCES = new Set(["iam", "sts", "signin", "cloudtrail"]);

const IDENTITY_TYPES: Record<string, string> = { root: "Root", user: "IAMUser", "assumed-role": "AssumedRole", "federated-user": "FederatedUser" };

function userIdentity(principalArn: string) {
  const arn = parseIamArn(principalArn);
  if (!arn) return { type: "Unknown", principalId: principalArn };
  return {
    type: IDENTITY_TYPES[arn.type] ?? "Unknown",
    arn: principalArn,
    accountId: arn.account,
    ...(arn.type === "user" ? { userName: arn.name } : {}),
    // CloudTrail's sessionIssuer: the role a session belongs to (a session ARN leaves out its path).
    ...(arn.type === "assumed-role" ? { sessionContext: { sessionIssuer: { type: "Role", arn: `arn:aws:iam::${arn.account}:role/${arn.name}`, accountId: arn.account } } } : {}),
  };
}

export function eventRecord(event: AuditEventView) {
  const colon = event.Action.indexOf(":");
  const service = event.Action.slice(0, colon);
  const name = event.Action.slice(colon + 1);
  const account = arnAccount(event.Resource) || arnAccount(event.PrincipalArn) || undefined;
  return {
    eventID: event.EventId,
    eventTime: event.EventTime.toISOString(),
    eventSource: AWS_SOURCES.has(service) ? `${service}.amazonaws.com` : service,
    eventName: name,
    eventType: service === "signin" ? "AwsConsoleSignIn" : "AwsApiCall",
    readOnly: event.ReadOnly,
    userIdentity: userIdentity(event.PrincipalArn),
    sourceIPAddress: event.SourceIpAddress ?? null,
    userAgent: event.UserAgent ?? null,
    ...(event.ErrorCode ? { errorCode: event.ErrorCode } : {}),
    ...(event.ErrorMessage ? { errorMessage: event.ErrorMessage } : {}),
    // The one request parameter Portcullis keeps: what AssumeRole (or switching role) asked for.
    ...(event.RoleSessionName ? { requestParameters: { roleArn: event.Resource, roleSessionName: event.RoleSessionName, ...(event.SourceIdentity ? { sourceIdentity: event.SourceIdentity } : {}) } } : {}),
    resources: event.Resource === "*" ? [] : [{ ARN: event.Resource, ...(account ? { accountId: account } : {}) }],
    ...(account ? { recipientAccountId: account } : {}),
    additionalEventData: {
      action: event.Action,
      result: event.Result,
      ...(event.Door ? { door: event.Door } : {}),
      ...(event.AssumedBy ? { assumedBy: event.AssumedBy } : {}),
      ...(event.SourceIdentity && !event.RoleSessionName ? { sourceIdentity: event.SourceIdentity } : {}),
      ...(event.Explanation ? { explanation: event.Explanation } : {}),
    },
  };
}

export type EventRecord = ReturnType<typeof eventRecord>;
