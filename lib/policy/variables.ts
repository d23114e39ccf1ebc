// Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${key}` is replaced
// by the request's value for key, `${key, 'default'}` falls back to the default, and `${*}`, `${?}`,
// `${$}` stand for the literal characters. Variables are only substituted in documents whose Version
// is 2012-10-17; elsewhere the text is literal. A substituted value is always literal text, never a
// wildcard, and a key that is missing (or multivalued) without a default makes the element not match.

import type { PatternPart } from "./wildcard";

export type TemplatePiece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "variable"; readonly key: string; readonly lowerKey: string; readonly fallback?: string };

export interface Template {
  readonly pieces: readonly TemplatePiece[];
  /** True when at least one piece depends on the request context. */
  readonly dynamic: boolean;
}

const ESCAPES: Record<string, string> = { "*": "*", "?": "?", $: "$" };

// `${ key , 'default' }`: whitespace around the key and comma is ignored; `''` inside the default
// stands for one quote.
const VARIABLE_BODY = /^\s*([^\s,'{}$]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

/** Splits text into literal wildcard-text and variables. Malformed `${…}` stays as text. */
export function parseTemplate(text: string): Template {
  const pieces: TemplatePiece[] = [];
  let dynamic = false;
  let buffer = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("${", i);
    if (start < 0) break;
    const end = text.indexOf("}", start + 2);
    if (end < 0) break;
    const body = text.slice(start + 2, end);
    const escape = ESCAPES[body];
    const variable = escape === undefined ? VARIABLE_BODY.exec(body) : null;
    if (escape === undefined && !variable) {
      buffer += text.slice(i, start + 2);
      i = start + 2;
      continue;
    }
    buffer += text.slice(i, start);
    if (buffer) pieces.push({ kind: "text", text: buffer });
    buffer = "";
    if (escape !== undefined) {
      pieces.push({ kind: "literal", text: escape });
    } else {
      const key = variable![1]!;
      const fallback = variable![2]?.replaceAll("''", "'");
      pieces.push({ kind: "variable", key, lowerKey: key.toLowerCase(), fallback });
      dynamic = true;
    }
    i = end + 1;
  }
  buffer += text.slice(i);
  if (buffer) pieces.push({ kind: "text", text: buffer });
  return { pieces, dynamic };
}

/** The template when the document's Version gives no variables: the whole text, wildcards active. */
export function literalTemplate(text: string): Template {
  return { pieces: text ? [{ kind: "text", text }] : [], dynamic: false };
}

export type ContextLookup = (lowerKey: string) => string | readonly string[] | undefined;

/**
 * Substitutes the variables; returns pattern parts (text parts keep their wildcards, substituted
 * parts are literal), or undefined when a variable cannot be resolved.
 */
export function resolveTemplate(template: Template, lookup: ContextLookup): PatternPart[] | undefined {
  const parts: PatternPart[] = [];
  for (const piece of template.pieces) {
    if (piece.kind === "text") parts.push({ text: piece.text, literal: false });
    else if (piece.kind === "literal") parts.push({ text: piece.text, literal: true });
    else {
      const value = lookup(piece.lowerKey);
      // Multivalued keys cannot be used as variables (User Guide, "Single-valued vs. multivalued").
      if (typeof value === "string") parts.push({ text: value, literal: true });
      else if (piece.fallback !== undefined) parts.push({ text: piece.fallback, literal: true });
      else return undefined;
    }
  }
  return parts;
}

/** The resolved text with wildcards kept as text (for exact-match operators). */
export function partsToText(parts: readonly PatternPart[]): string {
  let text = "";
  for (const part of parts) text += part.text;
  return text;
}

export function templateFor(text: string, variablesEnabled: boolean): Template {
  return variablesEnabled && text.includes("${") ? parseTemplate(text) : literalTemplate(text);
}

/**
 * Templates for the Resource element: "You can use a policy variable in the Resource element, but
 * only in the resource portion of the ARN … after the fifth colon", so anything before it is text.
 */
export function resourceTemplateFor(text: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !text.includes("${")) return literalTemplate(text);
  let fifthColon = -1;
  if (text.startsWith("arn:")) {
    for (let i = 0, at = -1; i < 5; i++) {
      at = text.indexOf(":", at + 1);
      if (at < 0) break;
      if (i === 4) fifthColon = at;
    }
  }
  if (fifthColon < 0) return parseTemplate(text);
  const head = text.slice(0, fifthColon + 1);
  const tail = parseTemplate(text.slice(fifthColon + 1));
  return { pieces: [{ kind: "text", text: head }, ...tail.pieces], dynamic: tail.dynamic };
}
