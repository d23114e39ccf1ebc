import { describe, expect, it } from "vitest";
import * as IAM from "@aws-sdk/client-iam";
import * as STS from "@aws-sdk/client-sts";
import { OPERATIONS } from "@/lib/iam/registry";
import { CONSOLE_ONLY_MEMBERS, CONSOLE_ONLY_OPERATIONS, CONSOLE_ONLY_REASONS, isConsoleOnlyMember } from "@/lib/query/consoleOnly";
import { QueryError } from "@/lib/query/errors";
import { decodeFormBody } from "@/lib/query/formBody";
import { queryInput, type InputSchema } from "@/lib/query/inputShape";
import { parseMembers } from "@/lib/query/members";
import { queryOutput } from "@/lib/query/outputShape";
import { queryResponse, type QueryService } from "@/lib/query/xml";
import { iamClient, stsClient, type Exchange, type Reply } from "./querySdkHarness";

// Each operation's input schema is its wire shape: for every operation an AWS client can send,
// the real SDK writes a sample input as a form body, and lib/query must read back exactly that
// input, which the operation's own schema then accepts. The samples are built from the schema
// itself, filling every member (optional ones too) from the values below, so a member added to
// an operation is covered without editing this file.

const ACCOUNT = "123456789012";
const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] });

/** Sample text per member name; a member with no entry fails the test, naming it. */
const STRINGS: Record<string, string> = {
  UserName: "alice+ops@example.com",
  NewUserName: "alice.b",
  GroupName: "Platform_Admins",
  NewGroupName: "Platform-Ops",
  RoleName: "deploy-role",
  PolicyName: "ReadBuckets",
  Path: "/engineering/",
  NewPath: "/ops/",
  PathPrefix: "/engineering/",
  PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Boundary`,
  PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team/ReadBuckets`,
  PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  PolicyDocument: POLICY,
  AssumeRolePolicyDocument: TRUST,
  Policy: POLICY,
  Description: "Deploys the web tier & its assets",
  // A marker as pagination.ts hands them out: base64url of "p1:" and an offset.
  Marker: Buffer.from("p1:25").toString("base64url"),
  Filter: "alice",
  AccountAlias: "example-corp",
  Password: "Correct-Horse-9-Battery",
  OldPassword: "Old-Password-1!",
  NewPassword: "New-Password-2!",
  AccessKeyId: "AKIAIOSFODNN7EXAMPLE",
  VirtualMFADeviceName: "alice-phone",
  SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`,
  AuthenticationCode1: "123456",
  AuthenticationCode2: "654321",
  VersionId: "v2",
  ExpectedDefaultVersionId: "v1",
  DeleteVersionId: "v1",
  RoleArn: `arn:aws:iam::${ACCOUNT}:role/deploy-role`,
  RoleSessionName: "ci-run_42",
  ExternalId: "external-id-123",
  TokenCode: "123456",
  SourceIdentity: "alice",
  ContextKeyName: "aws:SourceIp",
  PolicyInputList: POLICY,
  PermissionsBoundaryPolicyInputList: POLICY,
  ResourcePolicy: POLICY,
  ResourceOwner: `arn:aws:iam::${ACCOUNT}:root`,
  CallerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  // The console simulator's switched-off policy (a console-only member, dropped by the door).
  ExcludedPolicies: "inline/Own",
  Key: "team",
  Value: "web platform",
  Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  JobId: "0f8fad5b-d9cb-469f-a165-70867728950e",
  ServiceNamespace: "iam",
};

/** Lists whose items must differ (tag keys are unique), or that need more than one item. */
const LISTS: Record<string, unknown[]> = {
  Tags: [
    { Key: "team", Value: "web platform" },
    { Key: "cost-center", Value: "42" },
  ],
  TagKeys: ["team", "cost-center"],
  TransitiveTagKeys: ["team"],
  PolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/A`, `arn:aws:iam::${ACCOUNT}:policy/B`],
  ActionNames: ["s3:GetObject", "iam:ListUsers"],
  ResourceArns: ["arn:aws:s3:::bucket/key", "*"],
  ContextKeyValues: ["10.0.0.1", "192.0.2.7"],
};

