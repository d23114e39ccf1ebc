// SigV4 verification (lib/auth/sigv4), pure: requests signed by the AWS SDK itself and by the SDK's
// signer (@smithy/signature-v4) shaped as the AWS CLI sends them, verified with an in-memory key
// lookup. Each signed part is then tampered with in turn, and must fail as SignatureDoesNotMatch;
// the clock-skew window, malformed Authorization headers and unsigned requests get AWS's codes and
// messages. Expectations come from AWS's SigV4 documentation and its error wording, not the code.

import { CreateUserCommand, GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { parseAuthorization } from "@/lib/auth/sigv4/authorization";
import { canonicalQuery, canonicalRequest, canonicalUri, sha256Hex, signature, signingKey, stringToSign, type SignableRequest } from "@/lib/auth/sigv4/canonicalRequest";
import { verifySignedRequest, type SecretLookup, type SecretLookupRequest } from "@/lib/auth/sigv4/verify";
import { cliSigned, sdkSigned, withHeaders, type TestCredentials } from "../../support/sigv4Clients";

const KEY: TestCredentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const SESSION: TestCredentials = { accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", sessionToken: "session-token-of-this-test" };
const SECRETS = new Map([KEY, SESSION].map((c) => [c.accessKeyId, c.secretAccessKey]));

/** An in-memory key store that records what it was asked. */
function keyStore() {
  const calls: { accessKeyId: string; request: SecretLookupRequest }[] = [];
  const lookup: SecretLookup<{ owner: string }> = async (accessKeyId, request) => {
    calls.push({ accessKeyId, request });
    const secretAccessKey = SECRETS.get(accessKeyId);
    return secretAccessKey ? { ok: true, secretAccessKey, credential: { owner: `owner of ${accessKeyId}` } } : { ok: false, code: "InvalidClientTokenId" };
  };
  return { lookup, calls };
}

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

async function expectError(request: SignableRequest, code: string, message?: string | RegExp, options: Parameters<typeof verifySignedRequest>[2] = {}) {
  const result = await verifySignedRequest(request, keyStore().lookup, options);
  expect(result.ok, `expected ${code}`).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (message !== undefined) expect(result.error.message).toMatch(message);
}

async function expectVerified(request: SignableRequest, options: Parameters<typeof verifySignedRequest>[2] = {}) {
  const result = await verifySignedRequest(request, keyStore().lookup, options);
  expect(result.ok, result.ok ? "" : `${result.error.code}: ${result.error.message}`).toBe(true);
  return result.ok ? result.value : undefined!;
}

const signedHeaderList = (request: SignableRequest) => /SignedHeaders=([^,]+)/.exec(String((request.headers as Record<string, string>).authorization))![1]!.split(";");

describe("SigV4 arithmetic, step by step, against the SDK's signer", () => {
  it("builds the canonical request, string to sign, signing key and signature that @smithy/signature-v4 signs with", async () => {
    // The shape of AWS's test-suite case get-vanilla: GET / on example.amazon.com, service "service".
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const signer = new SignatureV4({ service: "service", region: "us-east-1", credentials, sha256: new IAMClient({ region: "us-east-1" }).config.sha256, applyChecksum: false });
    const signed = await signer.sign(
      { method: "GET", protocol: "https:", hostname: "example.amazon.com", path: "/", query: {}, headers: { host: "example.amazon.com" } },
      { signingDate: new Date("2015-08-30T12:36:00Z") },
    );
    const sdkSignature = /Signature=([0-9a-f]{64})$/.exec(signed.headers.authorization!)![1];

    const request: SignableRequest = { method: "GET", path: "/", query: "", headers: { host: "example.amazon.com", "x-amz-date": "20150830T123600Z" }, body: "" };
    const scope = { date: "20150830", region: "us-east-1", service: "service" };
    const canonical = canonicalRequest(request, ["host", "x-amz-date"]);
    expect(canonical).toBe(
      "GET\n/\n\nhost:example.amazon.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    const toSign = stringToSign("20150830T123600Z", scope, canonical);
    expect(toSign).toBe(`AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n${sha256Hex(canonical)}`);
    expect(signature(signingKey(credentials.secretAccessKey, scope), toSign)).toBe(sdkSignature);
    expect(signature(signingKey(`${credentials.secretAccessKey}x`, scope), toSign)).not.toBe(sdkSignature);
  });

  it("encodes paths twice and sorts and re-encodes query parameters, as SigV4 specifies for every service but S3", () => {
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/sts/")).toBe("/sts/");
    expect(canonicalUri("/a b/./c/../d%20e")).toBe("/a%20b/d%2520e");
    expect(canonicalQuery("")).toBe("");
    expect(canonicalQuery("b=2&a=1&a=0&Name=&Flag")).toBe("Flag=&Name=&a=0&a=1&b=2");
    expect(canonicalQuery("x=a%20b&y=a+b&z=%7e*")).toBe("x=a%20b&y=a%20b&z=~%2A");
  });
});

describe("requests signed by the JavaScript SDK (its own header set)", () => {
  it("verifies an IAM request: the SDK's signed headers, a %20 body, whatever region it signed for", async () => {
    const request = await sdkSigned(new CreateUserCommand({ UserName: "a b+c", Path: "/x y/" }), KEY, { region: "eu-west-3" });
    expect(request.body).toContain("UserName=a%20b%2Bc");
    expect(signedHeaderList(request)).toEqual(expect.arrayContaining(["amz-sdk-invocation-id", "amz-sdk-request", "content-type", "host", "x-amz-content-sha256", "x-amz-date"]));

    const store = keyStore();
    const result = await verifySignedRequest(request, store.lookup);
    expect(result).toMatchObject({ ok: true, value: { accessKeyId: KEY.accessKeyId, region: "eu-west-3", service: "iam", credential: { owner: `owner of ${KEY.accessKeyId}` } } });
    expect(store.calls).toEqual([{ accessKeyId: KEY.accessKeyId, request: { sessionToken: undefined, now: expect.any(Date) } }]);
  });

  it("accepts any region in the scope, including ones AWS does not have", async () => {
    for (const region of ["us-east-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1", "portcullis-local-1"]) {
      const verified = await expectVerified(await sdkSigned(new GetUserCommand({ UserName: "alice" }), KEY, { region }));
      expect(verified.region).toBe(region);
    }
  });

  it("verifies an STS request with session credentials, handing the security token to the key lookup", async () => {
    const request = await sdkSigned(new GetCallerIdentityCommand({}), SESSION, { service: "sts", region: "ap-south-1" });
    expect(request.path).toBe("/sts/");
    expect(signedHeaderList(request)).toContain("x-amz-security-token");
    const store = keyStore();
    const result = await verifySignedRequest(request, store.lookup, { service: "sts" });
    expect(result).toMatchObject({ ok: true, value: { accessKeyId: SESSION.accessKeyId, service: "sts", region: "ap-south-1" } });
    expect(store.calls[0]!.request.sessionToken).toBe(SESSION.sessionToken);
  });

  it("refuses the signature when any signed header is changed, and ignores changes to headers the client did not sign", async () => {
    const request = await sdkSigned(new CreateUserCommand({ UserName: "alice" }), KEY);
    for (const name of signedHeaderList(request).filter((n) => n !== "x-amz-date")) {
      await expectError(withHeaders(request, { [name]: `${(request.headers as Record<string, string>)[name]}x` }), "SignatureDoesNotMatch", SIGNATURE_MISMATCH);
      await expectError(withHeaders(request, { [name]: undefined }), "SignatureDoesNotMatch");
    }
    await expectVerified(withHeaders(request, { "x-forwarded-for": "203.0.113.9", accept: "*/*" }));
  });
});

describe("requests signed as the AWS CLI signs them (content-type;host;x-amz-date)", () => {
  const at = new Date("2026-12-01T12:00:00Z");
  const body = "Action=CreateUser&Version=2010-05-08&UserName=a+b&Path=%2Fteam%20x%2F";

  it("verifies the CLI's three signed headers and its + encoding, the content-type's charset included", async () => {
    const request = await cliSigned(body, KEY, { region: "eu-central-1", signingDate: at });
    expect(signedHeaderList(request)).toEqual(["content-type", "host", "x-amz-date"]);
    expect((request.headers as Record<string, string>)["x-amz-content-sha256"]).toBeUndefined();
    const verified = await expectVerified(request, { now: at });
    expect(verified).toMatchObject({ region: "eu-central-1", service: "iam", signedHeaders: ["content-type", "host", "x-amz-date"], signedAt: at });
    // An unsigned header (the CLI does not sign its user agent) may change freely.
    await expectVerified(withHeaders(request, { "user-agent": "aws-cli/2.9.19 something-else" }), { now: at });
  });

  it("hashes the body exactly as received: the same form re-encoded (+ as %20) is another body", async () => {
    const request = await cliSigned(body, KEY, { signingDate: at });
    await expectError({ ...request, body: body.replace("a+b", "a%20b") }, "SignatureDoesNotMatch", SIGNATURE_MISMATCH, { now: at });
    await expectError({ ...request, body: `${body}&Extra=1` }, "SignatureDoesNotMatch", undefined, { now: at });
    await expectError({ ...request, body: "" }, "SignatureDoesNotMatch", undefined, { now: at });
    // Bytes or text, the same body verifies.
    await expectVerified({ ...request, body: Buffer.from(body, "utf8") }, { now: at });
  });

  it("never believes a client's x-amz-content-sha256: a signed claim that differs from the body fails", async () => {
    // The signer signs the claimed hash, not the body it is given; only the body whose hash was claimed verifies.
    const claimed = "Action=DeleteUser&UserName=admin";
    const request = await cliSigned(body, KEY, { signingDate: at, extraHeaders: { "X-Amz-Content-Sha256": sha256Hex(claimed) } });
    expect(signedHeaderList(request)).toContain("x-amz-content-sha256");
    await expectError(request, "SignatureDoesNotMatch", SIGNATURE_MISMATCH, { now: at });
    await expectVerified({ ...request, body: claimed }, { now: at });
  });

  it("refuses a changed method, path, query, timestamp, signature, key or secret", async () => {
    const request = await cliSigned(body, KEY, { signingDate: at });
    const headers = request.headers as Record<string, string>;
    const options = { now: at };
    await expectError({ ...request, method: "PUT" }, "SignatureDoesNotMatch", undefined, options);
    await expectError({ ...request, path: "/iam/" }, "SignatureDoesNotMatch", undefined, options);
    await expectError({ ...request, query: "Action=DeleteUser" }, "SignatureDoesNotMatch", undefined, options);
    await expectError(withHeaders(request, { "x-amz-date": "20261201T120001Z" }), "SignatureDoesNotMatch", undefined, options);
    const sig = /Signature=([0-9a-f]{64})/.exec(headers.authorization!)![1]!;
    const flipped = `${sig.slice(0, 63)}${sig.endsWith("0") ? "1" : "0"}`;
    await expectError(withHeaders(request, { authorization: headers.authorization!.replace(sig, flipped) }), "SignatureDoesNotMatch", SIGNATURE_MISMATCH, options);
    await expectError(withHeaders(request, { authorization: headers.authorization!.replace(sig, sig.slice(0, 40)) }), "SignatureDoesNotMatch", undefined, options);
    await expectError(withHeaders(request, { authorization: headers.authorization!.replace(KEY.accessKeyId, SESSION.accessKeyId) }), "SignatureDoesNotMatch", undefined, options);
    await expectError(await cliSigned(body, { ...KEY, secretAccessKey: `${KEY.secretAccessKey}x` }, { signingDate: at }), "SignatureDoesNotMatch", SIGNATURE_MISMATCH, options);
    // The region and service are part of the signing key: a scope rewritten after signing fails too.
    await expectError(withHeaders(request, { authorization: headers.authorization!.replace("/us-east-1/", "/us-west-2/") }), "SignatureDoesNotMatch", undefined, options);
  });

  it("canonicalises header values: trimmed, with runs of spaces collapsed, so a proxy's reformatting does not matter", async () => {
    const request = await cliSigned(body, KEY, { signingDate: at, extraHeaders: { "X-Portcullis-Note": "  two   spaces  here " } });
    await expectVerified(request, { now: at });
    await expectVerified(withHeaders(request, { "x-portcullis-note": "two spaces here" }), { now: at });
    await expectError(withHeaders(request, { "x-portcullis-note": "two spaces  there" }), "SignatureDoesNotMatch", undefined, { now: at });
  });

  it("verifies a path and a query string the client signed, encoded as SigV4 encodes them", async () => {
    const request = await cliSigned("", KEY, { signingDate: at, path: "/api/v1/" });
    await expectVerified(request, { now: at });
    await expectError({ ...request, path: "/api/v2/" }, "SignatureDoesNotMatch", undefined, { now: at });
  });

  it("asks for the session token of ASIA credentials, and verifies the signature that covers it", async () => {
    const request = await cliSigned("Action=GetCallerIdentity&Version=2011-06-15", SESSION, { service: "sts", signingDate: at });
    expect(signedHeaderList(request)).toEqual(["content-type", "host", "x-amz-date", "x-amz-security-token"]);
    const store = keyStore();
    expect((await verifySignedRequest(request, store.lookup, { now: at, service: "sts" })).ok).toBe(true);
    expect(store.calls[0]!.request.sessionToken).toBe(SESSION.sessionToken);
  });
});

describe("the 15-minute clock-skew window", () => {
  const at = new Date("2026-12-01T12:00:00Z");
  const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

  it("accepts a request signed up to 15 minutes before or after the server's clock", async () => {
    const request = await cliSigned("Action=ListUsers&Version=2010-05-08", KEY, { signingDate: at });
    await expectVerified(request, { now: minutes(14) });
    await expectVerified(request, { now: minutes(-14) });
    await expectVerified(request, { now: minutes(15) });
  });

  it("answers RequestExpired, in AWS's words, 16 minutes either way, before any key is looked up", async () => {
    const request = await cliSigned("Action=ListUsers&Version=2010-05-08", KEY, { signingDate: at });
    await expectError(request, "RequestExpired", "Signature expired: 20261201T120000Z is now earlier than 20261201T120100Z (20261201T121600Z - 15 min.)", { now: minutes(16) });
    await expectError(request, "RequestExpired", "Signature not yet current: 20261201T120000Z is still later than 20261201T115900Z (20261201T114400Z + 15 min.)", { now: minutes(-16) });
    const store = keyStore();
    await verifySignedRequest(request, store.lookup, { now: minutes(16) });
    expect(store.calls).toEqual([]);
  });

  it("catches an SDK whose clock is 16 minutes off, and accepts it once corrected", async () => {
    const slow = await sdkSigned(new GetUserCommand({ UserName: "alice" }), KEY, { clockOffsetMs: -16 * 60_000 });
    await expectError(slow, "RequestExpired", /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
    const fast = await sdkSigned(new GetUserCommand({ UserName: "alice" }), KEY, { clockOffsetMs: 16 * 60_000 });
    await expectError(fast, "RequestExpired", /^Signature not yet current/);
    await expectVerified(await sdkSigned(new GetUserCommand({ UserName: "alice" }), KEY, { clockOffsetMs: -5 * 60_000 }));
  });

  it("reads the HTTP Date header when there is no X-Amz-Date, with the same window", async () => {
    const request = await cliSigned("Action=ListUsers&Version=2010-05-08", KEY, { signingDate: at });
    const dated = withHeaders(request, { "x-amz-date": undefined, date: at.toUTCString() });
    await expectError(dated, "RequestExpired", /^Signature expired: 20261201T120000Z/, { now: minutes(20) });
    // In the window the Date header's time is what was signed; here X-Amz-Date was signed, and is now gone.
    await expectError(dated, "SignatureDoesNotMatch", undefined, { now: at });
  });

  it("refuses a credential scope dated another day than the request", async () => {
    const request = await cliSigned("Action=ListUsers&Version=2010-05-08", KEY, { signingDate: at });
    const authorization = (request.headers as Record<string, string>).authorization!.replace("/20261201/", "/20261130/");
    await expectError(withHeaders(request, { authorization }), "SignatureDoesNotMatch", /^Date in Credential scope does not match YYYYMMDD .*'20261130' != '20261201'/, { now: at });
  });
});

describe("unsigned and malformed requests", () => {
  const at = new Date("2026-12-01T12:00:00Z");
  async function withAuthorization(authorization: string | undefined) {
    const request = await cliSigned("Action=ListUsers&Version=2010-05-08", KEY, { signingDate: at });
    return withHeaders(request, { authorization });
  }
  const good = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20261201/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${"0".repeat(64)}`;

  it("answers MissingAuthenticationToken to a request with no Authorization header", async () => {
    await expectError(await withAuthorization(undefined), "MissingAuthenticationToken", "Request is missing Authentication Token", { now: at });
    await expectError(await withAuthorization(""), "MissingAuthenticationToken", undefined, { now: at });
  });

  it("answers IncompleteSignature to an Authorization header that is not a complete SigV4 one", async () => {
    const cases: [string, string | RegExp][] = [
      ["Bearer abc.def", "Unsupported AWS 'algorithm': 'Bearer'."],
      ["AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=", "Unsupported AWS 'algorithm': 'AWS'."],
      ["AWS4-HMAC-SHA256", /^Authorization header requires 'Credential' parameter\. Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\. Authorization=AWS4-HMAC-SHA256$/],
      [good.replace(/, Signature=0+/, ""), /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/],
      [good.replace("Signature=", "Signature"), /not a valid key=value pair \(missing equal-sign\) in Authorization header/],
      [good.replace("/us-east-1/iam/aws4_request", "/us-east-1/iam"), /^Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got '/],
      [good.replace("aws4_request", "aws5_request"), "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'."],
      [good.replace("/20261201/", "/2026-12-01/"), /^Invalid credential date/],
      [good.replace("SignedHeaders=content-type;host;x-amz-date", "SignedHeaders=content-type;x-amz-date"), "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."],
    ];
    for (const [header, message] of cases) await expectError(await withAuthorization(header), "IncompleteSignature", message, { now: at });
  });

  it("answers IncompleteSignature when the request carries no timestamp at all, or an unreadable one", async () => {
    const request = await cliSigned("Action=ListUsers&Version=2010-05-08", KEY, { signingDate: at });
    await expectError(withHeaders(request, { "x-amz-date": undefined }), "IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", { now: at });
    await expectError(withHeaders(request, { "x-amz-date": "2026-12-01T12:00:00Z" }), "IncompleteSignature", /^Invalid X-Amz-Date header/, { now: at });
    await expectError(withHeaders(request, { "x-amz-date": "20261341T120000Z" }), "IncompleteSignature", /^Invalid X-Amz-Date header/, { now: at });
  });

  it("refuses a scope for another service than IAM or STS, or than the endpoint's, as AWS does", async () => {
    const s3 = await cliSigned("Action=ListBuckets", KEY, { signingDate: at, service: "sts" });
    const authorization = (s3.headers as Record<string, string>).authorization!.replace("/sts/aws4_request", "/s3/aws4_request");
    await expectError(withHeaders(s3, { authorization }), "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam' or 'sts'. ", { now: at });
    await expectError(s3, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam'. ", { now: at, service: "iam" });
    await expectVerified(s3, { now: at, service: "sts" });
  });

  it("passes the key lookup's refusal on with AWS's message, and never computes a signature for an unknown key", async () => {
    const unknown = await cliSigned("Action=ListUsers&Version=2010-05-08", { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" }, { signingDate: at });
    await expectError(unknown, "InvalidClientTokenId", "The security token included in the request is invalid.", { now: at });
    const expired: SecretLookup<null> = async () => ({ ok: false, code: "ExpiredToken" });
    const result = await verifySignedRequest(unknown, expired, { now: at });
    expect(result).toEqual({ ok: false, error: { code: "ExpiredToken", message: "The security token included in the request is expired" } });
  });

  it("parses the SDK's and the CLI's Authorization headers into their parts", () => {
    const parsed = parseAuthorization(`${good.replace(/, /g, ",")}`);
    expect(parsed).toEqual({
      ok: true,
      value: { accessKeyId: KEY.accessKeyId, scope: { date: "20261201", region: "us-east-1", service: "iam" }, signedHeaders: ["content-type", "host", "x-amz-date"], signature: "0".repeat(64) },
    });
  });
});
