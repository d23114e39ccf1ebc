// Turns one element of the input array into a case value, parsing each distinct policy text once.
// A file of cases usually asks many questions of the same policies, and JSON.parse of those
// policies was most of the CLI's time per case. The element's documents (jsonArrayElements.ts)
// are cut out, replaced by placeholders, and looked up by their exact text (documentMemo.ts): the
// same text always stands for the same value, so sharing the parsed object between cases changes
// nothing (the engine never modifies a case), and lets the engine reuse what it read from it.

import type { DocumentMemo } from "./documentMemo";
import type { ArrayElement } from "./jsonArrayElements";

export class CaseReader {
  constructor(private readonly memo: DocumentMemo) {}

  /** No case text can contain it by chance: the placeholders' prefix, unique per process. */
  private readonly prefix = `\u0000policy-cli-${Math.random().toString(36).slice(2)}-`;
  /** The prefix as JSON text (JSON strings cannot hold a raw control character). */
  private readonly prefixText = JSON.stringify(this.prefix).slice(1, -1);

  /** The element's value, as JSON.parse would return it; throws JSON.parse's SyntaxError if it is not JSON. */
  read(element: ArrayElement): unknown {
    if (element.documents.length === 0 || !this.memo.enabled) return JSON.parse(element.text);
    try {
      return this.readShared(element);
    } catch {
      // Say where the element itself is broken: the positions in a document's or the skeleton's
      // message would mislead.
      return JSON.parse(element.text);
    }
  }

  private readShared(element: ArrayElement): unknown {
    const { text, documents, documentTexts } = element;
    const values: unknown[] = [];
    let skeleton = "";
    let last = 0;
    for (let k = 0; k < documents.length; k += 2) {
      const start = documents[k]!;
      const end = documents[k + 1]!;
      skeleton += `${text.slice(last, start)}"${this.prefixText}${values.length}"`;
      values.push(this.memo.value(documentTexts[k / 2] ?? text.slice(start, end)));
      last = end;
    }
    skeleton += text.slice(last);
    return this.restoreRoot(JSON.parse(skeleton), values);
  }

  /** Puts the documents back where their placeholders are: in the root's fields and in arrays below them. */
  private restore(value: unknown, values: readonly unknown[]): unknown {
    if (typeof value === "string") return value.startsWith(this.prefix) ? values[Number(value.slice(this.prefix.length))] : value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.restore(value[i], values);
      return value;
    }
    return value;
  }

  /** The root: a case object (or, for a malformed case, an array) whose fields may hold placeholders. */
  private restoreRoot(root: unknown, values: readonly unknown[]): unknown {
    if (typeof root !== "object" || root === null || Array.isArray(root)) return this.restore(root, values);
    const fields = root as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      const restored = this.restore(value, values);
      if (restored === value) continue;
      // Assigning "__proto__" would set the prototype; JSON.parse made it an own field.
      if (key === "__proto__") Object.defineProperty(fields, key, { value: restored, writable: true, enumerable: true, configurable: true });
      else fields[key] = restored;
    }
    return root;
  }
}
