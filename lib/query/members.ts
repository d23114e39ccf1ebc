// Turning a Query request's flat keys into structured input. AWS Query (non-flattened, as IAM and
// STS use it) writes a list as `Name.member.N`, a structure's fields as `Name.Field`, and nests
// the two: `Tags.member.1.Key=team`, `PolicyArns.member.1.arn=…`, `TagKeys.member.1=team`. An
// empty list arrives as `Name=` with nothing after it. Every value stays a string here: whether
// `MaxItems=10` is a number or `true` a boolean is the operation's shape's call, made with the
// readers below, so that a bad value is reported with the member's name.

import type { FormPair } from "./formBody";
import { QueryError } from "./errors";

export type QueryValue = string | QueryStruct | QueryList;
export interface QueryStruct {
  readonly [member: string]: QueryValue;
}
export type QueryList = readonly QueryValue[];

/** One problem in AWS's validation wording: the value (null when missing), where, and the constraint. */
export interface ValidationProblem {
  readonly value: string | null;
  /** AWS's path: camelCase members, list items as `tags.2.member` (see {@link memberPath}). */
  readonly path: string;
  /** `Member must not be null`, `Member must have length less than or equal to 64`. */
  readonly constraint: string;
}

/**
 * AWS's ValidationError message:
 * `1 validation error detected: Value null at 'tags.2.member' failed to satisfy constraint: Member must not be null`,
 * and `2 validation errors detected: …; …` for several.
 */
export function validationMessage(problems: readonly ValidationProblem[]): string {
  const n = problems.length;
  const parts = problems.map((p) => `Value ${p.value === null ? "null" : `'${p.value}'`} at '${p.path}' failed to satisfy constraint: ${p.constraint}`);
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${parts.join("; ")}`;
}

export function validationError(problems: readonly ValidationProblem[]): QueryError {
  return new QueryError("ValidationError", validationMessage(problems));
}

/** A step into the input: a member by its wire name, or a list item by its 1-based index. */
export type PathStep = string | number;

/** AWS's path for a member: `Tags`, 2, `Key` → `tags.2.member.key`. */
export function memberPath(steps: readonly PathStep[]): string {
  const out: string[] = [];
  for (const step of steps) {
    if (typeof step === "number") out.push(String(step), "member");
    else out.push(step.charAt(0).toLowerCase() + step.slice(1));
  }
  return out.join(".");
}

interface Node {
  value?: string;
  readonly children: Map<string, Node>;
}

const INDEX = /^[1-9][0-9]*$/;

function malformed(message: string): QueryError {
  return new QueryError("InvalidQueryParameter", message);
}

/**
 * The request's members as a tree: structures as objects, lists as arrays in index order, values
 * as strings (`Name=` stays `""`: {@link readList} reads it as the empty list). A list with a gap
 * (`member.1`, `member.3`) is refused with ValidationError, as AWS refuses the missing item; keys
 * that contradict each other (`Tags=` and `Tags.member.1.Key`) or repeat are refused outright.
 */
export function parseMembers(pairs: readonly FormPair[]): QueryStruct {
  const root: Node = { children: new Map() };
  for (const { key, value } of pairs) {
    const segments = key.split(".");
    if (segments.some((s) => s === "")) throw malformed(`The parameter name "${key}" is malformed.`);
    let node = root;
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    if (node.value !== undefined) throw malformed(`The parameter "${key}" is sent more than once.`);
    node.value = value;
  }
  return toStruct(root, [], "");
}

function toStruct(node: Node, steps: PathStep[], key: string): QueryStruct {
  const out: Record<string, QueryValue> = {};
  for (const [name, child] of node.children) out[name] = toValue(child, [...steps, name], key === "" ? name : `${key}.${name}`);
  return out;
}

function toValue(node: Node, steps: PathStep[], key: string): QueryValue {
  if (node.children.size === 0) return node.value ?? "";
  // `Name=` beside `Name.member.1=…`: both an empty list and a full one.
  if (node.value !== undefined && node.value !== "") throw malformed(`The parameter "${key}" has both a value and members.`);
  if (node.value !== undefined) throw malformed(`The parameter "${key}" is sent both empty and with members.`);
  const member = node.children.get("member");
  if (!member) return toStruct(node, steps, key);
  if (node.children.size > 1) throw malformed(`The parameter "${key}" mixes list members with other fields.`);
  return toList(member, steps, `${key}.member`);
}

function toList(member: Node, steps: PathStep[], key: string): QueryList {
  if (member.value !== undefined) throw malformed(`The parameter "${key}" needs an index: ${key}.1.`);
  const indexes: number[] = [];
  for (const name of member.children.keys()) {
    if (!INDEX.test(name)) throw malformed(`The parameter "${key}.${name}" has an index that is not a number from 1.`);
    indexes.push(Number(name));
  }
  indexes.sort((a, b) => a - b);
  // The first index that is not where a full list would have it is the missing item.
  const missing = indexes.findIndex((index, i) => index !== i + 1);
  if (missing >= 0) throw validationError([{ value: null, path: memberPath([...steps, missing + 1]), constraint: "Member must not be null" }]);
  return indexes.map((index) => toValue(member.children.get(String(index))!, [...steps, index], `${key}.${index}`));
}

/** A list member: absent → undefined, `Name=` → [], `Name.member.N…` → the items. */
export function readList(input: QueryStruct, name: string, steps: readonly PathStep[] = []): QueryList | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (value === "") return [];
  throw validationError([{ value: typeof value === "string" ? value : null, path: memberPath([...steps, name]), constraint: "Member must be a list" }]);
}

/** A string member; a structure or list where a string belongs is refused with its path. */
export function readString(input: QueryStruct, name: string, steps: readonly PathStep[] = []): string | undefined {
  const value = input[name];
  if (value === undefined || typeof value === "string") return value;
  throw validationError([{ value: null, path: memberPath([...steps, name]), constraint: "Member must be a string" }]);
}

/** A structure member; `Name=` (an empty structure) reads as `{}`. */
export function readStruct(input: QueryStruct, name: string, steps: readonly PathStep[] = []): QueryStruct | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (value === "") return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as QueryStruct;
  throw validationError([{ value: typeof value === "string" ? value : null, path: memberPath([...steps, name]), constraint: "Member must be a structure" }]);
}

/** A boolean member as the clients send it: `true` or `false` (case aside). */
export function readBoolean(input: QueryStruct, name: string, steps: readonly PathStep[] = []): boolean | undefined {
  const value = readString(input, name, steps);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw validationError([{ value, path: memberPath([...steps, name]), constraint: "Member must be a boolean" }]);
}

/** An integer member (`MaxItems=10`): decimal digits with an optional sign, within a 32-bit int. */
export function readInteger(input: QueryStruct, name: string, steps: readonly PathStep[] = []): number | undefined {
  const value = readString(input, name, steps);
  if (value === undefined) return undefined;
  const n = /^[+-]?[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n > 2 ** 31 - 1 || n < -(2 ** 31)) {
    throw validationError([{ value, path: memberPath([...steps, name]), constraint: "Member must be an integer" }]);
  }
  return n;
}
