// A control that sends several operations shows one answer: "Assign MFA device" (create, then
// enable) is off if either is refused; "Attach" (to users or to groups) only if both are.

import { describe, expect, it } from "vitest";
import { ALLOWED, allOf, anyOf, type ControlPermission } from "@/components/permissions/controlPermission";

const denied = (reason: string): ControlPermission => ({ state: "denied", reason });
const depends: ControlPermission = { state: "depends", note: "only on user/interns/*" };

describe("combined control permissions", () => {
  it("allOf: the first denial decides, else the first depends, else allowed", () => {
    expect(allOf(ALLOWED, denied("no create"), denied("no enable"))).toEqual(denied("no create"));
    expect(allOf(depends, denied("no enable"))).toEqual(denied("no enable"));
    expect(allOf(ALLOWED, depends)).toEqual(depends);
    expect(allOf(ALLOWED, undefined)).toEqual(ALLOWED);
  });

  it("anyOf: denied only when every choice is, and keeps a depends note", () => {
    expect(anyOf(denied("no users"), denied("no groups"))).toEqual(denied("no users"));
    expect(anyOf(denied("no users"), ALLOWED)).toEqual(ALLOWED);
    expect(anyOf(denied("no users"), depends)).toEqual(depends);
    expect(anyOf()).toEqual(ALLOWED);
  });
});
