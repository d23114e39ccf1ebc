// The request context of an API call, as the engine sees it: every key comes from the request
// itself or from what the server knows about it, never from what the client claims. Each case is a
// policy whose condition decides a real SDK call, so a key that were missing, wrong or taken from the
// client would flip the decision.

import { beforeAll, describe, expect, it } from "vitest";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { db, iamClient, newApiAccount, type ApiAccount, type Credentials } from "./support/apiAccount";

const LOOPBACK = ["127.0.0.0/8", "::1/128", "::ffff:127.0.0.0/104"];

const POLICY = {
  Version: "2012-10-17",
  Statement: [
    // The address is the socket's: a client's X-Forwarded-For (without a trusted proxy) changes nothing.
    { Sid: "FromHere", Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": LOOPBACK } } },
    { Sid: "NotFromElsewhere", Effect: "Deny", Action: "iam:ListUsers", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": LOOPBACK } } },
    // The suite's server speaks plain HTTP.
    { Sid: "OnlyOverTls", Effect: "Deny", Action: "iam:GetUser", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "Self", Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" },
    // A long-term key proves no MFA, and AWS leaves the key out rather than setting it false:
    // BoolIfExists matches an absent key, Bool does not.
    { Sid: "Lists", Effect: "Allow", Action: ["iam:ListGroups", "iam:ListRoles", "iam:ListPolicies", "iam:ListAccessKeys"], Resource: "*" },
    { Sid: "GroupsNeedMfa", Effect: "Deny", Action: "iam:ListGroups", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
    { Sid: "RolesNeedMfaIfKnown", Effect: "Deny", Action: "iam:ListRoles", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
    { Sid: "NotFromTheSdk", Effect: "Deny", Action: "iam:ListPolicies", Resource: "*", Condition: { StringLike: { "aws:UserAgent": "*aws-sdk-js*" } } },
    { Sid: "NotBefore2020", Effect: "Deny", Action: "iam:ListAccessKeys", Resource: "*", Condition: { DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } },
    { Sid: "NotAfter2020", Effect: "Deny", Action: "iam:ListAccessKeys", Resource: "*", Condition: { NumericGreaterThan: { "aws:EpochTime": "1577836800" } } },
  ],
};

let account: ApiAccount;
let alice: IAMClient;
let aliceKey: Credentials;

async function denial(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!error) throw new Error("expected the call to be refused");
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

beforeAll(async () => {
  account = await newApiAccount("Context keys");
  const root = iamClient(account.rootKey);
  await root.send(new CreateUserCommand({ UserName: "alice" }));
  await root.send(new CreateUserCommand({ UserName: "bob" }));
  const policy = await root.send(new CreatePolicyCommand({ PolicyName: "ContextRules", PolicyDocument: JSON.stringify(POLICY) }));
  await root.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: policy.Policy!.Arn! }));
  const key = await root.send(new CreateAccessKeyCommand({ UserName: "alice" }));
  aliceKey = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  alice = iamClient(aliceKey);
});

describe("the API request's context", () => {
  it("aws:SourceIp is the socket's address: a forged X-Forwarded-For is ignored, and the audit log records the real one", async () => {
    const forging = iamClient(aliceKey);
    // Added after signing (the deserialize step runs last before the wire), as a client or proxy would.
    forging.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-forwarded-for"] = "203.0.113.9";
        return next(args);
      },
      { step: "deserialize", name: "forgeForwardedFor" },
    );
    const listed = await forging.send(new ListUsersCommand({}));
    expect(listed.Users?.map((u) => u.UserName).sort()).toEqual(["alice", "bob"]);
    const event = await db.auditEvent.findFirst({ where: { accountId: account.accountId, action: "iam:ListUsers", principalArn: { endsWith: ":user/alice" } }, orderBy: { sequence: "desc" } });
    expect(event?.sourceIp).toMatch(/^(127\.|::1$|::ffff:127\.)/);
    expect(event?.door).toBe("api");
  });

  it("aws:SecureTransport is false over plain HTTP, whatever the client says", async () => {
    const refused = await denial(alice.send(new GetUserCommand({ UserName: "alice" })));
    expect(refused).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(refused.message).toBe(
      `User: arn:aws:iam::${account.accountId}:user/alice is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${account.accountId}:user/alice with an explicit deny in an identity-based policy`,
    );
  });

  it("aws:MultiFactorAuthPresent is absent for a long-term key: BoolIfExists false matches, Bool false does not", async () => {
    const groups = await denial(alice.send(new ListGroupsCommand({})));
    expect(groups.name).toBe("AccessDenied");
    await expect(alice.send(new ListRolesCommand({}))).resolves.toMatchObject({ Roles: [] });
  });

  it("aws:UserAgent is the client's user agent", async () => {
    const refused = await denial(alice.send(new ListPoliciesCommand({})));
    expect(refused.message).toContain("with an explicit deny in an identity-based policy");
    const event = await db.auditEvent.findFirst({ where: { accountId: account.accountId, action: "iam:ListPolicies" }, orderBy: { sequence: "desc" } });
    expect(event).toMatchObject({ result: "Denied", door: "api" });
    expect(event?.userAgent).toContain("aws-sdk-js");
  });

  it("aws:CurrentTime and aws:EpochTime are the server's clock", async () => {
    const refused = await denial(alice.send(new ListAccessKeysCommand({ UserName: "alice" })));
    // Only NotAfter2020 can match today: the explanation header names it.
    expect(refused.name).toBe("AccessDenied");
    const event = await db.auditEvent.findFirst({ where: { accountId: account.accountId, action: "iam:ListAccessKeys", result: "Denied" }, orderBy: { sequence: "desc" } });
    expect(event?.detail).toContain("NotAfter2020");
    expect(event?.detail).not.toContain("NotBefore2020");
  });
});
