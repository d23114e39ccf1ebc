import { describe, expect, it } from "vitest";
import { BUILT_IN_POLICIES, awsManagedPolicyArn, ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";
import { validatePolicy } from "@/lib/policy";
import { db } from "./support/fixtures";

describe("AWS managed policies", () => {
  it("are valid identity policies", () => {
    for (const policy of BUILT_IN_POLICIES) {
      expect(validatePolicy(policy.document).filter((f) => f.severity === "error"), policy.name).toEqual([]);
    }
  });

  it("are created once, belong to no account, and are repaired if their document drifts", async () => {
    await ensureAwsManagedPolicies(db);
    await ensureAwsManagedPolicies(db);
    const rows = await db.managedPolicy.findMany({ where: { isAwsManaged: true }, include: { versions: true }, orderBy: { name: "asc" } });
    expect(rows.map((r) => r.arn)).toEqual(["AdministratorAccess", "ForceMFA-ManageOwnCredentials", "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword", "ReadOnlyAccess"].map(awsManagedPolicyArn));
    for (const row of rows) {
      expect(row).toMatchObject({ accountId: null, defaultVersionId: "v1", path: "/" });
      expect(row.id).toMatch(/^ANPA/);
      expect(row.versions).toHaveLength(1);
      expect(row.versions[0]).toMatchObject({ versionId: "v1", isDefault: true });
    }
    const readOnly = rows.find((r) => r.name === "IAMReadOnlyAccess")!;
    expect(readOnly.description).toBe("Provides read only access to IAM via the AWS Management Console.");
    expect(JSON.parse(readOnly.versions[0]!.document).Statement[0].Action).toContain("iam:List*");

    await db.policyVersion.updateMany({ where: { policyId: readOnly.id }, data: { document: '{"Version":"2012-10-17","Statement":[]}' } });
    await ensureAwsManagedPolicies(db);
    const repaired = await db.policyVersion.findFirstOrThrow({ where: { policyId: readOnly.id, versionId: "v1" } });
    expect(JSON.parse(repaired.document).Statement[0].Action).toContain("iam:Get*");
  });
});
