// The AWS CLI against Portcullis: Debian's AWS CLI v2 (botocore, not the JS SDK), so a wire detail
// that only one client relies on still gets caught. The CLI is a different client in every way
// that matters on the wire: it signs fewer headers, writes spaces as "+" with a charset in the
// Content-Type, pages by itself with Marker, and decodes URL-encoded policy documents.
//
// Every call runs with an empty HOME and config files, so the machine's own AWS configuration never
// leaks in, and with one attempt, so a 5xx is not hidden by the CLI's retries. Each call costs about
// a second of Python start-up: the file keeps to a core set of calls.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IAM_ENDPOINT, STS_ENDPOINT, newApiAccount, type ApiAccount, type Credentials } from "./support/apiAccount";

/** Debian's AWS CLI v2; the `aws` on PATH may be another one (a v1 from pip). */
const AWS_CLI = process.env.AWS_CLI ?? "/usr/bin/aws";

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let home: string;
let account: ApiAccount;

/** Runs the CLI with only what the test gives it: the environment is built, not inherited. */
function run(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliResult> {
  const environment: Record<string, string> = {
    PATH: "/usr/bin:/bin",
    LANG: "C.UTF-8",
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
    AWS_PAGER: "",
    AWS_MAX_ATTEMPTS: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    ...env,
  };
  return new Promise((resolve, reject) => {
    execFile(
      AWS_CLI,
      [...args, "--output", "json"],
      // Next's types make NODE_ENV a required variable; the CLI has no use for it.
      { env: environment as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

function keyEnv(credentials: Credentials, region = "us-east-1"): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
  };
}

/** `aws iam …` or `aws sts …` as `credentials`, at Portcullis's endpoint for that service. */
function aws(args: readonly string[], credentials: Credentials, region?: string): Promise<CliResult> {
  const endpoint = args[0] === "sts" ? STS_ENDPOINT : IAM_ENDPOINT;
  return run([...args, "--endpoint-url", endpoint], keyEnv(credentials, region));
}

/** A call that must succeed: its JSON output, or the CLI's stderr in the failure. */
async function awsJson<T = Record<string, unknown>>(args: readonly string[], credentials: Credentials, region?: string): Promise<T> {
  const result = await aws(args, credentials, region);
  if (result.code !== 0) throw new Error(`aws ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
  return (result.stdout.trim() === "" ? {} : JSON.parse(result.stdout)) as T;
}

function tempFile(name: string, content: string): string {
  const file = path.join(home, name);
  writeFileSync(file, content);
  return file;
}

interface User {
  readonly UserName: string;
  readonly Arn: string;
  readonly Path: string;
  readonly UserId: string;
}

const USER_NAMES = ["ana", "ben", "chloe", "deployer", "eve"];

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "portcullis-cli-"));
  account = await newApiAccount("CLI test account");
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe("the AWS CLI", () => {
  it("names the caller: sts get-caller-identity", async () => {
    const who = await awsJson(["sts", "get-caller-identity"], account.rootKey, "eu-west-3");
    expect(who).toMatchObject({ Account: account.accountId, Arn: `arn:aws:iam::${account.accountId}:root` });
  });

  it("creates, gets and lists users, paging with Marker by itself", async () => {
    for (const name of USER_NAMES) {
      const created = await awsJson<{ User: User }>(["iam", "create-user", "--user-name", name], account.rootKey);
      expect(created.User).toMatchObject({ UserName: name, Path: "/", Arn: `arn:aws:iam::${account.accountId}:user/${name}` });
    }
    const got = await awsJson<{ User: User }>(["iam", "get-user", "--user-name", "chloe"], account.rootKey);
    expect(got.User).toMatchObject({ UserName: "chloe", Arn: `arn:aws:iam::${account.accountId}:user/chloe` });
    expect(got.User.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);

    // --page-size 2: three requests, each after the first sending the Marker the previous answer
    // returned, merged into one answer with all five. A server that ignored MaxItems would answer in
    // one request and the merged list would look the same, so --debug shows what went on the wire.
    const paged = await aws(["iam", "list-users", "--page-size", "2", "--debug"], account.rootKey);
    expect(paged.code, paged.stderr.slice(-2000)).toBe(0);
    const all = JSON.parse(paged.stdout) as { Users: User[]; Marker?: string };
    expect(all.Users.map((user) => user.UserName).sort()).toEqual(USER_NAMES);
    expect(all.Marker).toBeUndefined();
    const requests = [...paged.stderr.matchAll(/OperationModel\(name=ListUsers\) with params: .*'body': (\{[^}]*\})/g)].map((match) => match[1]);
    expect(requests).toHaveLength(3);
    const answeredMarkers = [...paged.stderr.matchAll(/<Marker>([^<]+)<\/Marker>/g)].map((match) => match[1]);
    expect(answeredMarkers).toHaveLength(2);
    expect(requests[0]).not.toContain("Marker");
    expect(requests[1]).toContain(`'Marker': '${answeredMarkers[0]}'`);
    expect(requests[2]).toContain(`'Marker': '${answeredMarkers[1]}'`);
    expect(paged.stderr.match(/<IsTruncated>(true|false)<\/IsTruncated>/g)).toEqual(["<IsTruncated>true</IsTruncated>", "<IsTruncated>true</IsTruncated>", "<IsTruncated>false</IsTruncated>"]);

    // --max-items 2: the CLI stops early and hands back a NextToken, which resumes where it stopped.
    const first = await awsJson<{ Users: User[]; NextToken?: string }>(["iam", "list-users", "--max-items", "2"], account.rootKey);
    expect(first.Users).toHaveLength(2);
    expect(first.NextToken).toEqual(expect.any(String));
    const rest = await awsJson<{ Users: User[]; NextToken?: string }>(
      ["iam", "list-users", "--max-items", "3", "--starting-token", first.NextToken ?? ""],
      account.rootKey,
    );
    expect(rest.NextToken).toBeUndefined();
    expect([...first.Users, ...rest.Users].map((user) => user.UserName).sort()).toEqual(USER_NAMES);
  });

  it("creates a policy from file:// and decodes its document from get-policy-version", async () => {
    const document = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadTheBucket",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: ["arn:aws:s3:::web-assets", "arn:aws:s3:::web-assets/*"],
          // A literal "%2B", a "+" and non-ASCII text: they survive only if the server URL-encodes
          // the document (UTF-8) and the CLI decodes it; a raw document would come back altered.
          Condition: { StringLike: { "s3:prefix": ["équipe web/100%2B ops+dev/*"] } },
        },
      ],
    };
    const file = tempFile("read-web-assets.json", JSON.stringify(document, null, 2));
    const created = await awsJson<{ Policy: { Arn: string; DefaultVersionId: string; PolicyName: string } }>(
      ["iam", "create-policy", "--policy-name", "ReadWebAssets", "--policy-document", `file://${file}`],
      account.rootKey,
    );
    expect(created.Policy).toMatchObject({ PolicyName: "ReadWebAssets", Arn: `arn:aws:iam::${account.accountId}:policy/ReadWebAssets`, DefaultVersionId: "v1" });

    const version = await awsJson<{ PolicyVersion: { Document: unknown; VersionId: string; IsDefaultVersion: boolean } }>(
      ["iam", "get-policy-version", "--policy-arn", created.Policy.Arn, "--version-id", "v1"],
      account.rootKey,
    );
    // The CLI URL-decodes and parses the document, as it does against AWS: an object, not a string.
    expect(version.PolicyVersion).toMatchObject({ VersionId: "v1", IsDefaultVersion: true });
    expect(version.PolicyVersion.Document).toEqual(document);
  });

  it("exits 254 and names NoSuchEntity for a missing user", async () => {
    const result = await aws(["iam", "get-user", "--user-name", "nobody"], account.rootKey);
    expect(result.code).toBe(254);
    expect(result.stderr).toContain("(NoSuchEntity)");
    expect(result.stderr).toContain("nobody");
  });

  it("keeps spaces in a value: the CLI's '+' and charset round-trip", async () => {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole" }] };
    const created = await awsJson<{ Role: { Description?: string; Arn: string } }>(
      ["iam", "create-role", "--role-name", "web-deploy", "--description", "Deploys the web tier", "--assume-role-policy-document", JSON.stringify(trust)],
      account.rootKey,
    );
    expect(created.Role.Description).toBe("Deploys the web tier");
    const got = await awsJson<{ Role: { Description?: string; AssumeRolePolicyDocument: unknown } }>(["iam", "get-role", "--role-name", "web-deploy"], account.rootKey);
    expect(got.Role.Description).toBe("Deploys the web tier");
    expect(got.Role.AssumeRolePolicyDocument).toEqual(trust);
  });

  it("assumes a role as an IAM user and calls with the session's credentials", async () => {
    // Root cannot assume a role in AWS, so an administrator user does, set up through the CLI itself.
    await awsJson(["iam", "attach-user-policy", "--user-name", "deployer", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"], account.rootKey);
    const key = await awsJson<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(["iam", "create-access-key", "--user-name", "deployer"], account.rootKey);
    const deployer: Credentials = { accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey };

    const roleArn = `arn:aws:iam::${account.accountId}:role/web-deploy`;
    const assumed = await awsJson<{
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
      AssumedRoleUser: { Arn: string; AssumedRoleId: string };
    }>(["sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "release-42"], deployer);
    const sessionArn = `arn:aws:sts::${account.accountId}:assumed-role/web-deploy/release-42`;
    expect(assumed.AssumedRoleUser.Arn).toBe(sessionArn);
    expect(assumed.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(Date.parse(assumed.Credentials.Expiration)).toBeGreaterThan(Date.now());

    const session: Credentials = {
      accessKeyId: assumed.Credentials.AccessKeyId,
      secretAccessKey: assumed.Credentials.SecretAccessKey,
      sessionToken: assumed.Credentials.SessionToken,
    };
    const who = await awsJson(["sts", "get-caller-identity"], session);
    expect(who).toMatchObject({ Account: account.accountId, Arn: sessionArn });
    // The role has no permissions of its own: the session is denied, with AWS's sentence naming it.
    const denied = await aws(["iam", "list-roles"], session);
    expect(denied.code).toBe(254);
    expect(denied.stderr).toContain("(AccessDenied)");
    expect(denied.stderr).toContain(`${sessionArn} is not authorized to perform: iam:ListRoles`);

    await awsJson(["iam", "attach-role-policy", "--role-name", "web-deploy", "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"], account.rootKey);
    const roles = await awsJson<{ Roles: { RoleName: string; Arn: string }[] }>(["iam", "list-roles"], session);
    expect(roles.Roles.map((role) => role.Arn)).toEqual([roleArn]);
  });

  it("refuses a wrong secret with SignatureDoesNotMatch", async () => {
    const result = await aws(["iam", "get-user"], { accessKeyId: account.rootKey.accessKeyId, secretAccessKey: "not-the-secret-of-this-key-0000000000000" });
    expect(result.code).toBe(254);
    expect(result.stderr).toContain("(SignatureDoesNotMatch)");
  });

  it("works through a named profile in the config files", async () => {
    // CLI 2.9 does not read endpoint_url from a profile (that came in 2.13): the endpoint stays on
    // the command line, while the region and the keys come from the files.
    const profileKey = await awsJson<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(["iam", "create-access-key", "--user-name", "ana"], account.rootKey);
    const profileDir = mkdtempSync(path.join(home, "profile-"));
    const config = path.join(profileDir, "config");
    const credentials = path.join(profileDir, "credentials");
    writeFileSync(config, "[profile portcullis]\nregion = ap-southeast-2\noutput = json\n");
    writeFileSync(credentials, `[portcullis]\naws_access_key_id = ${profileKey.AccessKey.AccessKeyId}\naws_secret_access_key = ${profileKey.AccessKey.SecretAccessKey}\n`);
    const files = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };

    const who = await run(["sts", "get-caller-identity", "--profile", "portcullis", "--endpoint-url", STS_ENDPOINT], files);
    expect(who.stderr).toBe("");
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: account.accountId, Arn: `arn:aws:iam::${account.accountId}:user/ana` });

    // The key's last use records the region the profile signed with: the config file was read.
    const lastUsed = await awsJson(["iam", "get-access-key-last-used", "--access-key-id", profileKey.AccessKey.AccessKeyId], account.rootKey);
    expect(lastUsed).toMatchObject({ UserName: "ana", AccessKeyLastUsed: { ServiceName: "sts", Region: "ap-southeast-2" } });
  });
});
