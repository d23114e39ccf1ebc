// A Query request's members, read into the plain object an operation's input schema expects. The
// operations already declare their input with AWS's PascalCase member names (a zod schema), so
// the schema is the wire shape: walking it says which member is a list (`X.member.N`), which a
// structure (`X.Field`), which a number or boolean, and which is required. No operation needs a
// reader of its own: AssumeRole's `PolicyArns.member.N.arn` is a list of structures like any other.
//
// What this file decides, and what it leaves to the operation:
// - a required member that is absent is refused here with IAM's ValidationError wording,
//   `Value null at 'userName' failed to satisfy constraint: Member must not be null`, every missing
//   member in one message, as IAM and STS report them (the EC2/SQS form "The request must contain
//   the parameter X" is not what these two services send);
// - a text that is not a number or boolean where the shape wants one is refused by the readers of
//   members.ts, with the member's path, because only here is the wire text still known;
// - everything else (lengths, patterns, enum values, policy grammar) is the operation's own zod
//   validation, so the door and the console refuse the same input with the same message;
// - members the shape does not name are ignored, as IAM ignores them (the clients send `Action`
//   and `Version` beside the input, and newer SDKs may send members an older shape lacks).
//
// The schema is taken as a value typed by its structure (zod v4's `_zod.def`) so that lib/query
// stays free of the operations and of zod itself.

import { memberPath, readBoolean, readInteger, readList, readString, readStruct, validationError, type PathStep, type QueryStruct, type QueryValue, type ValidationProblem } from "./members";

/** The parts of a zod v4 schema definition this reader looks at. */
export interface SchemaDef {
  readonly type: string;
  /** object */
  readonly shape?: Readonly<Record<string, InputSchema>>;
  /** optional, nullable, default, prefault, readonly, catch, nonoptional */
  readonly innerType?: InputSchema;
  /** array */
  readonly element?: InputSchema;
  /** pipe: the wire feeds the input side */
  readonly in?: InputSchema;
  /** union */
  readonly options?: readonly InputSchema[];
}

/** A zod v4 schema, structurally: every zod v4 type has `_zod.def`. */
export interface InputSchema {
  readonly _zod: { readonly def: SchemaDef };
}

/** Wrappers that leave the member required (a default is applied by zod itself when the member is absent). */
const REQUIRED_WRAPPERS = new Set(["nullable", "readonly", "catch", "nonoptional"]);
/** Wrappers after which an absent member is not a missing one. */
const OPTIONAL_WRAPPERS = new Set(["optional", "default", "prefault"]);
/** Shapes whose wire text is the value: strings and the string-like. */
const TEXT = new Set(["string", "enum", "literal", "template_literal"]);
/** Shapes that accept whatever the request holds, left to the operation's own checks. */
const ANYTHING = new Set(["any", "unknown", "custom"]);

/**
 * The operation's input from the request's members. Throws the ValidationError of members.ts
 * when a required member is absent or a number or boolean does not read as one; the result is
 * meant for the operation's own schema, which still validates it.
 */
export function queryInput(schema: InputSchema, members: QueryStruct): Record<string, unknown> {
  const missing: ValidationProblem[] = [];
  const root = unwrap(schema);
  // The request itself is always there: an operation without input (GetAccountSummary) reads `{}`.
  const value = readObject(root.schema, members, [], missing);
  if (missing.length > 0) throw validationError(missing);
  return (value ?? {}) as Record<string, unknown>;
}

interface Unwrapped {
  readonly schema: InputSchema;
  readonly optional: boolean;
}

/** The shape under any wrapper, and whether one of the wrappers made the member optional. */
function unwrap(schema: InputSchema): Unwrapped {
  let current = schema;
  let optional = false;
  for (;;) {
    const def = current._zod.def;
    if (OPTIONAL_WRAPPERS.has(def.type) && def.innerType) {
      optional = true;
      current = def.innerType;
    } else if (REQUIRED_WRAPPERS.has(def.type) && def.innerType) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      // A transform or a refinement chain: what arrives is what the pipe's input side reads.
      current = def.in;
    } else {
      return { schema: current, optional };
    }
  }
}

