// The policy simulator's inputs as the page's URL carries them, so that reloading or sharing the
// link reproduces the simulation. Repeated parameters keep lists in order: action and resource are
// read pairwise (row N's resource is the Nth resource), as are a context key and its value.

import { param, params, type SearchParams } from "@/components/table/queryHref";

export type SimulatorMode = "principal" | "custom";

export interface ActionRow {
  readonly action: string;
  /** "*" when left empty. */
  readonly resource: string;
}

export interface ContextRow {
  readonly key: string;
  readonly value: string;
}

export interface SimulatorInputs {
  readonly mode: SimulatorMode;
  /** Existing-principal mode: the ARN of the user, group or role. */
  readonly principal: string;
  /** Existing-principal mode: the keys of its policies switched off. */
  readonly off: readonly string[];
  /** Existing-principal mode: simulate as signed in with MFA. */
  readonly mfa: boolean;
  /** New-policy mode: the identity policies pasted into the sandbox. */
  readonly policies: readonly string[];
  /** New-policy mode: the permissions boundary to simulate, or "". */
  readonly boundary: string;
  readonly actions: readonly ActionRow[];
  readonly resourcePolicy: string;
  readonly callerArn: string;
  readonly resourceOwner: string;
  /** One SCP per level of the organization, the root first. */
  readonly scps: readonly string[];
  readonly context: readonly ContextRow[];
}

/** Rows beyond these are dropped rather than simulated: the page answers in one simulation call. */
export const MAX_ACTION_ROWS = 50;
export const MAX_SCP_LEVELS = 7;

export const EMPTY_INPUTS: SimulatorInputs = {
  mode: "principal",
  principal: "",
  off: [],
  mfa: false,
  policies: [],
  boundary: "",
  actions: [],
  resourcePolicy: "",
  callerArn: "",
  resourceOwner: "",
  scps: [],
  context: [],
};

export function readSimulatorInputs(query: SearchParams): SimulatorInputs {
  const resources = params(query, "resource");
  const values = params(query, "cv");
  return {
    mode: param(query, "mode") === "custom" ? "custom" : "principal",
    principal: (param(query, "principal") ?? "").trim(),
    off: params(query, "off"),
    mfa: param(query, "mfa") === "true",
    policies: params(query, "policy").filter((text) => text.trim() !== ""),
    boundary: param(query, "boundary") ?? "",
    actions: params(query, "action")
      .slice(0, MAX_ACTION_ROWS)
      .map((action, i) => ({ action: action.trim(), resource: resources[i]?.trim() || "*" }))
      .filter((row) => row.action !== ""),
    resourcePolicy: param(query, "rp") ?? "",
    callerArn: (param(query, "caller") ?? "").trim(),
    resourceOwner: (param(query, "owner") ?? "").trim(),
    scps: params(query, "scp").filter((text) => text.trim() !== "").slice(0, MAX_SCP_LEVELS),
    context: params(query, "ck")
      .map((key, i) => ({ key: key.trim(), value: values[i] ?? "" }))
      .filter((row) => row.key !== ""),
  };
}

/** The page's link for these inputs; only what is set goes in, so links stay short. */
export function simulatorHref(inputs: SimulatorInputs): string {
  const query = new URLSearchParams();
  query.set("mode", inputs.mode);
  if (inputs.mode === "principal") {
    if (inputs.principal) query.set("principal", inputs.principal);
    for (const key of inputs.off) query.append("off", key);
    if (inputs.mfa) query.set("mfa", "true");
  } else {
    for (const text of inputs.policies) if (text.trim()) query.append("policy", text);
    if (inputs.boundary.trim()) query.set("boundary", inputs.boundary);
  }
  for (const row of inputs.actions) {
    if (!row.action.trim()) continue;
    query.append("action", row.action.trim());
    query.append("resource", row.resource.trim() || "*");
  }
  if (inputs.resourcePolicy.trim()) query.set("rp", inputs.resourcePolicy);
  if (inputs.callerArn) query.set("caller", inputs.callerArn);
  if (inputs.resourceOwner) query.set("owner", inputs.resourceOwner);
  for (const text of inputs.scps) if (text.trim()) query.append("scp", text);
  for (const row of inputs.context) {
    if (!row.key.trim()) continue;
    query.append("ck", row.key.trim());
    query.append("cv", row.value);
  }
  return `/simulator?${query.toString()}`;
}
