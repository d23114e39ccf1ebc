import { describe, expect, it } from "vitest";
import { isVisualOperator, VISUAL_CONDITION_OPERATORS } from "@/components/policyEditor/conditionOperators";
import { parseOperator } from "@/lib/policy";

// The menu as the visual editor has always shown it, written out: deriving it from the engine's
// operator list must not change what people see.
const BASE = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "IpAddress",
  "NotIpAddress",
];

describe("the visual editor's condition operators", () => {
  it("lists the base operators, then their IfExists forms, then Null", () => {
    expect(VISUAL_CONDITION_OPERATORS).toEqual([...BASE, ...BASE.map((op) => `${op}IfExists`), "Null"]);
  });

  it("offers only operators the engine accepts", () => {
    for (const operator of VISUAL_CONDITION_OPERATORS) expect(parseOperator(operator), operator).toHaveProperty("base");
  });

  it("leaves the binary operator and set operators to the JSON editor", () => {
    expect(isVisualOperator("BinaryEquals")).toBe(false);
    expect(isVisualOperator("ForAnyValue:StringEquals")).toBe(false);
    expect(isVisualOperator("NullIfExists")).toBe(false);
    expect(isVisualOperator("ArnLikeIfExists")).toBe(true);
  });
});
