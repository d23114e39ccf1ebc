// Conversion between a policy document (a parsed JSON value) and the visual editor's model.
// Supported statements are read into VisualStatements and written back in IAM's usual element
// order; unsupported statements keep their parsed value, so serialising the document reproduces
// them exactly. Other top-level elements (Version, Id, …) keep their values and order.

import { unsupportedFeature } from "./unsupportedFeature";
import { nextModelId, type ModelStatement, type VisualCondition, type VisualDocument, type VisualStatement } from "./visualModel";

export type ToVisualResult = { readonly ok: true; readonly model: VisualDocument } | { readonly ok: false; readonly reason: string };

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function readConditions(condition: unknown): VisualCondition[] {
  if (typeof condition !== "object" || condition === null) return [];
  const rows: VisualCondition[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, Record<string, unknown>>)) {
    for (const [key, values] of Object.entries(block)) {
      rows.push({ id: nextModelId("condition"), operator, key, values: list(values) });
    }
  }
  return rows;
}

function readStatement(raw: unknown): ModelStatement {
  const feature = unsupportedFeature(raw);
  if (feature !== undefined) return { kind: "unsupported", id: nextModelId("statement"), feature, raw };
  const statement = raw as Record<string, unknown>;
  const actions = list(statement.Action);
  const first = actions[0];
  return {
    kind: "visual",
    id: nextModelId("statement"),
    sid: statement.Sid as string | undefined,
    effect: statement.Effect as "Allow" | "Deny",
    service: first === undefined ? undefined : first.slice(0, first.indexOf(":")).toLowerCase(),
    actions: actions.map((action) => action.slice(action.indexOf(":") + 1)),
    resources: list(statement.Resource),
    conditions: readConditions(statement.Condition),
    actionArray: Array.isArray(statement.Action),
    resourceArray: Array.isArray(statement.Resource),
  };
}

/** The visual model of a parsed policy, or why the visual editor cannot open it at all. */
export function toVisualDocument(document: unknown): ToVisualResult {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return { ok: false, reason: "The policy must be a JSON object with a Statement element." };
  }
  const source = document as Record<string, unknown>;
  const statement = source.Statement;
  if (statement !== undefined && (typeof statement !== "object" || statement === null)) {
    return { ok: false, reason: "Statement must be a statement object or an array of statements." };
  }
  const raws = statement === undefined ? [] : Array.isArray(statement) ? statement : [statement];
  return { ok: true, model: { source, statements: raws.map(readStatement), singleStatement: statement !== undefined && !Array.isArray(statement) } };
}

function oneOrMany(values: readonly string[], array: boolean): string | string[] {
  return values.length === 1 && !array ? (values[0] as string) : [...values];
}

function writeConditions(conditions: readonly VisualCondition[]): Record<string, Record<string, string | string[]>> | undefined {
  if (conditions.length === 0) return undefined;
  const merged = new Map<string, Map<string, string[]>>();
  for (const { operator, key, values } of conditions) {
    const block = merged.get(operator) ?? new Map<string, string[]>();
    merged.set(operator, block);
    block.set(key, [...(block.get(key) ?? []), ...values]);
  }
  return Object.fromEntries(
    [...merged].map(([operator, block]) => [operator, Object.fromEntries([...block].map(([key, values]) => [key, oneOrMany(values, false)]))]),
  );
}

/** A visual statement as IAM JSON: Sid, Effect, Action, Resource, Condition. */
export function writeStatement(statement: VisualStatement): Record<string, unknown> {
  const actions = statement.service === undefined ? [] : statement.actions.map((action) => `${statement.service}:${action}`);
  const condition = writeConditions(statement.conditions);
  return {
    ...(statement.sid !== undefined && { Sid: statement.sid }),
    Effect: statement.effect,
    Action: oneOrMany(actions, statement.actionArray),
    Resource: oneOrMany(statement.resources, statement.resourceArray),
    ...(condition && { Condition: condition }),
  };
}

/** The document the model stands for, ready for JSON.stringify. */
export function fromVisualDocument(model: VisualDocument): Record<string, unknown> {
  const statements = model.statements.map((statement) => (statement.kind === "visual" ? writeStatement(statement) : statement.raw));
  const value = model.singleStatement && statements.length === 1 ? statements[0] : statements;
  // Spreading keeps the source's key order; Statement stays where it was, or comes last if new.
  return { ...model.source, Statement: value };
}

/** The document's text as both editors show it: two-space indented JSON. */
export function serialiseDocument(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

export function replaceStatement(model: VisualDocument, id: string, next: ModelStatement | undefined): VisualDocument {
  const statements = next === undefined ? model.statements.filter((s) => s.id !== id) : model.statements.map((s) => (s.id === id ? next : s));
  return { ...model, statements };
}

export function isVisualStatement(statement: ModelStatement): statement is VisualStatement {
  return statement.kind === "visual";
}
