import { describe, expect, it } from "vitest";
import { accessLevelOf, groupActionsByAccessLevel } from "@/lib/catalog/accessLevels";
import { listServices, loadServiceCatalog } from "@/lib/catalog/serviceCatalog";
import { resourceTypesFor } from "@/components/policyEditor/ResourceEditor";

describe("access levels", () => {
  it("files combined levels under the more specific one", () => {
    expect(accessLevelOf("Permissions management, Write")).toBe("Permissions management");
    expect(accessLevelOf("Tagging, Write")).toBe("Tagging");
    expect(accessLevelOf("List")).toBe("List");
  });
});

describe("the service catalog", () => {
  it("lists services with their AWS names", async () => {
    const services = await listServices();
    expect(services.length).toBeGreaterThan(300);
    expect(services.find((s) => s.key === "iam")?.name).toMatch(/Identity and Access Management/);
    expect(services.map((s) => s.key)).toEqual([...services.map((s) => s.key)].sort((a, b) => a.localeCompare(b)));
  });

  it("groups IAM actions by access level in console order", async () => {
    const iam = await loadServiceCatalog("iam");
    const groups = groupActionsByAccessLevel(iam?.actions ?? []);
    expect(groups.map((g) => g.level)).toEqual(["List", "Read", "Write", "Permissions management", "Tagging"]);
    const levelOf = (name: string) => groups.find((g) => g.actions.some((a) => a.name === name))?.level;
    expect(levelOf("ListUsers")).toBe("List");
    expect(levelOf("GetUser")).toBe("Read");
    expect(levelOf("CreateUser")).toBe("Write");
    expect(levelOf("AttachUserPolicy")).toBe("Permissions management");
    expect(levelOf("TagUser")).toBe("Tagging");
    const names = groups[0]?.actions.map((a) => a.name) ?? [];
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it("gives S3 actions their resource types and ARN templates", async () => {
    const s3 = await loadServiceCatalog("S3");
    expect(s3?.key).toBe("s3");
    expect(s3?.actions.find((a) => a.name === "GetObject")).toMatchObject({ accessLevel: "Read", resourceTypes: expect.arrayContaining([expect.objectContaining({ name: "object" })]) });
    expect(s3?.actions.find((a) => a.name === "PutBucketPolicy")?.accessLevel).toBe("Permissions management");
    expect(s3?.resourceTypes.find((t) => t.key === "bucket")?.arn).toBe("arn:${Partition}:s3:::${BucketName}");
    const types = resourceTypesFor(s3!, ["GetObject", "ListBucket"]).map((t) => t.key);
    expect(types).toEqual(expect.arrayContaining(["bucket", "object"]));
    expect(types).not.toContain("job");
  });

  it("offers the service's condition keys and the global ones", async () => {
    const s3 = await loadServiceCatalog("s3");
    const keys = s3?.conditionKeys.map((k) => k.key) ?? [];
    expect(keys).toContain("s3:prefix");
    expect(keys).toContain("aws:SourceIp");
    expect(keys).toContain("aws:MultiFactorAuthPresent");
  });

  it("returns nothing for an unknown or malformed service", async () => {
    expect(await loadServiceCatalog("no-such-service")).toBeUndefined();
    expect(await loadServiceCatalog("../etc")).toBeUndefined();
  });
});
