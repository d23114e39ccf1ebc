// Every operation AWS paginates pages as AWS does: MaxItems and Marker in, IsTruncated (and Marker
// while another page follows) out. The test walks the registry: an operation whose input has
// MaxItems must have a scenario here (sample data with at least two items), and every List* (and
// the other operations AWS pages) must take MaxItems, so a List added without pagination fails.
// Each scenario walks the list one item a page and must find exactly the items of one large page,
// in the same order, with a Marker on every page but the last.

import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { execute } from "@/lib/iam/core/operation";
import { OPERATIONS } from "@/lib/iam/registry";
import { CreateAccountAlias } from "@/lib/iam/account/aliases";
import { CreateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { CreateVirtualMFADevice } from "@/lib/iam/credentials/mfa";
import { CreateGroup } from "@/lib/iam/groups/groups";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { AttachGroupPolicy, AttachRolePolicy, AttachUserPolicy } from "@/lib/iam/policies/attachments";
import { PutGroupPolicy, PutRolePolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import { CreatePolicy } from "@/lib/iam/policies/managed";
import { CreatePolicyVersion } from "@/lib/iam/policies/versions";
import { GenerateServiceLastAccessedDetails } from "@/lib/iam/reports/serviceLastAccessedJobs";
import { AssumeRole } from "@/lib/iam/roles/assumeRole";
import { CreateRole } from "@/lib/iam/roles/roles";
import { CreateUser } from "@/lib/iam/users/users";
import { createAccount, createUser, db, managed } from "./support/fixtures";

const DOC = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
const TRUST_ACCOUNT = (accountId: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }] });
const THREE = ["a-one", "b-two", "c-three"];
const MANAGED = ["IAMReadOnlyAccess", "ReadOnlyAccess", "AdministratorAccess"].map(managed);
const TAGS = THREE.map((Key) => ({ Key, Value: "v" }));
/** A policy granting one action of each of three services. */
const THREE_SERVICES = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:GetUser", "s3:GetObject", "sqs:SendMessage"], Resource: "*" }] });

type Output = Record<string, unknown>;
const names = (list: unknown, key: string) => (list as Record<string, string>[]).map((item) => item[key]!);

interface Scenario {
  /** Writes the sample data into a fresh account; returns the input of every page (without MaxItems/Marker), and the caller. */
  arrange(root: Caller, accountId: string): Promise<{ input: Record<string, unknown>; caller?: Caller }>;
  /** The page's items, as comparable strings. */
  items(output: Output): string[];
  /** How many items the sample data makes (at least 2, so a page of one is truncated; aliases: an account has one). */
  count: number;
}

