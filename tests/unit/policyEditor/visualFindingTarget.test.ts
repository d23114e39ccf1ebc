import { describe, expect, it } from "vitest";
import { validatePolicy, type Finding } from "@/lib/policy";
import { visualFindingTarget } from "@/components/policyEditor/visualFindingTarget";

const finding = (path: string): Finding => ({ severity: "error", code: "X", message: "x", path, line: 7, column: 17 });

const DOCUMENT = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "iam:ListUsers", Resource: "*" },
    { Sid: "AllowS3", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket" },
  ],
};

describe("visualFindingTarget", () => {
  it("names the statement by number and Sid, and the field, instead of the hidden JSON's line", () => {
    expect(visualFindingTarget(finding("Statement[1].Resource"), DOCUMENT)).toEqual({ statementIndex: 1, field: "Resource", label: "Statement 2 (Sid AllowS3) · Resource" });
    expect(visualFindingTarget(finding("Statement[0].Action[2]"), DOCUMENT)).toEqual({ statementIndex: 0, field: "Action", label: "Statement 1 · Action" });
    expect(visualFindingTarget(finding("Statement[1].Condition.StringEquals.aws:username"), DOCUMENT).label).toBe("Statement 2 (Sid AllowS3) · Condition");
  });

  it("spells an element as IAM does, whatever case the author typed", () => {
    expect(visualFindingTarget(finding("Statement[0].resource"), DOCUMENT).field).toBe("Resource");
  });

  it("reads a single statement object as statement 1, and the whole statement without a field", () => {
    const single = { Version: "2012-10-17", Statement: { Sid: "Only", Effect: "Allow", Action: "s3:*", Resource: "*" } };
    expect(visualFindingTarget(finding("Statement.Effect"), single)).toEqual({ statementIndex: 0, field: "Effect", label: "Statement 1 (Sid Only) · Effect" });
    expect(visualFindingTarget(finding("Statement[1]"), DOCUMENT)).toEqual({ statementIndex: 1, field: undefined, label: "Statement 2 (Sid AllowS3)" });
  });

  it("names the policy for findings outside any statement", () => {
    expect(visualFindingTarget(finding("Version"), DOCUMENT)).toEqual({ label: "Policy · Version" });
    expect(visualFindingTarget(finding(""), DOCUMENT)).toEqual({ label: "Policy" });
    expect(visualFindingTarget(finding("Statement"), DOCUMENT)).toEqual({ label: "Policy · Statement" });
  });

  it("places the engine's own findings on the right card", () => {
    const text = JSON.stringify({ ...DOCUMENT, Statement: [DOCUMENT.Statement[0], { ...DOCUMENT.Statement[1], Resource: "arn:aws:s3:::bucket/*", Effect: "Alow" }] }, null, 2);
    const effect = validatePolicy(text).find((f) => f.code === "INVALID_EFFECT");
    expect(effect && visualFindingTarget(effect, JSON.parse(text)).label).toBe("Statement 2 (Sid AllowS3) · Effect");
  });
});