const NUMBERS: Record<string, number> = { MaxItems: 25, DurationSeconds: 3600, MaxSessionDuration: 7200, MinimumPasswordLength: 14, MaxPasswordAge: 90, PasswordReusePrevention: 5, ActiveAccessKeyOlderThanDays: 90 };

type Def = InputSchema["_zod"]["def"] & { entries?: Record<string, string> };

function sample(schema: InputSchema, name: string): unknown {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
      return sample(def.innerType!, name);
    case "pipe":
      return sample(def.in!, name);
    case "object":
      return Object.fromEntries(Object.entries(def.shape!).map(([key, member]) => [key, sample(member, key)]));
    case "array": {
      if (LISTS[name]) {
        // PolicyArns is a list of strings in IAM and of PolicyDescriptorType ({ arn }) in STS.
        const element = unwrapped(def.element!);
        return element._zod.def.type === "object" && name === "PolicyArns" ? LISTS[name].map((arn) => ({ arn })) : LISTS[name];
      }
      return [sample(def.element!, name)];
    }
    case "string":
      if (!(name in STRINGS)) throw new Error(`no sample string for ${name}`);
      return STRINGS[name];
    case "enum":
      return Object.values(def.entries!)[0];
    case "number":
      return NUMBERS[name] ?? 3;
    case "boolean":
      return true;
    case "union":
      return sample(def.options![0]!, name);
    default:
      throw new Error(`no sample for a ${def.type} member (${name})`);
  }
}

function unwrapped(schema: InputSchema): InputSchema {
  const def = schema._zod.def;
  return def.innerType && ["optional", "default", "nullable", "readonly"].includes(def.type) ? unwrapped(def.innerType) : schema;
}

const portcullisOnly = isConsoleOnlyMember;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandClass = new (input: any) => any;

/** Either client, as one type: the test sends commands chosen by name at run time. */
type AnyClient = { send(command: unknown): Promise<unknown> };
const clientFor = (service: QueryService, reply: () => Reply): { client: AnyClient; sent: Exchange[] } =>
  (service === "iam" ? iamClient(reply) : stsClient(reply)) as unknown as { client: AnyClient; sent: Exchange[] };

function sdkCommand(name: string): { service: QueryService; Command: CommandClass } | undefined {
  const iam = (IAM as unknown as Record<string, CommandClass>)[`${name}Command`];
  if (iam) return { service: "iam", Command: iam };
  const sts = (STS as unknown as Record<string, CommandClass>)[`${name}Command`];
  if (sts) return { service: "sts", Command: sts };
  return undefined;
}

