// The door's own edges, with requests signed by the SDK's signer (@smithy/signature-v4) and sent
// with fetch, where the SDK itself would never send them: both endpoint paths, a GET with its
// parameters in the query string, an action sent to the other service's endpoint, and bodies the
// door must refuse with a client error rather than a 5xx, which the SDKs would retry.

import { beforeAll, describe, expect, it } from "vitest";
import { IAMClient } from "@aws-sdk/client-iam";
import { SignatureV4 } from "@smithy/signature-v4";
import { API_BASE_URL } from "./support/apiServer";
import { newApiAccount, type ApiAccount } from "./support/apiAccount";

const sha256 = new IAMClient({ region: "us-east-1" }).config.sha256;
const base = new URL(API_BASE_URL);

let account: ApiAccount;

interface Sent {
  readonly method?: "GET" | "POST";
  readonly path: string;
  readonly service?: "iam" | "sts";
  readonly body?: string;
  readonly query?: Record<string, string>;
  readonly contentType?: string;
}

async function send({ method = "POST", path, service = "iam", body = "", query = {}, contentType = "application/x-www-form-urlencoded; charset=utf-8" }: Sent) {
  const signer = new SignatureV4({ service, region: "us-east-1", credentials: account.rootKey, sha256, applyChecksum: false });
  const headers: Record<string, string> = { host: base.host };
  if (method === "POST") headers["content-type"] = contentType;
  const signed = await signer.sign({ method, protocol: "http:", hostname: base.hostname, port: Number(base.port), path, query, headers, body: method === "POST" ? body : undefined });
  const search = new URLSearchParams(query).toString().replace(/\+/g, "%20");
  const response = await fetch(`${API_BASE_URL}${path}${search ? `?${search}` : ""}`, { method, headers: signed.headers, body: method === "POST" ? body : undefined });
  const text = await response.text();
  return { status: response.status, text, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], requestId: response.headers.get("x-amzn-requestid") };
}

beforeAll(async () => {
  account = await newApiAccount("Door edges");
});

describe("the Query door", () => {
  it("answers at /iam and /iam/ alike (the SDKs send the slash, and the signature covers the path as sent)", async () => {
    for (const path of ["/iam", "/iam/"]) {
      const answer = await send({ path, body: "Action=ListUsers&Version=2010-05-08" });
      expect(answer.status, path).toBe(200);
      expect(answer.text).toMatch(/^<ListUsersResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><ListUsersResult><Users\/?>/);
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("reads a GET's parameters from its query string, as AWS's Query endpoints do", async () => {
    const answer = await send({ method: "GET", path: "/sts/", service: "sts", query: { Action: "GetCallerIdentity", Version: "2011-06-15" } });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`<Account>${account.accountId}</Account>`);
  });

  it("refuses an action of the other service, and the other service's version, with InvalidAction", async () => {
    const onSts = await send({ path: "/sts/", service: "sts", body: "Action=ListUsers&Version=2010-05-08" });
    expect([onSts.status, onSts.code]).toEqual([400, "InvalidAction"]);
    const wrongVersion = await send({ path: "/iam/", body: "Action=ListUsers&Version=2011-06-15" });
    expect([wrongVersion.status, wrongVersion.code]).toEqual([400, "InvalidAction"]);
    expect(wrongVersion.text).toContain("Could not find operation ListUsers for version 2011-06-15");
  });

  it("refuses a request signed for the other service", async () => {
    const answer = await send({ path: "/iam/", service: "sts", body: "Action=ListUsers&Version=2010-05-08" });
    expect(answer.status).toBe(403);
    expect(answer.code).toMatch(/^(SignatureDoesNotMatch|IncompleteSignature)$/);
  });

  it("answers a body that is not a form, too large, or badly escaped with a 4xx sentence, never a 5xx", async () => {
    const json = await send({ path: "/iam/", body: JSON.stringify({ Action: "ListUsers" }), contentType: "application/json" });
    expect([json.status, json.code]).toEqual([400, "ValidationError"]);
    const huge = await send({ path: "/iam/", body: `Action=ListUsers&Version=2010-05-08&Padding=${"x".repeat(300 * 1024)}` });
    expect([huge.status, huge.code]).toEqual([400, "ValidationError"]);
    expect(huge.text).toContain("larger than the 256 KiB");
    const escaped = await send({ path: "/iam/", body: "Action=ListUsers&Version=2010-05-08&UserName=%E0%A4%A" });
    expect(escaped.status).toBeLessThan(500);
    expect(escaped.code).toBe("MalformedQueryString");
  });

  it("names a missing Action", async () => {
    const answer = await send({ path: "/iam/", body: "Version=2010-05-08" });
    expect([answer.status, answer.code]).toEqual([400, "MissingAction"]);
  });
});