const SCENARIOS: Record<string, Scenario> = {
  GetAccountAuthorizationDetails: {
    count: 3,
    arrange: async (root) => {
      for (const UserName of THREE) await execute(CreateUser, { UserName }, root);
      return { input: { Filter: ["User"] } };
    },
    items: (o) => names(o.UserDetailList, "UserName"),
  },
  ListAccountAliases: {
    count: 1,
    arrange: async (root, accountId) => {
      await execute(CreateAccountAlias, { AccountAlias: `paged-${accountId}` }, root);
      return { input: {} };
    },
    items: (o) => o.AccountAliases as string[],
  },
  ListUsers: {
    count: 3,
    arrange: async (root) => {
      for (const UserName of THREE) await execute(CreateUser, { UserName }, root);
      return { input: {} };
    },
    items: (o) => names(o.Users, "UserName"),
  },
  ListUserTags: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateUser, { UserName: "tagged", Tags: TAGS }, root);
      return { input: { UserName: "tagged" } };
    },
    items: (o) => names(o.Tags, "Key"),
  },
  ListAccessKeys: {
    count: 2,
    arrange: async (root) => {
      await execute(CreateUser, { UserName: "keyed" }, root);
      for (let i = 0; i < 2; i++) await execute(CreateAccessKey, { UserName: "keyed" }, root);
      return { input: { UserName: "keyed" } };
    },
    items: (o) => names(o.AccessKeyMetadata, "AccessKeyId"),
  },
  ListMFADevices: {
    count: 3,
    arrange: async (root, accountId) => {
      const user = await createUser(accountId, "enrolled");
      // Enabled devices straight in the database: enabling through EnableMFADevice needs live TOTP codes.
      for (const name of THREE) {
        await db.mfaDevice.create({ data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/${name}`, name, userId: user.userId, secretCiphertext: "sealed", enabledAt: new Date() } });
      }
      return { input: { UserName: "enrolled" } };
    },
    items: (o) => names(o.MFADevices, "SerialNumber"),
  },
  ListVirtualMFADevices: {
    count: 3,
    arrange: async (root, accountId) => {
      // CreateVirtualMFADevice keeps one unfinished enrollment per caller; the others are written directly.
      await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: THREE[0]! }, root);
      for (const name of THREE.slice(1)) {
        await db.mfaDevice.create({ data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/${name}`, name, secretCiphertext: "sealed" } });
      }
      return { input: {} };
    },
    items: (o) => names(o.VirtualMFADevices, "SerialNumber"),
  },
  ListGroups: {
    count: 3,
    arrange: async (root) => {
      for (const GroupName of THREE) await execute(CreateGroup, { GroupName }, root);
      return { input: {} };
    },
    items: (o) => names(o.Groups, "GroupName"),
  },
  GetGroup: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateGroup, { GroupName: "crowd" }, root);
      for (const UserName of THREE) {
        await execute(CreateUser, { UserName }, root);
        await execute(AddUserToGroup, { GroupName: "crowd", UserName }, root);
      }
      return { input: { GroupName: "crowd" } };
    },
    items: (o) => names(o.Users, "UserName"),
  },
  ListGroupsForUser: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateUser, { UserName: "joiner" }, root);
      for (const GroupName of THREE) {
        await execute(CreateGroup, { GroupName }, root);
        await execute(AddUserToGroup, { GroupName, UserName: "joiner" }, root);
      }
      return { input: { UserName: "joiner" } };
    },
    items: (o) => names(o.Groups, "GroupName"),
  },
  ListRoles: {
    count: 3,
    arrange: async (root, accountId) => {
      for (const RoleName of THREE) await execute(CreateRole, { RoleName, AssumeRolePolicyDocument: TRUST_ACCOUNT(accountId) }, root);
      return { input: {} };
    },
    items: (o) => names(o.Roles, "RoleName"),
  },
  ListRoleTags: {
    count: 3,
    arrange: async (root, accountId) => {
      await execute(CreateRole, { RoleName: "tagged", AssumeRolePolicyDocument: TRUST_ACCOUNT(accountId), Tags: TAGS }, root);
      return { input: { RoleName: "tagged" } };
    },
    items: (o) => names(o.Tags, "Key"),
  },
  ListRoleSessions: {
    count: 3,
    arrange: async (root, accountId) => {
      const role = (await execute(CreateRole, { RoleName: "assumed", AssumeRolePolicyDocument: TRUST_ACCOUNT(accountId) }, root)).Role;
      const user = await createUser(accountId, "assumer", { inline: { MayAssume: JSON.parse(DOC("sts:AssumeRole")) } });
      for (const RoleSessionName of THREE) await execute(AssumeRole, { RoleArn: role.Arn, RoleSessionName }, user);
      return { input: { RoleName: "assumed" } };
    },
    items: (o) => names(o.Sessions, "AccessKeyId"),
  },
  ListPolicies: {
    count: 3,
    arrange: async (root) => {
      for (const PolicyName of THREE) await execute(CreatePolicy, { PolicyName, PolicyDocument: DOC("iam:GetUser") }, root);
      return { input: { Scope: "Local" } };
    },
    items: (o) => names(o.Policies, "PolicyName"),
  },
  ListPolicyTags: {
    count: 3,
    arrange: async (root) => {
      await execute(CreatePolicy, { PolicyName: "tagged", PolicyDocument: DOC("iam:GetUser"), Tags: TAGS }, root);
      return { input: { PolicyArn: (await db.managedPolicy.findFirstOrThrow({ where: { accountId: root.accountId, name: "tagged" } })).arn } };
    },
    items: (o) => names(o.Tags, "Key"),
  },
  ListPolicyVersions: {
    count: 3,
    arrange: async (root) => {
      const { Policy } = await execute(CreatePolicy, { PolicyName: "versioned", PolicyDocument: DOC("iam:GetUser") }, root);
      for (const action of ["iam:ListUsers", "iam:ListRoles"]) await execute(CreatePolicyVersion, { PolicyArn: Policy.Arn, PolicyDocument: DOC(action) }, root);
      return { input: { PolicyArn: Policy.Arn } };
    },
    items: (o) => names(o.Versions, "VersionId"),
  },
  ListEntitiesForPolicy: {
    // Across the three lists: two users, a group and a role, so pages cross from one list to the next.
    count: 4,
    arrange: async (root, accountId) => {
      const PolicyArn = managed("ReadOnlyAccess");
      for (const UserName of ["u-one", "u-two"]) {
        await execute(CreateUser, { UserName }, root);
        await execute(AttachUserPolicy, { UserName, PolicyArn }, root);
      }
      await execute(CreateGroup, { GroupName: "g-one" }, root);
      await execute(AttachGroupPolicy, { GroupName: "g-one", PolicyArn }, root);
      await execute(CreateRole, { RoleName: "r-one", AssumeRolePolicyDocument: TRUST_ACCOUNT(accountId) }, root);
      await execute(AttachRolePolicy, { RoleName: "r-one", PolicyArn }, root);
      return { input: { PolicyArn } };
    },
    items: (o) => [...names(o.PolicyUsers, "UserName"), ...names(o.PolicyGroups, "GroupName"), ...names(o.PolicyRoles, "RoleName")],
  },
  ListAttachedUserPolicies: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateUser, { UserName: "holder" }, root);
      for (const PolicyArn of MANAGED) await execute(AttachUserPolicy, { UserName: "holder", PolicyArn }, root);
      return { input: { UserName: "holder" } };
    },
    items: (o) => names(o.AttachedPolicies, "PolicyArn"),
  },
  ListAttachedGroupPolicies: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateGroup, { GroupName: "holder" }, root);
      for (const PolicyArn of MANAGED) await execute(AttachGroupPolicy, { GroupName: "holder", PolicyArn }, root);
      return { input: { GroupName: "holder" } };
    },
    items: (o) => names(o.AttachedPolicies, "PolicyArn"),
  },
  ListAttachedRolePolicies: {
    count: 3,
    arrange: async (root, accountId) => {
      await execute(CreateRole, { RoleName: "holder", AssumeRolePolicyDocument: TRUST_ACCOUNT(accountId) }, root);
      for (const PolicyArn of MANAGED) await execute(AttachRolePolicy, { RoleName: "holder", PolicyArn }, root);
      return { input: { RoleName: "holder" } };
    },
    items: (o) => names(o.AttachedPolicies, "PolicyArn"),
  },
  ListUserPolicies: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateUser, { UserName: "inline" }, root);
      for (const PolicyName of THREE) await execute(PutUserPolicy, { UserName: "inline", PolicyName, PolicyDocument: DOC("iam:GetUser") }, root);
      return { input: { UserName: "inline" } };
    },
    items: (o) => o.PolicyNames as string[],
  },
  ListGroupPolicies: {
    count: 3,
    arrange: async (root) => {
      await execute(CreateGroup, { GroupName: "inline" }, root);
      for (const PolicyName of THREE) await execute(PutGroupPolicy, { GroupName: "inline", PolicyName, PolicyDocument: DOC("iam:GetUser") }, root);
      return { input: { GroupName: "inline" } };
    },
    items: (o) => o.PolicyNames as string[],
  },
  ListRolePolicies: {
    count: 3,
    arrange: async (root, accountId) => {
      await execute(CreateRole, { RoleName: "inline", AssumeRolePolicyDocument: TRUST_ACCOUNT(accountId) }, root);
      for (const PolicyName of THREE) await execute(PutRolePolicy, { RoleName: "inline", PolicyName, PolicyDocument: DOC("iam:GetUser") }, root);
      return { input: { RoleName: "inline" } };
    },
    items: (o) => o.PolicyNames as string[],
  },
  SimulatePrincipalPolicy: {
    count: 3,
    arrange: async (root) => {
      const { User } = await execute(CreateUser, { UserName: "simulated" }, root);
      return { input: { PolicySourceArn: User.Arn, ActionNames: ["iam:GetUser", "iam:ListUsers", "iam:DeleteUser"] } };
    },
    items: (o) => names(o.EvaluationResults, "EvalActionName"),
  },
  SimulateCustomPolicy: {
    count: 3,
    arrange: async () => ({ input: { PolicyInputList: [DOC("iam:*")], ActionNames: ["iam:GetUser", "iam:ListUsers", "iam:DeleteUser"] } }),
    items: (o) => names(o.EvaluationResults, "EvalActionName"),
  },
  ListUnusedAccessFindings: {
    count: 3,
    arrange: async (root, accountId) => {
      for (const UserName of THREE) await execute(CreateUser, { UserName }, root);
      // Users created long ago and never used since are findings.
      await db.user.updateMany({ where: { accountId }, data: { createdAt: new Date(Date.now() - 200 * 86_400_000) } });
      return { input: { FindingType: "UnusedIAMUser" } };
    },
    items: (o) => names(o.Findings, "Id"),
  },
  GetServiceLastAccessedDetails: {
    count: 3,
    arrange: async (root) => {
      const { User } = await execute(CreateUser, { UserName: "reported" }, root);
      await execute(PutUserPolicy, { UserName: "reported", PolicyName: "three", PolicyDocument: THREE_SERVICES }, root);
      const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: User.Arn }, root);
      return { input: { JobId } };
    },
    items: (o) => names(o.ServicesLastAccessed, "ServiceNamespace"),
  },
  GetServiceLastAccessedDetailsWithEntities: {
    count: 3,
    arrange: async (root) => {
      const { Group } = await execute(CreateGroup, { GroupName: "reported" }, root);
      await execute(PutGroupPolicy, { GroupName: "reported", PolicyName: "three", PolicyDocument: THREE_SERVICES }, root);
      for (const UserName of THREE) {
        await execute(CreateUser, { UserName }, root);
        await execute(AddUserToGroup, { GroupName: "reported", UserName }, root);
      }
      const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: Group.Arn }, root);
      return { input: { JobId, ServiceNamespace: "s3" } };
    },
    items: (o) => (o.EntityDetailsList as { EntityInfo: { Name: string } }[]).map((e) => e.EntityInfo.Name),
  },
  ListPrincipalsWithAccess: {
    count: 3,
    arrange: async (root) => {
      for (const UserName of THREE) {
        await execute(CreateUser, { UserName }, root);
        await execute(PutUserPolicy, { UserName, PolicyName: "three", PolicyDocument: THREE_SERVICES }, root);
      }
      return { input: { ActionName: "s3:GetObject", ResourceArn: "arn:aws:s3:::bucket/key" } };
    },
    items: (o) => names(o.Principals, "PrincipalArn"),
  },
  ListPrincipalPermissions: {
    count: 3,
    arrange: async (root) => {
      const { User } = await execute(CreateUser, { UserName: "capable" }, root);
      await execute(PutUserPolicy, { UserName: "capable", PolicyName: "three", PolicyDocument: THREE_SERVICES }, root);
      return { input: { PolicySourceArn: User.Arn } };
    },
    items: (o) => names(o.Services, "Service"),
  },
  LookupEvents: {
    count: 3,
    arrange: async (root) => {
      for (const UserName of THREE) await execute(CreateUser, { UserName }, root);
      // Only the arranged writes: the walk's own reads are audited too, and keep arriving.
      return { input: { Action: "CreateUser" } };
    },
    items: (o) => names(o.Events, "EventId"),
  },
};

