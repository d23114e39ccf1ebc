// Which statements the visual editor can show. Anything it cannot represent faithfully — elements
// other than Sid/Effect/Action/Resource/Condition, several services, wildcard or variable action
// names, set or unusual condition operators — is named here so the editor can say why the statement
// is shown as read-only JSON instead.

import { isVisualOperator } from "./conditionOperators";

const ACTION = /^([a-z0-9-]+):(\*|[A-Za-z0-9]+)$/i;

const ELEMENT_FEATURES: Readonly<Record<string, string>> = {
  NotAction: "NotAction",
  NotResource: "NotResource",
  Principal: "a Principal element",
  NotPrincipal: "NotPrincipal",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return undefined;
}

function actionFeature(value: unknown): string | undefined {
  if (value === undefined) return "a statement without an Action element";
  const actions = strings(value);
  if (!actions) return "an Action that is not text";
  if (actions.some((action) => action === "*")) return 'every action of every service ("*")';
  if (actions.some((action) => action.includes("${"))) return "a policy variable in Action";
  const bad = actions.find((action) => !ACTION.test(action));
  if (bad !== undefined) return bad.includes("*") || bad.includes("?") ? `the action wildcard "${bad}"` : `the action name "${bad}"`;
  const services = new Set(actions.map((action) => action.slice(0, action.indexOf(":")).toLowerCase()));
  return services.size > 1 ? "actions of more than one service" : undefined;
}

function conditionValueIsText(value: unknown): boolean {
  const scalar = (item: unknown) => typeof item === "string" || typeof item === "number" || typeof item === "boolean";
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

function conditionFeature(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return "a Condition that is not a JSON object";
  for (const [operator, block] of Object.entries(value)) {
    if (/^For(AllValues|AnyValue):/i.test(operator)) return `the set operator "${operator}"`;
    if (!isVisualOperator(operator)) return `the condition operator "${operator}"`;
    if (!isRecord(block)) return `a ${operator} block that is not a JSON object`;
    for (const [key, values] of Object.entries(block)) {
      if (key.includes("${")) return "a policy variable in a condition key";
      if (!conditionValueIsText(values)) return "condition values that are not text, numbers or true/false";
    }
  }
  return undefined;
}

/** What the visual editor cannot show in this statement, or undefined when it can show all of it. */
export function unsupportedFeature(statement: unknown): string | undefined {
  if (!isRecord(statement)) return "a statement that is not a JSON object";
  for (const key of Object.keys(statement)) {
    if (ELEMENT_FEATURES[key]) return ELEMENT_FEATURES[key];
    if (!["Sid", "Effect", "Action", "Resource", "Condition"].includes(key)) return `the element "${key}"`;
  }
  if (statement.Sid !== undefined && typeof statement.Sid !== "string") return "a Sid that is not text";
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") return "an Effect other than Allow or Deny";
  const action = actionFeature(statement.Action);
  if (action) return action;
  if (statement.Resource === undefined) return "a statement without a Resource element";
  if (!strings(statement.Resource)) return "a Resource that is not text";
  return conditionFeature(statement.Condition);
}
