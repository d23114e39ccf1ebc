// The visual editor's model of a policy document. Statements the visual editor can show become
// VisualStatements; anything else is kept as the original JSON value and written back unchanged.

export type Effect = "Allow" | "Deny";

export interface VisualCondition {
  readonly id: string;
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface VisualStatement {
  readonly kind: "visual";
  readonly id: string;
  readonly sid?: string;
  readonly effect: Effect;
  /** The action prefix, such as `iam`; undefined until a service is picked. */
  readonly service?: string;
  /** Action names without the prefix (`CreateUser`), or `["*"]` for every action of the service. */
  readonly actions: readonly string[];
  /** Resource ARNs; `["*"]` means all resources. */
  readonly resources: readonly string[];
  readonly conditions: readonly VisualCondition[];
  /** Whether Action / Resource were written as a JSON array, so a one-item list keeps its shape. */
  readonly actionArray: boolean;
  readonly resourceArray: boolean;
}

export interface UnsupportedStatement {
  readonly kind: "unsupported";
  readonly id: string;
  /** What the visual editor cannot show, for the note ("NotAction", "a Principal element"). */
  readonly feature: string;
  /** The statement exactly as parsed from JSON. */
  readonly raw: unknown;
}

export type ModelStatement = VisualStatement | UnsupportedStatement;

export interface VisualDocument {
  /** The document as given; its other top-level elements (Version, Id, …) are written back as they were. */
  readonly source: Readonly<Record<string, unknown>>;
  readonly statements: readonly ModelStatement[];
  /** Whether Statement was written as a single object rather than an array. */
  readonly singleStatement: boolean;
}

let counter = 0;

/** A React key for a statement or condition row; unique within the page. */
export function nextModelId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function emptyStatement(): VisualStatement {
  return {
    kind: "visual",
    id: nextModelId("statement"),
    effect: "Allow",
    actions: [],
    // All resources until the user narrows them, so a new statement is valid as soon as it has actions.
    resources: ["*"],
    conditions: [],
    actionArray: false,
    resourceArray: false,
  };
}
