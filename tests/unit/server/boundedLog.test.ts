import { describe, expect, it } from "vitest";
import { boundedLine, installBoundedConsole, LOG_LINE_LIMIT, withRequestLog } from "@/scripts/server/boundedLog";

describe("a log line", () => {
  it("folds line breaks and control characters into one line", () => {
    expect(boundedLine(["first\nsecond\r\n  third", "\u001b[31mred\u001b[39m\u0007"])).toBe("first | second | third red");
  });

  it("cuts the middle of a long line and keeps its end, where Next puts an error's digest", () => {
    const error = Object.assign(new Error(`revalidatePath: ${"x".repeat(100_000)}`), { digest: "1234567890" });
    const line = boundedLine(["⨯", error]);
    expect(line.length).toBe(LOG_LINE_LIMIT);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toMatch(/^⨯ Error: revalidatePath: x+… \[\d+ characters cut\] …/);
    expect(line).toMatch(/digest: '1234567890' \| \}$/);
  });
});

describe("the bounded console", () => {
  it("lets one request add one line, and leaves lines outside requests alone", async () => {
    const written: string[] = [];
    console.error = (...args: unknown[]) => void written.push(args.join(" "));
    installBoundedConsole();
    await withRequestLog(async () => {
      console.error("⨯ Error: first\n    at somewhere");
      await Promise.resolve();
      console.error("⨯ Error: second");
    });
    await withRequestLog(async () => console.error("y".repeat(100_000)));
    console.error("outside a request");
    console.error("outside again");
    expect(written).toEqual(["⨯ Error: first | at somewhere", expect.stringMatching(/^y+… \[98000 characters cut\] …y+$/), "outside a request", "outside again"]);
    expect(written[1]).toHaveLength(LOG_LINE_LIMIT);
  });
});
