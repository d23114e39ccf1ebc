// The console simulator's members of SimulatePrincipalPolicy and SimulateCustomPolicy: groups as
// the policy source (as AWS allows), policies switched off by key (ExcludedPolicies) with the
// principal's own context kept, SCP levels, and the policy list GetContextKeysForPrincipalPolicy
// gives the page (SimulatedPolicies) whose keys the matched statements name.

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { GetContextKeysForPrincipalPolicy } from "@/lib/iam/policies/contextKeys";
import { SimulateCustomPolicy, SimulatePrincipalPolicy } from "@/lib/iam/policies/simulation";
import { groupArn, roleArn, statementSpans, userArn } from "@/lib/policy";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: string, extra: object = {}) => ({ Effect: "Allow", Action, Resource: "*", ...extra });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const decisions = (results: { EvalActionName: string; EvalDecision: string }[]) => results.map((r) => [r.EvalActionName, r.EvalDecision]);

describe("SimulatePrincipalPolicy for a group", () => {
  it("decides with the group's inline and attached policies, named as its members see them", async () => {
    const groupId = await createGroup(acct.accountId, "Readers", [managed("IAMReadOnlyAccess")]);
    await db.inlinePolicy.create({ data: { name: "NoKeys", nameLower: "nokeys", document: JSON.stringify(policy({ Effect: "Deny", Action: "iam:ListAccessKeys", Resource: "*" })), groupId } });
    const { EvaluationResults } = await execute(SimulatePrincipalPolicy, { PolicySourceArn: groupArn(acct.accountId, "Readers"), ActionNames: ["iam:ListUsers", "iam:ListAccessKeys", "iam:CreateUser"] }, acct.root);
    expect(decisions(EvaluationResults)).toEqual([
      ["iam:ListUsers", "allowed"],
      ["iam:ListAccessKeys", "explicitDeny"],
      ["iam:CreateUser", "implicitDeny"],
    ]);
    expect(EvaluationResults[0]!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "IAMReadOnlyAccess", SourcePolicyType: "aws-managed", SourcePolicyKey: `group/Readers/${managed("IAMReadOnlyAccess")}` })]);
    expect(EvaluationResults[1]!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "NoKeys", SourcePolicyType: "group", SourcePolicyKey: "group/Readers/inline/NoKeys" })]);
    expect(EvaluationResults[1]!.Explanation.decidedBy[0]!.policy).toBe("NoKeys (inline, group Readers)");
  });
});