/** One member, present in `holder` under `name` or absent; `steps` is its path for error messages. */
function readMember(schema: InputSchema, holder: QueryStruct, name: string, steps: readonly PathStep[], missing: ValidationProblem[]): unknown {
  const { schema: shape, optional } = unwrap(schema);
  const here = [...steps, name];
  if (holder[name] === undefined) {
    if (!optional) missing.push({ value: null, path: memberPath(here), constraint: "Member must not be null" });
    return undefined;
  }
  const def = shape._zod.def;
  switch (def.type) {
    case "object":
      return readObject(shape, readStruct(holder, name, steps)!, here, missing);
    case "array":
      return readList(holder, name, steps)!.map((item, i) => readItem(def.element!, item, [...here, i + 1], missing));
    default:
      return readScalar(shape, holder, name, steps);
  }
}

/** A structure's members, in the schema's order; members the schema does not name are ignored. */
function readObject(schema: InputSchema, struct: QueryStruct, steps: readonly PathStep[], missing: ValidationProblem[]): unknown {
  const def = schema._zod.def;
  if (def.type !== "object") throw new TypeError(`queryInput: the input of an operation must be an object shape, not ${def.type}`);
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(def.shape ?? {})) {
    const value = readMember(member, struct, name, steps, missing);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** A list item: read as a one-member holder so that every reader reports the item's own path. */
function readItem(schema: InputSchema, item: QueryValue, steps: readonly PathStep[], missing: ValidationProblem[]): unknown {
  const index = steps[steps.length - 1] as number;
  const parent = steps.slice(0, -1);
  // The readers name a member by a string key; the item's index stands in for it, and the path is
  // rebuilt from the numeric step so that it reads `tags.2.member`, as AWS writes it.
  const holder: QueryStruct = { [String(index)]: item };
  const { schema: shape } = unwrap(schema);
  const def = shape._zod.def;
  if (def.type === "object") return readObject(shape, readStructAt(holder, index, parent), steps, missing);
  if (def.type === "array") throw new TypeError("queryInput: lists of lists are not a Query shape");
  return readScalarAt(shape, holder, index, parent);
}

function readStructAt(holder: QueryStruct, index: number, parent: readonly PathStep[]): QueryStruct {
  try {
    return readStruct(holder, String(index))!;
  } catch {
    throw validationError([{ value: typeof holder[String(index)] === "string" ? (holder[String(index)] as string) : null, path: memberPath([...parent, index]), constraint: "Member must be a structure" }]);
  }
}

function readScalarAt(shape: InputSchema, holder: QueryStruct, index: number, parent: readonly PathStep[]): unknown {
  try {
    return readScalar(shape, holder, String(index), []);
  } catch (error) {
    if (error instanceof TypeError) throw error;
    // The reader named the item by its index alone; put the item's AWS path (`tagKeys.2.member`) on the message.
    const text = holder[String(index)];
    const kind = scalarKind(shape);
    throw validationError([{ value: typeof text === "string" ? text : null, path: memberPath([...parent, index]), constraint: `Member must be ${kind === "integer" ? "an integer" : `a ${kind}`}` }]);
  }
}

type ScalarKind = "string" | "integer" | "boolean" | "anything";

/** What a scalar shape reads from the wire; a union reads as its first member that is not text. */
function scalarKind(shape: InputSchema): ScalarKind {
  const def = shape._zod.def;
  if (TEXT.has(def.type)) return "string";
  // IAM and STS have no floating-point members: every number on their wire is an integer.
  if (def.type === "number" || def.type === "int" || def.type === "bigint") return "integer";
  if (def.type === "boolean") return "boolean";
  if (ANYTHING.has(def.type)) return "anything";
  if (def.type === "union" && def.options) {
    const kinds = def.options.map((option) => scalarKind(unwrap(option).schema));
    return kinds.find((k) => k !== "string") ?? "string";
  }
  throw new TypeError(`queryInput: no Query reading for a ${def.type} member`);
}

function readScalar(shape: InputSchema, holder: QueryStruct, name: string, steps: readonly PathStep[]): unknown {
  switch (scalarKind(shape)) {
    case "string":
      return readString(holder, name, steps);
    case "integer":
      return readInteger(holder, name, steps);
    case "boolean":
      return readBoolean(holder, name, steps);
    case "anything":
      return holder[name];
  }
}