/** What the SDK sends for this command; the reply is an empty success, which is all the capture needs. */
async function sentBody(service: QueryService, Command: CommandClass, input: unknown, action: string): Promise<Exchange> {
  const reply = (): Reply => ({ status: 200, body: queryResponse(service, action, {}, "req-1") });
  const { client, sent } = clientFor(service, reply);
  await client.send(new Command(input)).catch(() => undefined);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

function decode(schema: InputSchema, body: string): Record<string, unknown> {
  return queryInput(schema, parseMembers(decodeFormBody(body)));
}

const wireOperations = OPERATIONS.filter((op) => !CONSOLE_ONLY_OPERATIONS.has(op.name));

describe("the registry against the SDK", () => {
  it("every operation is either an AWS client's command or named console-only, never both", () => {
    const neither = OPERATIONS.filter((op) => !sdkCommand(op.name) && !CONSOLE_ONLY_OPERATIONS.has(op.name)).map((op) => op.name);
    const both = OPERATIONS.filter((op) => sdkCommand(op.name) && CONSOLE_ONLY_OPERATIONS.has(op.name)).map((op) => op.name);
    expect(neither, "operations no AWS client has: add them to CONSOLE_ONLY_REASONS with why").toEqual([]);
    expect(both, "AWS actions marked console-only").toEqual([]);
    const names = new Set(OPERATIONS.map((op) => op.name));
    expect([...CONSOLE_ONLY_OPERATIONS].filter((name) => !names.has(name)), "console-only names not in the registry").toEqual([]);
    for (const [name, reason] of Object.entries(CONSOLE_ONLY_REASONS)) expect(reason.length, name).toBeGreaterThan(10);
  });

  it.each(wireOperations.map((op) => [op.name, op] as const))("%s: the SDK's request reads back as the sample input, which the operation accepts", async (name, op) => {
    const schema = op.input as unknown as InputSchema;
    const input = sample(schema, name) as Record<string, unknown>;
    const parsedSample = op.input.safeParse(input);
    expect(parsedSample.error?.issues ?? [], "the sample is a valid input").toEqual([]);

    const { service, Command } = sdkCommand(name)!;
    const exchange = await sentBody(service, Command, input, name);
    const members = parseMembers(decodeFormBody(exchange.body));
    expect(members.Action).toBe(name);
    const decoded = queryInput(schema, members);

    const expected = Object.fromEntries(Object.entries(input).filter(([key]) => !portcullisOnly(name, key)));
    expect(decoded).toEqual(expected);
    const parsed = op.input.safeParse(decoded);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("every Portcullis-only member named above is in some operation's schema (the list stays honest)", () => {
    const seen = new Set<string>();
    for (const op of wireOperations) {
      const root = unwrapped(op.input as unknown as InputSchema)._zod.def;
      for (const key of Object.keys(root.shape ?? {})) seen.add(key);
    }
    expect([...CONSOLE_ONLY_MEMBERS].filter((m) => !seen.has(m))).toEqual([]);
  });
});

const op = (name: string) => OPERATIONS.find((o) => o.name === name)!.input as unknown as InputSchema;

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof QueryError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a QueryError");
}

describe("queryInput", () => {
  it("reads an empty list (`TagKeys=`) as [], as the SDK sends it", async () => {
    const { body } = await sentBody("iam", IAM.UntagUserCommand, { UserName: "bob", TagKeys: [] }, "UntagUser");
    expect(body).toMatch(/(^|&)TagKeys=(&|$)/);
    expect(decode(op("UntagUser"), body)).toEqual({ UserName: "bob", TagKeys: [] });
  });

  it("reads numbers and booleans from their text, and the CLI's `+` spaces", () => {
    expect(decode(op("ListUsers"), "Action=ListUsers&MaxItems=10&PathPrefix=%2Fa+b%2F")).toEqual({ MaxItems: 10, PathPrefix: "/a b/" });
    expect(decode(op("CreatePolicyVersion"), "PolicyArn=arn&PolicyDocument=%7B%7D&SetAsDefault=false")).toEqual({ PolicyArn: "arn", PolicyDocument: "{}", SetAsDefault: false });
  });

  it("ignores parameters the shape does not name, as IAM does", () => {
    expect(decode(op("GetUser"), "Action=GetUser&Version=2010-05-08&UserName=bob&Bogus=1&Other.member.1=x")).toEqual({ UserName: "bob" });
  });

  it("refuses a missing required member with IAM's ValidationError, every one in one message", () => {
    expect(refusal(() => decode(op("DeleteUser"), "Action=DeleteUser&Version=2010-05-08"))).toEqual({
      code: "ValidationError",
      message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    });
    expect(refusal(() => decode(op("AttachUserPolicy"), "Action=AttachUserPolicy")).message).toBe(
      "2 validation errors detected: Value null at 'userName' failed to satisfy constraint: Member must not be null; Value null at 'policyArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it("names a missing member inside a list item by AWS's path", () => {
    expect(refusal(() => decode(op("TagUser"), "UserName=bob&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Key=b")).message).toBe(
      "1 validation error detected: Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null",
    );
  });

  it("refuses a number or boolean that does not read as one, with the member's path", () => {
    expect(refusal(() => decode(op("ListUsers"), "MaxItems=ten"))).toEqual({
      code: "ValidationError",
      message: "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be an integer",
    });
    expect(refusal(() => decode(op("CreatePolicyVersion"), "PolicyArn=a&PolicyDocument=b&SetAsDefault=yes")).message).toMatch(/Value 'yes' at 'setAsDefault'.*boolean/);
  });

  it("refuses a string where a list item's structure belongs, with the item's path", () => {
    expect(refusal(() => decode(op("TagUser"), "UserName=bob&Tags.member.1=x")).message).toBe(
      "1 validation error detected: Value 'x' at 'tags.1.member' failed to satisfy constraint: Member must be a structure",
    );
  });

  it("leaves lengths, patterns and enum values to the operation's schema", () => {
    const input = decode(op("UpdateAccessKey"), "AccessKeyId=AKIA&Status=Sleeping");
    expect(input).toEqual({ AccessKeyId: "AKIA", Status: "Sleeping" });
    expect(OPERATIONS.find((o) => o.name === "UpdateAccessKey")!.input.safeParse(input).success).toBe(false);
  });

  it("reads STS AssumeRole's PolicyArns.member.N.arn and Tags from the structure, nothing per operation", () => {
    const body =
      "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=s" +
      "&PolicyArns.member.1.arn=arn%3Aa&PolicyArns.member.2.arn=arn%3Ab&Tags.member.1.Key=k&Tags.member.1.Value=v&TransitiveTagKeys.member.1=k";
    expect(decode(op("AssumeRole"), body)).toEqual({
      RoleArn: "arn:aws:iam::1:role/r",
      RoleSessionName: "s",
      PolicyArns: [{ arn: "arn:a" }, { arn: "arn:b" }],
      Tags: [{ Key: "k", Value: "v" }],
      TransitiveTagKeys: ["k"],
    });
  });

  it("reads an operation without input as {}", () => {
    expect(decode(op("GetAccountSummary"), "Action=GetAccountSummary&Version=2010-05-08")).toEqual({});
  });
});

// Outputs: our XML, parsed by the SDK's own deserializer, must give back what the operation returned.
async function throughSdk<T>(service: QueryService, action: string, Command: CommandClass, input: unknown, output: unknown): Promise<T> {
  const reply = (): Reply => ({ status: 200, body: queryResponse(service, action, queryOutput(output), "req-7") });
  const { client } = clientFor(service, reply);
  return (await client.send(new Command(input))) as T;
}

const CREATED = new Date("2026-11-30T08:15:42.000Z");
const user = (name: string) => ({
  Path: "/engineering/",
  UserName: name,
  UserId: `AIDA${name.toUpperCase().padEnd(17, "X")}`,
  Arn: `arn:aws:iam::${ACCOUNT}:user/engineering/${name}`,
  CreateDate: CREATED,
  PasswordLastUsed: undefined,
});

describe("queryOutput through the SDK's deserializer", () => {
  it("GetUser: a nested structure, a date, a tag list, unset members left out", async () => {
    const output = { User: { ...user("alice"), Tags: [{ Key: "team", Value: "a<b & c" }], PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: STRINGS.PermissionsBoundary } } };
    const got = await throughSdk<IAM.GetUserCommandOutput>("iam", "GetUser", IAM.GetUserCommand, {}, output);
    expect(got.User).toEqual({ ...user("alice"), PasswordLastUsed: undefined, Tags: [{ Key: "team", Value: "a<b & c" }], PermissionsBoundary: output.User.PermissionsBoundary });
    expect(got.User!.CreateDate).toBeInstanceOf(Date);
    expect("PasswordLastUsed" in got.User!).toBe(false);
  });

  it("ListUsers with a Marker: `<member>` lists and pagination", async () => {
    const output = { Users: [user("alice"), user("bob")], IsTruncated: true, Marker: "bmV4dDpib2I=" };
    const got = await throughSdk<IAM.ListUsersCommandOutput>("iam", "ListUsers", IAM.ListUsersCommand, { MaxItems: 2 }, output);
    expect(got.Users!.map((u) => u.UserName)).toEqual(["alice", "bob"]);
    expect(got.IsTruncated).toBe(true);
    expect(got.Marker).toBe("bmV4dDpib2I=");
  });

  it("ListUsers empty: an empty list is [] to the SDK", async () => {
    const got = await throughSdk<IAM.ListUsersCommandOutput>("iam", "ListUsers", IAM.ListUsersCommand, {}, { Users: [], IsTruncated: false });
    expect(got.Users).toEqual([]);
    expect(got.IsTruncated).toBe(false);
  });

  it("GetRole: AssumeRolePolicyDocument arrives URL-encoded, as AWS sends it", async () => {
    const output = { Role: { Path: "/", RoleName: "deploy-role", RoleId: "AROAEXAMPLEEXAMPLE01", Arn: STRINGS.RoleArn, CreateDate: CREATED, AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 3600, RoleLastUsed: {} } };
    const got = await throughSdk<IAM.GetRoleCommandOutput>("iam", "GetRole", IAM.GetRoleCommand, { RoleName: "deploy-role" }, output);
    expect(got.Role!.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST));
    expect(got.Role!.MaxSessionDuration).toBe(3600);
  });

  it("GetAccountSummary: SummaryMap is a map of entries", async () => {
    const output = { SummaryMap: { Users: 3, UsersQuota: 5000, AccountMFAEnabled: 1, Policies: 0 } };
    const got = await throughSdk<IAM.GetAccountSummaryCommandOutput>("iam", "GetAccountSummary", IAM.GetAccountSummaryCommand, {}, output);
    expect(got.SummaryMap).toEqual({ Users: 3, UsersQuota: 5000, AccountMFAEnabled: 1, Policies: 0 });
  });

  it("AssumeRole (STS): credentials with an expiration date", async () => {
    const Expiration = new Date("2026-12-01T13:00:00.000Z");
    const output = {
      Credentials: { AccessKeyId: "ASIAEXAMPLEEXAMPLE01", SecretAccessKey: "secret/+=", SessionToken: "token", Expiration },
      AssumedRoleUser: { AssumedRoleId: "AROAEXAMPLEEXAMPLE01:ci", Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/ci` },
      PackedPolicySize: 6,
    };
    const got = await throughSdk<STS.AssumeRoleCommandOutput>("sts", "AssumeRole", STS.AssumeRoleCommand, { RoleArn: STRINGS.RoleArn, RoleSessionName: "ci" }, output);
    expect(got.Credentials).toEqual(output.Credentials);
    expect(got.AssumedRoleUser).toEqual(output.AssumedRoleUser);
    expect(got.PackedPolicySize).toBe(6);
  });

  it("an operation that answers nothing has no Result element; things with no Query form are refused", () => {
    expect(queryOutput(undefined)).toBeUndefined();
    expect(queryResponse("iam", "DeleteUser", queryOutput(undefined), "r")).not.toContain("Result");
    // UpdateUser's operation answers {}; AWS's UpdateUserResponse has no Result either.
    expect(queryResponse("iam", "UpdateUser", queryOutput({}), "r")).not.toContain("Result");
    expect(queryOutput({ TotalCount: 3 }, { maps: new Set(), omit: new Set(["TotalCount"]) })).toBeUndefined();
    expect(() => queryOutput({ Users: [undefined] })).toThrow(TypeError);
    expect(() => queryOutput({ When: new Map() })).toThrow(/no Query form/);
    expect(() => queryOutput({ SummaryMap: [1] })).toThrow(/map/);
  });
});