describe("ExcludedPolicies", () => {
  async function alice() {
    const boundary = await createCustomerPolicy(acct.accountId, "OnlyReads", policy(allow("iam:Get*")));
    const teamPolicy = await createCustomerPolicy(acct.accountId, "TeamWrites", policy(allow("iam:CreateUser")));
    const groupId = await createGroup(acct.accountId, "Team", [teamPolicy]);
    const user = await createUser(acct.accountId, "alice", {
      tags: { team: "web" },
      groupIds: [groupId],
      policies: [managed("IAMFullAccess")],
      inline: {
        Self: policy(allow("iam:GetUser", { Resource: "arn:aws:iam::*:user/${aws:username}" })),
        NoDeletes: policy({ Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }),
      },
    });
    await db.user.update({ where: { id: user.userId }, data: { permissionsBoundaryArn: boundary } });
    return { boundary, teamPolicy };
  }
  const simulate = (input: Record<string, unknown>) => execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice"), ...input }, acct.root);

  it("leaves the named policies out, by the keys SimulatedPolicies lists, and keeps the principal's context", async () => {
    const { teamPolicy } = await alice();
    const listed = await execute(GetContextKeysForPrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice") }, acct.root);
    expect(listed.SimulatedPolicies.map((p) => [p.Key, p.PolicyName, p.PolicySourceType, p.GroupName ?? null, p.IsPermissionsBoundary])).toEqual(
      expect.arrayContaining([
        ["inline/Self", "Self", "user", null, false],
        ["inline/NoDeletes", "NoDeletes", "user", null, false],
        [managed("IAMFullAccess"), "IAMFullAccess", "aws-managed", null, false],
        [`group/Team/${teamPolicy}`, "TeamWrites", "user-managed", "Team", false],
        ["boundary", "OnlyReads", "user-managed", null, true],
      ]),
    );
    expect(listed.SimulatedPolicies).toHaveLength(5);
    expect(listed.SimulatedPolicies.find((p) => p.Key === "inline/NoDeletes")!.Document).toContain('"Sid":"NoDeletes"');

    const self = userArn(acct.accountId, "alice");
    const actions = { ActionNames: ["iam:DeleteUser", "iam:GetUser"], ResourceArns: [self] };
    // The Deny decides; the boundary allows only iam:Get*.
    expect(decisions((await simulate(actions)).EvaluationResults)).toEqual([["iam:DeleteUser", "explicitDeny"], ["iam:GetUser", "allowed"]]);
    // Without the Deny and the boundary, IAMFullAccess allows the delete.
    const off = await simulate({ ...actions, ExcludedPolicies: ["inline/NoDeletes", "boundary"] });
    expect(decisions(off.EvaluationResults)).toEqual([["iam:DeleteUser", "allowed"], ["iam:GetUser", "allowed"]]);
    expect(off.EvaluationResults[0]!.PermissionsBoundaryDecisionDetail).toBeUndefined();
    // Without IAMFullAccess, GetUser on herself is still allowed by Self, whose ${aws:username} is still alice.
    const withoutFull = await simulate({ ...actions, ExcludedPolicies: [managed("IAMFullAccess")] });
    expect(withoutFull.EvaluationResults[1]!.EvalDecision).toBe("allowed");
    expect(withoutFull.EvaluationResults[1]!.MatchedStatements.map((m) => m.SourcePolicyKey)).toEqual(["inline/Self"]);
  });

  it("leaves out a group's policy for that group only, and refuses a key that names none of the principal's policies", async () => {
    const { teamPolicy } = await alice();
    expect((await simulate({ ActionNames: ["iam:CreateUser"], ExcludedPolicies: ["boundary"] })).EvaluationResults[0]!.EvalDecision).toBe("allowed");
    const off = await simulate({ ActionNames: ["iam:CreateUser"], ExcludedPolicies: ["boundary", `group/Team/${teamPolicy}`, managed("IAMFullAccess")] });
    expect(off.EvaluationResults[0]!.EvalDecision).toBe("implicitDeny");
    await expectIamError(simulate({ ActionNames: ["iam:GetUser"], ExcludedPolicies: [teamPolicy] }), "InvalidInput", `ExcludedPolicies names ${teamPolicy}, which is not a policy of ${userArn(acct.accountId, "alice")}. List its policies with GetContextKeysForPrincipalPolicy and use their keys.`);
  });

  it("tells the boundary apart from the same policy attached as a grant", async () => {
    const both = await createCustomerPolicy(acct.accountId, "Both", policy({ Sid: "Reads", Effect: "Allow", Action: "iam:GetRole", Resource: "*" }));
    await createRole(acct.accountId, "Deployer", { boundary: both });
    const role = await db.role.findFirstOrThrow({ where: { accountId: acct.accountId, name: "Deployer" } });
    const attached = await db.managedPolicy.findUniqueOrThrow({ where: { arn: both } });
    await db.rolePolicyAttachment.create({ data: { roleId: role.id, policyId: attached.id } });
    const run = (ExcludedPolicies: string[]) => execute(SimulatePrincipalPolicy, { PolicySourceArn: roleArn(acct.accountId, "Deployer"), ActionNames: ["iam:GetRole"], ExcludedPolicies }, acct.root);
    const [asGrant] = (await run(["boundary"])).EvaluationResults;
    expect(asGrant!.EvalDecision).toBe("allowed");
    expect(asGrant!.MatchedStatements.map((m) => m.SourcePolicyKey)).toEqual([both]);
    const [boundaryOnly] = (await run([both])).EvaluationResults;
    expect(boundaryOnly!.EvalDecision).toBe("implicitDeny");
    expect(boundaryOnly!.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: true });
  });
});

describe("ServiceControlPolicyLevels", () => {
  const everything = JSON.stringify(policy(allow("*")));
  const run = (levels: string[][]) =>
    execute(
      SimulateCustomPolicy,
      { PolicyInputList: [everything], ActionNames: ["iam:CreateUser", "s3:GetObject"], ServiceControlPolicyLevels: levels.map((PolicyInputList) => ({ PolicyInputList })) },
      acct.root,
    );

  it("needs an Allow at every level, and an SCP's Deny decides, named by its level and place", async () => {
    const iamOnly = JSON.stringify(policy(allow("iam:*")), null, 2);
    const denyUsers = JSON.stringify(policy({ Sid: "NoNewUsers", Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }));
    expect(decisions((await run([[everything], [iamOnly]])).EvaluationResults)).toEqual([["iam:CreateUser", "allowed"], ["s3:GetObject", "implicitDeny"]]);
    const denied = (await run([[everything], [everything, denyUsers]])).EvaluationResults;
    expect(decisions(denied)).toEqual([["iam:CreateUser", "explicitDeny"], ["s3:GetObject", "allowed"]]);
    const [span] = statementSpans(denyUsers);
    expect(denied[0]!.MatchedStatements).toEqual([
      {
        SourcePolicyId: "ServiceControlPolicyLevels.2.PolicyInputList.2",
        SourcePolicyKey: "ServiceControlPolicyLevels.2.PolicyInputList.2",
        StartPosition: { Line: span!.start.line, Column: span!.start.column },
        EndPosition: { Line: span!.end.line, Column: span!.end.column },
      },
    ]);
    expect(denied[0]!.Explanation.decidedBy[0]).toMatchObject({ policyType: "scp", scpLevel: 1 });
    const [implicit] = (await run([[everything], [iamOnly]])).EvaluationResults.slice(1);
    expect(implicit!.Explanation.reason).toBe("scp-implicit-deny");
  });

  it("refuses a malformed SCP, naming it, and an empty level", async () => {
    await expectIamError(run([["{"]]), "MalformedPolicyDocument", /^ServiceControlPolicyLevels\.1\.PolicyInputList\.1: /);
    await expectIamError(run([[]]), "ValidationError", /at least one SCP/);
  });
});
