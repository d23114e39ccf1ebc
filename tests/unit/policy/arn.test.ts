import { describe, expect, it } from "vitest";
import {
  accountRootArn, assumedRoleArn, formatArn, groupArn, instanceProfileArn, mfaArn, parseArn, parseIamArn,
  policyArn, principalAccount, roleArn, userArn,
} from "@/lib/policy/arn";

const ACCT = "123456789012";

// IAM User Guide, "IAM identifiers › IAM ARNs".
describe("ARN helpers", () => {
  it("splits only the first five colons", () => {
    expect(parseArn("arn:aws:s3:::bucket/key:with:colons")).toEqual({
      partition: "aws", service: "s3", region: "", account: "", resource: "bucket/key:with:colons",
    });
    expect(formatArn(parseArn("arn:aws:iam::123456789012:user/a")!)).toBe("arn:aws:iam::123456789012:user/a");
    expect(parseArn("arn:aws:iam")).toBeUndefined();
    expect(parseArn("not-an-arn")).toBeUndefined();
  });

  it("formats every IAM resource type, with paths", () => {
    expect(userArn(ACCT, "alice")).toBe("arn:aws:iam::123456789012:user/alice");
    expect(userArn(ACCT, "alice", "/division/team/")).toBe("arn:aws:iam::123456789012:user/division/team/alice");
    expect(userArn(ACCT, "alice", "division")).toBe("arn:aws:iam::123456789012:user/division/alice");
    expect(groupArn(ACCT, "Admins")).toBe("arn:aws:iam::123456789012:group/Admins");
    expect(roleArn(ACCT, "Deploy", "/service/")).toBe("arn:aws:iam::123456789012:role/service/Deploy");
    expect(policyArn(ACCT, "ReadOnly")).toBe("arn:aws:iam::123456789012:policy/ReadOnly");
    expect(mfaArn(ACCT, "alice")).toBe("arn:aws:iam::123456789012:mfa/alice");
    expect(instanceProfileArn(ACCT, "web")).toBe("arn:aws:iam::123456789012:instance-profile/web");
    expect(accountRootArn(ACCT)).toBe("arn:aws:iam::123456789012:root");
    expect(assumedRoleArn(ACCT, "Deploy", "ci-42")).toBe("arn:aws:sts::123456789012:assumed-role/Deploy/ci-42");
  });

  it("reads IAM ARNs back, round-tripping paths and sessions", () => {
    expect(parseIamArn("arn:aws:iam::123456789012:user/division/team/alice")).toEqual({
      partition: "aws", account: ACCT, type: "user", path: "/division/team/", name: "alice",
    });
    expect(parseIamArn("arn:aws:sts::123456789012:assumed-role/Deploy/ci-42")).toMatchObject({
      type: "assumed-role", name: "Deploy", sessionName: "ci-42",
    });
    expect(parseIamArn("arn:aws:iam::123456789012:root")).toMatchObject({ type: "root" });
    expect(parseIamArn("arn:aws:iam::123456789012:widget/x")).toBeUndefined();
    expect(parseIamArn("arn:aws:iam::12345:user/x")).toBeUndefined();
    expect(parseIamArn("arn:aws:s3:::bucket")).toBeUndefined();
  });

  it("finds a principal's account", () => {
    expect(principalAccount("arn:aws:iam::123456789012:user/a")).toBe(ACCT);
    expect(principalAccount("123456789012")).toBe(ACCT);
    expect(principalAccount("ec2.amazonaws.com")).toBeUndefined();
  });
});
