// The ARN builder's templates. AWS's reference gives each resource type an ARN format such as
// arn:${Partition}:iam::${Account}:user/${UserNameWithPath}; the builder asks for each variable by
// name and fills the template, with an empty part meaning "any" (*). Partition is always `aws`.

export interface ArnPart {
  /** The template variable: `Account`, `UserNameWithPath`. */
  readonly name: string;
  /** What the field is called: "Account", "Path + user name". */
  readonly label: string;
}

const VARIABLE = /\$\{([A-Za-z0-9]+)\}/g;
const SINGLE_SEGMENT = new Set(["Partition", "Region", "Account"]);

/** "UserNameWithPath" → "Path + user name"; "BucketName" → "Bucket name". */
export function arnPartLabel(name: string): string {
  const withPath = name.endsWith("WithPath");
  const base = withPath ? name.slice(0, -"WithPath".length) : name;
  const words = base.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").split(" ");
  const text = words.map((word, i) => (i === 0 || /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase())).join(" ");
  return withPath ? `Path + ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** The parts of a template the builder asks for, in order, without Partition. */
export function arnTemplateParts(template: string): ArnPart[] {
  const seen = new Set<string>();
  const parts: ArnPart[] = [];
  for (const [, name] of template.matchAll(VARIABLE)) {
    if (name === undefined || name === "Partition" || seen.has(name)) continue;
    seen.add(name);
    parts.push({ name, label: arnPartLabel(name) });
  }
  return parts;
}

/** The ARN for the given part values; an empty or missing part becomes `*`. */
export function buildArn(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(VARIABLE, (_whole, name: string) => (name === "Partition" ? "aws" : values[name]?.trim() || "*"));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The part values of an ARN written for this template, or undefined when the ARN does not have the
 * template's shape. Used to file existing ARNs under their resource type.
 */
export function matchArn(template: string, arn: string): Record<string, string> | undefined {
  const names: string[] = [];
  let pattern = "";
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    const name = match[1] as string;
    pattern += escape(template.slice(last, match.index));
    pattern += SINGLE_SEGMENT.has(name) ? "([^:]*)" : "(.+)";
    names.push(name);
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += escape(template.slice(last));
  const found = new RegExp(`^${pattern}$`).exec(arn);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? ""]));
}

/**
 * The key of the resource type an ARN belongs to, among `types`. Several templates can fit one ARN
 * (an S3 object ARN also fits the bucket template, whose name part swallows the slash), so the
 * template with the most fixed text wins.
 */
export function resourceTypeOfArn(arn: string, types: readonly { key: string; arn: string }[]): string | undefined {
  let best: { key: string; literal: number } | undefined;
  for (const type of types) {
    if (!matchArn(type.arn, arn)) continue;
    const literal = type.arn.replace(VARIABLE, "").length;
    if (!best || literal > best.literal) best = { key: type.key, literal };
  }
  return best?.key;
}
