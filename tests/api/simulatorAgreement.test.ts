// The policy simulator page and the API agree: the same inputs, taken through the page's URL and its
// server path (loadSimulator, in this process, on the server's database) and sent through the real
// SDK to the production server, give the same decisions, matched statements (policy, type, start
// and end) and missing context values. A policy switched off on the page decides as the API does
// once that policy is really deleted.

import { beforeAll, describe, expect, it } from "vitest";
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  DeleteUserPolicyCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { loadSimulator, simulationRequest } from "@/app/(console)/simulator/loadSimulator";
import { EMPTY_INPUTS, readSimulatorInputs, simulatorHref, type SimulatorInputs } from "@/components/simulator/simulatorQuery";
import type { ResultRow } from "@/components/simulator/simulatorView";
import type { SearchParams } from "@/components/table/queryHref";
import { iamClient, newApiAccount, newApiUser, type ApiAccount } from "./support/apiAccount";

const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
// Pretty-printed, so positions span several lines and columns.
const pretty = (document: object) => JSON.stringify(document, null, 2);

let account: ApiAccount;
let admin: IAMClient;
let aliceArn: string;
let groupArn: string;

beforeAll(async () => {
  account = await newApiAccount();
  admin = iamClient(account.rootKey);
  const alice = await newApiUser(admin, "alice");
  aliceArn = alice.arn;
  await admin.send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "NoDeletes", PolicyDocument: pretty(policy({ Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" })) }));
  await admin.send(
    new PutUserPolicyCommand({
      UserName: "alice",
      PolicyName: "FromOffice",
      PolicyDocument: pretty(policy({ Sid: "Office", Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })),
    }),
  );
  await admin.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }));
  const { Policy } = await admin.send(new CreatePolicyCommand({ PolicyName: "IamOnly", PolicyDocument: pretty(policy({ Sid: "Iam", Effect: "Allow", Action: "iam:*", Resource: "*" })) }));
  await admin.send(new PutUserPermissionsBoundaryCommand({ UserName: "alice", PermissionsBoundary: Policy!.Arn! }));
  const { Group } = await admin.send(new CreateGroupCommand({ GroupName: "Readers" }));
  groupArn = Group!.Arn!;
  await admin.send(new PutGroupPolicyCommand({ GroupName: "Readers", PolicyName: "ReadBuckets", PolicyDocument: pretty(policy({ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" })) }));
  await admin.send(new AddUserToGroupCommand({ GroupName: "Readers", UserName: "alice" }));
}, 60_000);

/** What the browser's URL gives the page: the inputs as search params, read back as Next reads them. */
function throughUrl(inputs: SimulatorInputs): SimulatorInputs {
  const query = new URLSearchParams(simulatorHref(inputs).split("?")[1]);
  const params: SearchParams = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    params[name] = values.length === 1 ? values[0] : values;
  }
  return readSimulatorInputs(params);
}

async function onPage(inputs: SimulatorInputs): Promise<readonly ResultRow[]> {
  const view = await loadSimulator(account.root, throughUrl(inputs));
  if (!view.results?.ok) throw new Error(`the page did not simulate: ${JSON.stringify(view.results)}`);
  return view.results.value;
}

/** The same request through the SDK: the wire members of the page's own request. */
async function onApi(inputs: SimulatorInputs): Promise<EvaluationResult[]> {
  const request = simulationRequest(throughUrl(inputs))!;
  const { ActionNames, ResourceArns, ResourcePolicy, CallerArn, ResourceOwner, ContextEntries, MaxItems } = request.input;
  const wire = { ActionNames, ResourceArns, ResourcePolicy, CallerArn, ResourceOwner, ContextEntries, MaxItems };
  const out =
    request.operation === "SimulatePrincipalPolicy"
      ? await admin.send(new SimulatePrincipalPolicyCommand({ ...wire, PolicySourceArn: request.input.PolicySourceArn, PolicyInputList: request.input.PolicyInputList }))
      : await admin.send(new SimulateCustomPolicyCommand({ ...wire, PolicyInputList: request.input.PolicyInputList, PermissionsBoundaryPolicyInputList: request.input.PermissionsBoundaryPolicyInputList }));
  expect(out.IsTruncated).toBe(false);
  return out.EvaluationResults!;
}

const pageAnswer = (rows: readonly ResultRow[]) =>
  rows.map((row) => ({
    action: row.action,
    resource: row.resource,
    decision: row.decision,
    statements: row.statements.map((s) => ({ id: s.policyId, type: s.policyType, start: s.start, end: s.end })),
    missing: [...row.missingContextValues],
    boundary: row.allowedByBoundary,
  }));

/** The API's answer for the page's rows, in the page's order. */
const apiAnswer = (results: EvaluationResult[], rows: readonly ResultRow[]) =>
  rows.map((row) => {
    const result = results.find((r) => r.EvalActionName === row.action && r.EvalResourceName === row.resource);
    expect(result, `${row.action} on ${row.resource} is in the API's answer`).toBeDefined();
    return {
      action: result!.EvalActionName,
      resource: result!.EvalResourceName,
      decision: result!.EvalDecision,
      statements: (result!.MatchedStatements ?? []).map((s) => ({ id: s.SourcePolicyId, type: s.SourcePolicyType, start: s.StartPosition, end: s.EndPosition })),
      missing: result!.MissingContextValues ?? [],
      boundary: result!.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
    };
  });

async function expectAgreement(inputs: SimulatorInputs) {
  const rows = await onPage(inputs);
  expect(rows).toHaveLength(inputs.actions.length);
  const page = pageAnswer(rows);
  expect(page).toEqual(apiAnswer(await onApi(inputs), rows));
  return page;
}

describe("the simulator page and the API", () => {
  it("agree for a user: explicit deny, allow through a group, the boundary, a missing and a given context value", async () => {
    const inputs: SimulatorInputs = {
      ...EMPTY_INPUTS,
      mode: "principal",
      principal: aliceArn,
      actions: [
        { action: "iam:DeleteUser", resource: "*" },
        { action: "iam:CreateUser", resource: "*" },
        { action: "iam:GetUser", resource: aliceArn },
        { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.pdf" },
      ],
    };
    const page = await expectAgreement(inputs);
    expect(page.map((row) => row.decision)).toEqual(["explicitDeny", "allowed", "allowed", "implicitDeny"]);
    // The Deny, at its place in the pretty-printed text: lines 4 to 9.
    expect(page[0]!.statements).toEqual([{ id: "NoDeletes", type: "user", start: { Line: 4, Column: 5 }, end: { Line: 9, Column: 5 } }]);
    // IAMFullAccess allows CreateUser, FromOffice's condition is not given: flagged on both sides.
    expect(page[1]!.missing).toEqual(["aws:SourceIp"]);
    // The group's grant is outside the boundary (iam:* only).
    expect(page[3]!.boundary).toBe(false);

    const fromOffice = await expectAgreement({ ...inputs, context: [{ key: "aws:SourceIp", value: "203.0.113.7" }] });
    expect(fromOffice[1]!.missing).toEqual([]);
  });

  it("agree for a group, and for new policies with a boundary, a resource policy and its caller", async () => {
    const group = await expectAgreement({ ...EMPTY_INPUTS, principal: groupArn, actions: [{ action: "s3:GetObject", resource: "*" }, { action: "s3:PutObject", resource: "*" }] });
    expect(group.map((row) => row.decision)).toEqual(["allowed", "implicitDeny"]);
    expect(group[0]!.statements).toEqual([{ id: "ReadBuckets", type: "group", start: { Line: 4, Column: 5 }, end: { Line: 12, Column: 5 } }]);

    const bucketPolicy = pretty(policy({ Sid: "AliceReads", Effect: "Allow", Principal: { AWS: aliceArn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }));
    const custom = await expectAgreement({
      ...EMPTY_INPUTS,
      mode: "custom",
      policies: [pretty(policy({ Effect: "Allow", Action: ["s3:*", "iam:GetUser"], Resource: "*" })), pretty(policy({ Sid: "NoPuts", Effect: "Deny", Action: "s3:PutObject", Resource: "*" }))],
      boundary: pretty(policy({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
      resourcePolicy: bucketPolicy,
      callerArn: aliceArn,
      actions: [
        { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.pdf" },
        { action: "s3:PutObject", resource: "arn:aws:s3:::reports/q1.pdf" },
        { action: "iam:GetUser", resource: "*" },
      ],
    });
    expect(custom.map((row) => row.decision)).toEqual(["allowed", "explicitDeny", "implicitDeny"]);
    expect(custom[1]!.statements.map((s) => s.id)).toEqual(["PolicyInputList.2"]);
  });

  it("decide with a policy switched off on the page as the API does once the policy is deleted", async () => {
    const inputs: SimulatorInputs = { ...EMPTY_INPUTS, principal: aliceArn, actions: [{ action: "iam:DeleteUser", resource: "*" }] };
    const off = await onPage({ ...inputs, off: ["inline/NoDeletes"] });
    expect(off.map((row) => row.decision)).toEqual(["allowed"]);
    await admin.send(new DeleteUserPolicyCommand({ UserName: "alice", PolicyName: "NoDeletes" }));
    expect(pageAnswer(off)).toEqual(apiAnswer(await onApi(inputs), off));
  });
});
