// The simulator page's server path (loadSimulator), as the page calls it: a fixed number of
// operations however many actions it simulates; the policies it lists with their labels; and Run
// disabled, with the engine's reason, for a caller who may not simulate.

import { describe, expect, it } from "vitest";
import { RequestScope, type Caller } from "@/lib/auth/caller";
import { loadSimulator } from "@/app/(console)/simulator/loadSimulator";
import { EMPTY_INPUTS, type SimulatorInputs } from "@/components/simulator/simulatorQuery";
import { userArn } from "@/lib/policy";
import { createAccount, createCustomerPolicy, createGroup, createUser, db, managed } from "../iam/support/fixtures";

const ACTIONS = ["iam:GetUser", "iam:ListUsers", "iam:CreateUser", "iam:DeleteUser", "s3:GetObject", "s3:PutObject", "ec2:RunInstances", "sts:AssumeRole"];

async function operationsFor(caller: Caller, inputs: SimulatorInputs) {
  const scope = new RequestScope();
  const view = await loadSimulator({ ...caller, scope }, inputs);
  return { view, operations: scope.counts.operations };
}

describe("loadSimulator", () => {
  it("runs the same operations for one action as for fifty, and lists the principal's policies with labels", async () => {
    const { accountId, root } = await createAccount();
    const groupId = await createGroup(accountId, "Readers", [managed("IAMReadOnlyAccess")]);
    await createUser(accountId, "alice", { groupIds: [groupId], inline: { Own: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } } });
    const principal = { ...EMPTY_INPUTS, principal: userArn(accountId, "alice") };
    const one = await operationsFor(root, { ...principal, actions: [{ action: "iam:GetUser", resource: "*" }] });
    const fifty = await operationsFor(root, { ...principal, actions: Array.from({ length: 50 }, (_, i) => ({ action: ACTIONS[i % ACTIONS.length]!, resource: i < ACTIONS.length ? "*" : `arn:aws:s3:::bucket-${i}/*` })) });
    // GetContextKeysForPrincipalPolicy, GetCallerPermissions (Run's permission) and one simulation.
    expect(one.operations).toBe(3);
    expect(fifty.operations).toBe(3);
    expect(fifty.view.results?.ok && fifty.view.results.value).toHaveLength(50);
    expect(one.view.texts.map((t) => [t.key, t.label])).toEqual(
      expect.arrayContaining([
        ["inline/Own", "Own (inline)"],
        [`group/Readers/${managed("IAMReadOnlyAccess")}`, "IAMReadOnlyAccess (AWS managed, via group Readers)"],
      ]),
    );
    expect(one.view.runPermissions).toEqual({ principal: { state: "allowed" }, custom: { state: "allowed" } });
  });

  it("lists the context keys of the boundary, the resource policy and the SCPs beside the principal's own", async () => {
    const { accountId, root } = await createAccount();
    const conditioned = (key: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { [key]: "x" } } }] });
    const boundary = await createCustomerPolicy(accountId, "Boundary", JSON.parse(conditioned("aws:RequestedRegion")));
    const alice = await createUser(accountId, "alice", { inline: { Own: JSON.parse(conditioned("aws:PrincipalTag/team")) } });
    await db.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryArn: boundary } });
    const view = await loadSimulator(root, { ...EMPTY_INPUTS, principal: userArn(accountId, "alice"), resourcePolicy: conditioned("aws:SourceVpc"), scps: [conditioned("aws:PrincipalOrgID"), "{not json"] });
    expect(view.contextKeys).toEqual(["aws:PrincipalTag/team", "aws:RequestedRegion", "aws:SourceVpc", "aws:PrincipalOrgID"]);
  });

  it("lists each selected action's own condition keys from the catalog, and offers them first", async () => {
    const { root } = await createAccount();
    const view = await loadSimulator(root, { ...EMPTY_INPUTS, mode: "custom", actions: [{ action: "iam:CreateUser", resource: "*" }, { action: "iam:ListUsers", resource: "*" }] });
    const createUser = view.actionKeys.find((a) => a.action === "iam:CreateUser");
    // AWS's Service Authorization Reference: CreateUser can be conditioned on the request's tags and
    // the boundary it sets; ListUsers on nothing of its own.
    expect(createUser?.keys).toEqual(["aws:RequestTag/${TagKey}", "aws:TagKeys", "iam:PermissionsBoundary"]);
    expect(view.actionKeys.find((a) => a.action === "iam:ListUsers")).toBeUndefined();
    expect(view.catalogKeys.slice(0, createUser!.keys.length)).toEqual(createUser!.keys);
    expect(view.catalogKeys).toContain("aws:SourceIp");
  });

  it("disables Run, with the reason, for a caller whose policies do not allow simulating", async () => {
    const { accountId } = await createAccount();
    const nobody = await createUser(accountId, "nobody");
    const view = await loadSimulator(nobody, { ...EMPTY_INPUTS, mode: "custom" });
    expect(view.runPermissions.custom).toEqual({ state: "denied", reason: "iam:SimulateCustomPolicy is not allowed: no policy allows it on *. Ask an administrator for it if you need it." });
    expect(view.runPermissions.principal).toMatchObject({ state: "denied", reason: expect.stringContaining("iam:SimulatePrincipalPolicy is not allowed") });
    expect(view.results).toBeUndefined();
  });
});
