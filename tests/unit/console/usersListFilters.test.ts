// The users list's credential filters travel in its URL; the list turns them into ListUsers'
// ConsoleFilter, and the dashboard links to them.

import { describe, expect, it } from "vitest";
import { consoleFilterOf, describeUsersListFilter, usersListFilterFrom, usersListHref } from "@/components/users/usersListFilters";

describe("users list filters", () => {
  it("reads the filters a URL names, and ignores values the list does not offer", () => {
    expect(usersListFilterFrom({ mfa: "without", console: "enabled", keys: "older-than-90-days" })).toEqual({ mfa: "without", console: "enabled", keys: "older-than-90-days" });
    expect(usersListFilterFrom({ mfa: "sometimes", console: "", keys: ["older-than-90-days", "x"] })).toEqual({ keys: "older-than-90-days" });
    expect(usersListFilterFrom({})).toEqual({});
  });

  it("becomes ListUsers' ConsoleFilter, or none when nothing is chosen", () => {
    expect(consoleFilterOf({ mfa: "without", console: "enabled" })).toEqual({ MFA: "NotEnabled", ConsoleAccess: "Enabled" });
    expect(consoleFilterOf({ mfa: "with", console: "disabled", keys: "older-than-90-days" })).toEqual({ MFA: "Enabled", ConsoleAccess: "Disabled", ActiveAccessKeyOlderThanDays: 90 });
    expect(consoleFilterOf({})).toBeUndefined();
  });

  it("links to the filtered list and says what it was filtered by", () => {
    expect(usersListHref({ console: "enabled", mfa: "without" })).toBe("/users?console=enabled&mfa=without");
    expect(usersListHref({})).toBe("/users");
    expect(describeUsersListFilter({ mfa: "with", console: "enabled" })).toEqual(["with MFA", "with console access"]);
  });
});
