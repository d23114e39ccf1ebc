// The server log stays readable whatever a client sends: every console call becomes one line of at
// most LOG_LINE_LIMIT characters (a stack trace is folded into it), and one request adds at most
// one line. Without this, Next prints what a request carried (a 100,000-character user name that
// reached revalidatePath, a multi-line stack for each malformed body), so one request could add
// 100 KB, and a flood of them could fill the disk or bury the lines an operator needs.

import { AsyncLocalStorage } from "node:async_hooks";
import { formatWithOptions, stripVTControlCharacters } from "node:util";

export const LOG_LINE_LIMIT = 2000;
/** A truncated line keeps its end too: Next puts an error's digest (the reference users see) last. */
const KEPT_TAIL = 300;

const METHODS = ["log", "info", "warn", "error", "debug"] as const;

interface RequestLog {
  written: boolean;
}

const requests = new AsyncLocalStorage<RequestLog>();

/** One line: control characters and line breaks become visible separators, and the middle of a long line is cut. */
export function boundedLine(args: readonly unknown[]): string {
  const text = stripVTControlCharacters(formatWithOptions({ colors: false, breakLength: Infinity }, ...args))
    .replace(/\s*[\r\n]+\s*/g, " | ")
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f]/g, " ")
    .trim();
  if (text.length <= LOG_LINE_LIMIT) return text;
  const cut = `… [${text.length - LOG_LINE_LIMIT} characters cut] …`;
  const head = LOG_LINE_LIMIT - KEPT_TAIL - cut.length;
  return text.slice(0, head) + cut + text.slice(text.length - KEPT_TAIL);
}

let installed = false;

/** Replaces the console's methods for the whole process (Next logs through them). */
export function installBoundedConsole(): void {
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const write = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const request = requests.getStore();
      if (request?.written) return;
      if (request) request.written = true;
      write(boundedLine(args));
    };
  }
}

/** Runs one request's handling with its own log budget (async work it starts shares the budget). */
export function withRequestLog<T>(handle: () => T): T {
  return requests.run({ written: false }, handle);
}
