// The simulator's link carries every input and reads back as the same inputs; a matched statement's
// AWS positions (1-based line and column, the end its closing brace) mark exactly that statement.

import { describe, expect, it } from "vitest";
import { EMPTY_INPUTS, readSimulatorInputs, simulatorHref, type SimulatorInputs } from "@/components/simulator/simulatorQuery";
import { statementSpan } from "@/components/simulator/statementSpan";
import type { SearchParams } from "@/components/table/queryHref";
import { statementSpans } from "@/lib/policy";

function read(href: string): SimulatorInputs {
  const query = new URLSearchParams(href.split("?")[1]);
  const params: SearchParams = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    params[name] = values.length === 1 ? values[0] : values;
  }
  return readSimulatorInputs(params);
}

describe("the simulator's link", () => {
  it("round-trips every input of both modes, in order", () => {
    const principal: SimulatorInputs = {
      ...EMPTY_INPUTS,
      principal: "arn:aws:iam::123456789012:user/alice",
      off: ["inline/NoDeletes", "boundary"],
      mfa: true,
      actions: [
        { action: "iam:DeleteUser", resource: "*" },
        { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.pdf" },
      ],
      resourcePolicy: '{"Version":"2012-10-17","Statement":[]}',
      callerArn: "arn:aws:iam::123456789012:user/alice",
      resourceOwner: "arn:aws:iam::123456789012:root",
      scps: ['{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', '{"a": "&=?#"}'],
      context: [
        { key: "aws:SourceIp", value: "203.0.113.7" },
        { key: "aws:SourceIp", value: "198.51.100.1" },
      ],
    };
    expect(read(simulatorHref(principal))).toEqual(principal);
    const custom: SimulatorInputs = { ...EMPTY_INPUTS, mode: "custom", policies: ["{\n  \"Version\": \"2012-10-17\"\n}", "{}"], boundary: "{}", actions: [{ action: "iam:GetUser", resource: "*" }] };
    expect(read(simulatorHref(custom))).toEqual(custom);
  });

  it("fills an empty resource with *, drops empty actions, policies and keys, and leaves one mode's inputs out of the other's link", () => {
    const href = simulatorHref({ ...EMPTY_INPUTS, mode: "custom", principal: "arn:aws:iam::123456789012:user/alice", off: ["x"], policies: ["{}", " "], actions: [{ action: "iam:GetUser", resource: "" }, { action: " ", resource: "arn:aws:s3:::b" }], context: [{ key: "", value: "v" }] });
    expect(href).not.toContain("principal=");
    expect(href).not.toContain("off=");
    expect(read(href)).toEqual({ ...EMPTY_INPUTS, mode: "custom", policies: ["{}"], actions: [{ action: "iam:GetUser", resource: "*" }] });
  });
});

describe("statementSpan", () => {
  it("marks each statement from its opening brace to its closing one, in pretty and in one-line text", () => {
    const document = { Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" }, { Sid: "B", Effect: "Deny", Action: ["s3:Delete*", "s3:Put*"], Resource: "*" }] };
    for (const text of [JSON.stringify(document, null, 2), JSON.stringify(document), JSON.stringify(document, null, "\t")]) {
      const spans = statementSpans(text);
      const marked = spans.map((span) => {
        const range = statementSpan(text, { Line: span.start.line, Column: span.start.column }, { Line: span.end.line, Column: span.end.column })!;
        return JSON.parse(text.slice(range.from, range.to));
      });
      expect(marked).toEqual(document.Statement);
    }
  });

  it("gives nothing for positions that do not fit the text", () => {
    expect(statementSpan("{}", { Line: 3, Column: 1 }, { Line: 3, Column: 2 })).toBeUndefined();
    expect(statementSpan("{}", { Line: 1, Column: 2 }, { Line: 1, Column: 1 })).toBeUndefined();
    expect(statementSpan("{}", undefined, { Line: 1, Column: 1 })).toBeUndefined();
  });
});
