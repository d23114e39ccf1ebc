import { describe, expect, it } from "vitest";
import { CreateUserCommand, DeleteUserCommand, GetAccountSummaryCommand, GetPolicyVersionCommand, GetRoleCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { awsDate, escapeXml, queryResponse, writeElement, XmlMap, type XmlStruct } from "@/lib/query/xml";
import { iamClient, stsClient } from "./querySdkHarness";

/**
 * A small well-formedness check: tags balance, attributes are quoted, and text holds no raw
 * markup characters. Returns the element names in document order.
 */
function checkWellFormed(xml: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:]+="[^"<&]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(xml)) !== null) {
    at = token.lastIndex;
    const [, close, name, , selfClose, text] = m;
    if (text !== undefined) {
      expect(text, "text holds an unescaped > or a bare &").not.toMatch(/>|&(?!(amp|lt|gt|quot|apos|#xD);)/);
      continue;
    }
    if (close) expect(stack.pop(), `closing ${name}`).toBe(name);
    else {
      names.push(name!);
      if (!selfClose) stack.push(name!);
    }
  }
  expect(at, "the whole document tokenizes").toBe(xml.length);
  expect(stack).toEqual([]);
  return names;
}

const CREATED = new Date("2026-12-01T12:00:00.000Z");

describe("queryResponse", () => {
  it("writes AWS's envelope: Response, Result, ResponseMetadata/RequestId, in IAM's namespace", () => {
    const xml = queryResponse("iam", "GetUser", { User: { UserName: "bob", CreateDate: CREATED } }, "req-1");
    expect(xml).toBe(
      '<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><UserName>bob</UserName><CreateDate>2026-12-01T12:00:00Z</CreateDate></User></GetUserResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetUserResponse>',
    );
    expect(checkWellFormed(xml)).toEqual(["GetUserResponse", "GetUserResult", "User", "UserName", "CreateDate", "ResponseMetadata", "RequestId"]);
  });

  it("uses STS's namespace for STS, and leaves Result out for actions without output", () => {
    expect(queryResponse("sts", "GetCallerIdentity", { Account: "123456789012" }, "r")).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
    expect(queryResponse("iam", "DeleteUser", undefined, "r")).toBe(
      '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>',
    );
  });

  it("writes lists as <member> elements, Tags as Key/Value members, an empty list as an empty element", () => {
    expect(writeElement("Tags", [{ Key: "team", Value: "a" }, { Key: "cost", Value: "" }])).toBe(
      "<Tags><member><Key>team</Key><Value>a</Value></member><member><Key>cost</Key><Value></Value></member></Tags>",
    );
    expect(writeElement("ClientIDList", ["a", "b"])).toBe("<ClientIDList><member>a</member><member>b</member></ClientIDList>");
    expect(writeElement("Users", [])).toBe("<Users/>");
    expect(writeElement("SummaryMap", XmlMap.of({ Users: 3, Groups: 0 }))).toBe(
      "<SummaryMap><entry><key>Users</key><value>3</value></entry><entry><key>Groups</key><value>0</value></entry></SummaryMap>",
    );
  });

  it("writes booleans as true/false, numbers as digits, dates in whole seconds, and leaves unset members out", () => {
    expect(writeElement("IsTruncated", false)).toBe("<IsTruncated>false</IsTruncated>");
    expect(writeElement("MaxSessionDuration", 3600)).toBe("<MaxSessionDuration>3600</MaxSessionDuration>");
    expect(awsDate(new Date("2026-12-01T12:00:00.987Z"))).toBe("2026-12-01T12:00:00Z");
    expect(writeElement("Marker", undefined)).toBe("");
    expect(writeElement("User", { UserName: "a", PasswordLastUsed: undefined, PermissionsBoundary: null })).toBe("<User><UserName>a</UserName></User>");
    expect(() => awsDate(new Date("nope"))).toThrow(TypeError);
    expect(() => writeElement("N", Number.NaN)).toThrow(TypeError);
  });

  it("escapes & < > \" ' and carriage returns, and replaces characters XML cannot hold", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
    expect(escapeXml("line\r\nnext\u0001")).toBe("line&#xD;\nnext\uFFFD");
    const xml = queryResponse("iam", "GetUser", { User: { UserName: `</UserName><Evil>` } }, `"r&'`);
    expect(checkWellFormed(xml)).not.toContain("Evil");
  });

  it("URL-encodes policy documents, as AWS does, wherever they appear", () => {
    const document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a b/&<*"}]}';
    const xml = writeElement("PolicyVersion", { Document: document, VersionId: "v1" });
    expect(xml).toBe(`<PolicyVersion><Document>${encodeURIComponent(document)}</Document><VersionId>v1</VersionId></PolicyVersion>`);
    expect(writeElement("Role", { AssumeRolePolicyDocument: "{ }" })).toBe("<Role><AssumeRolePolicyDocument>%7B%20%7D</AssumeRolePolicyDocument></Role>");
    expect(writeElement("UserPolicyList", [{ PolicyName: "p", PolicyDocument: "{}" }])).toBe(
      "<UserPolicyList><member><PolicyName>p</PolicyName><PolicyDocument>%7B%7D</PolicyDocument></member></UserPolicyList>",
    );
    // Other fields are not encoded.
    expect(writeElement("Description", "{ }")).toBe("<Description>{ }</Description>");
  });

  it("refuses element names that are not names (a programming error, never request data)", () => {
    expect(() => writeElement("a b", "x")).toThrow(TypeError);
    expect(() => queryResponse("iam", "Get<User", undefined, "r")).toThrow(TypeError);
  });
});

describe("the real SDK reads what we write", () => {
  const ok = (action: string, result: XmlStruct | undefined, service: "iam" | "sts" = "iam") => () => ({
    status: 200,
    body: queryResponse(service, action, result, "req-42"),
    headers: { "x-amzn-requestid": "req-42" },
  });

  it("CreateUser: a user with tags, dates and escaped text", async () => {
    const { client } = iamClient(
      ok("CreateUser", {
        User: {
          Path: "/",
          UserName: "a&b",
          UserId: "AIDAEXAMPLE",
          Arn: "arn:aws:iam::123456789012:user/a&b",
          CreateDate: CREATED,
          Tags: [{ Key: "team", Value: `<"platform's">` }],
        },
      }),
    );
    const out = await client.send(new CreateUserCommand({ UserName: "a&b", Tags: [{ Key: "team", Value: `<"platform's">` }] }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toBe("req-42");
    expect(out.User).toEqual({
      Path: "/",
      UserName: "a&b",
      UserId: "AIDAEXAMPLE",
      Arn: "arn:aws:iam::123456789012:user/a&b",
      CreateDate: CREATED,
      Tags: [{ Key: "team", Value: `<"platform's">` }],
    });
  });

  it("GetPolicyVersion and GetRole: the SDK hands documents back raw, decodeURIComponent restores them", async () => {
    const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "a b", Effect: "Allow", Action: ["iam:*"], Resource: "arn:aws:iam::*:user/x+y%z&<>" }] }, null, 2);
    const version = iamClient(ok("GetPolicyVersion", { PolicyVersion: { Document: document, VersionId: "v2", IsDefaultVersion: true, CreateDate: CREATED } }));
    const out = await version.client.send(new GetPolicyVersionCommand({ PolicyArn: "arn:aws:iam::123456789012:policy/p", VersionId: "v2" }));
    expect(out.PolicyVersion!.Document).toBe(encodeURIComponent(document));
    expect(decodeURIComponent(out.PolicyVersion!.Document!)).toBe(document);
    expect(out.PolicyVersion!.IsDefaultVersion).toBe(true);

    const role = iamClient(ok("GetRole", { Role: { RoleName: "r", AssumeRolePolicyDocument: document, MaxSessionDuration: 3600 } }));
    const got = await role.client.send(new GetRoleCommand({ RoleName: "r" }));
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toBe(document);
    expect(got.Role!.MaxSessionDuration).toBe(3600);
  });

  it("ListUsers: an empty list, a single member, IsTruncated and Marker", async () => {
    const empty = iamClient(ok("ListUsers", { Users: [], IsTruncated: false }));
    expect(await empty.client.send(new ListUsersCommand({}))).toMatchObject({ Users: [], IsTruncated: false });

    const one = iamClient(ok("ListUsers", { Users: [{ UserName: "only", CreateDate: CREATED }], IsTruncated: true, Marker: "bWFya2Vy" }));
    const out = await one.client.send(new ListUsersCommand({ MaxItems: 1 }));
    expect(out.Users).toEqual([{ UserName: "only", CreateDate: CREATED }]);
    expect(out.IsTruncated).toBe(true);
    expect(out.Marker).toBe("bWFya2Vy");
  });

  it("DeleteUser with no Result, GetAccountSummary's map, and STS in its own namespace", async () => {
    const del = iamClient(ok("DeleteUser", undefined));
    expect((await del.client.send(new DeleteUserCommand({ UserName: "a" }))).$metadata.httpStatusCode).toBe(200);

    const summary = iamClient(ok("GetAccountSummary", { SummaryMap: XmlMap.of({ Users: 5000, AccessKeysPerUserQuota: 2 }) }));
    expect((await summary.client.send(new GetAccountSummaryCommand({}))).SummaryMap).toEqual({ Users: 5000, AccessKeysPerUserQuota: 2 });

    const sts = stsClient(ok("GetCallerIdentity", { UserId: "AIDAEXAMPLE", Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/bob" }, "sts"));
    expect(await sts.client.send(new GetCallerIdentityCommand({}))).toMatchObject({ UserId: "AIDAEXAMPLE", Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/bob" });
  });
});