/** Console-only lists AWS has no counterpart of, which show one short, bounded list. */
const UNPAGED_LISTS: Record<string, string> = {
  ListConsoleUsersWithoutMFA: "a count for the dashboard's checklist",
  ListSwitchRoleHistory: "the console's recent-roles menu, at most SWITCH_ROLE_HISTORY_SIZE entries",
};

/** Operations not named List* that AWS pages. */
const PAGED_OTHERS = [
  "GetAccountAuthorizationDetails",
  "GetGroup",
  "SimulatePrincipalPolicy",
  "SimulateCustomPolicy",
  "LookupEvents",
  "GetServiceLastAccessedDetails",
  "GetServiceLastAccessedDetailsWithEntities",
];

// The keys of an operation's input object, through optional() and refinements.
function inputKeys(schema: unknown): string[] {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; _zod?: { def?: { in?: unknown; innerType?: unknown } } } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.shape) return Object.keys(current.shape);
    const inner = current._zod?.def?.innerType ?? current._zod?.def?.in ?? current.unwrap?.();
    current = inner as typeof current;
  }
  return [];
}

const paged = OPERATIONS.filter((op) => inputKeys(op.input).includes("MaxItems"));

describe("pagination across the registry", () => {
  it("every List operation and every other operation AWS pages takes MaxItems and Marker", () => {
    const shouldPage = OPERATIONS.filter((op) => (op.name.startsWith("List") && !(op.name in UNPAGED_LISTS)) || PAGED_OTHERS.includes(op.name));
    const missing = shouldPage.filter((op) => !["MaxItems", "Marker"].every((key) => inputKeys(op.input).includes(key))).map((op) => op.name);
    expect(missing, "operations AWS pages whose input lacks MaxItems or Marker").toEqual([]);
    expect(PAGED_OTHERS.filter((name) => !OPERATIONS.some((op) => op.name === name)), "PAGED_OTHERS names an unregistered operation").toEqual([]);
  });

  it("has a scenario for exactly the operations that page", () => {
    expect(paged.map((op) => op.name).filter((name) => !(name in SCENARIOS)), "paged operations without a scenario here").toEqual([]);
    expect(Object.keys(SCENARIOS).filter((name) => !paged.some((op) => op.name === name)), "scenarios for operations that do not page").toEqual([]);
  });

  for (const op of paged) {
    const scenario = SCENARIOS[op.name];
    if (!scenario) continue;
    it(`${op.name}: one item a page finds every item once, in order, with a Marker until the last page`, async () => {
      const acct = await createAccount();
      const { input, caller = acct.root } = await scenario.arrange(acct.root, acct.accountId);
      const whole = (await execute(op, { ...input, MaxItems: 1000 }, caller)) as Output;
      expect(whole.IsTruncated).toBe(false);
      expect(whole.Marker).toBeUndefined();
      const all = scenario.items(whole);
      expect(all, "the sample data's items").toHaveLength(scenario.count);

      const walked: string[] = [];
      let marker: string | undefined;
      for (let pageNumber = 1; ; pageNumber++) {
        const page = (await execute(op, { ...input, MaxItems: 1, ...(marker ? { Marker: marker } : {}) }, caller)) as Output;
        const items = scenario.items(page);
        expect(items.length, `page ${pageNumber}`).toBeLessThanOrEqual(1);
        walked.push(...items);
        if (!page.IsTruncated) {
          expect(page.Marker, "the last page has no Marker").toBeUndefined();
          break;
        }
        expect(typeof page.Marker, `page ${pageNumber} is truncated, so it hands out a Marker`).toBe("string");
        expect(pageNumber, "pages end").toBeLessThan(scenario.count + 2);
        marker = page.Marker as string;
      }
      expect(walked).toEqual(all);

      if (scenario.count >= 2) {
        const first = (await execute(op, { ...input, MaxItems: scenario.count - 1 }, caller)) as Output;
        expect(first.IsTruncated).toBe(true);
        const rest = (await execute(op, { ...input, MaxItems: scenario.count - 1, Marker: first.Marker }, caller)) as Output;
        expect(rest.IsTruncated).toBe(false);
        expect([...scenario.items(first), ...scenario.items(rest)]).toEqual(all);
      }
    });
  }
});
