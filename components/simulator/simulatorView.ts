// What the simulator page hands its components: the principal's policies with their switches, the
// context keys to give values for, and one result row per action and resource, each naming the
// layer that decided and the deciding statements' places in their policies' text.

import type { IamErrorView } from "@/lib/iam/core/errors";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import type { SimulatedPolicy } from "@/lib/iam/policies/contextKeys";
import type { EvalDecision, Position } from "@/lib/iam/policies/simulation";

export interface StatementView {
  /** The policy's key among the view's texts. */
  readonly key: string;
  /** AWS's SourcePolicyId and SourcePolicyType, as the API answers them. */
  readonly policyId: string;
  readonly policyType?: string;
  readonly start?: Position;
  readonly end?: Position;
}

export interface ResultRow {
  readonly action: string;
  readonly resource: string;
  readonly decision: EvalDecision;
  /** The layer that decided, in IAM's words: "Explicit Deny: service control policy (level 2)". */
  readonly layer: string;
  /** The engine's sentence on why. */
  readonly summary: string;
  readonly statements: readonly StatementView[];
  readonly missingContextValues: readonly string[];
  /** Only when a permissions boundary is part of the simulation. */
  readonly allowedByBoundary?: boolean;
}

/** A policy of the simulation, by the key MatchedStatements name it by. */
export interface PolicyText {
  readonly key: string;
  readonly label: string;
  readonly text: string;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IamErrorView };

/** One selected action's condition keys, from the catalog (the action's own and its resource types'). */
export interface ActionConditionKeys {
  readonly action: string;
  readonly keys: readonly string[];
}

export interface SimulatorView {
  /** Existing-principal mode, once a principal is picked. */
  readonly policies?: Outcome<readonly SimulatedPolicy[]>;
  /** Switched-off keys from the link that no longer name a policy of the principal. */
  readonly staleOff: readonly string[];
  /** GetContextKeysFor*: the keys the policies test. */
  readonly contextKeys: readonly string[];
  /** Per selected action, the condition keys the catalog says a policy can test for it. */
  readonly actionKeys: readonly ActionConditionKeys[];
  /** The catalog's condition keys for the selected actions (theirs first), their services' and the global ones, to add more. */
  readonly catalogKeys: readonly string[];
  /** Undefined until there is something to simulate. */
  readonly results?: Outcome<readonly ResultRow[]>;
  readonly texts: readonly PolicyText[];
  /** Whether the caller may run each mode's simulation: Run is disabled, with the reason, when not. */
  readonly runPermissions: Readonly<Record<"principal" | "custom", ControlPermission>>;
}
