import { describe, expect, it } from "vitest";
import { decodeNotice, encodeNotice, noticeSentence } from "@/components/feedback/notice";

// The notice cookie as the browser sees it: Next's cookies().set percent-encodes the value once, and
// document.cookie shows it that way. A value encoded twice would never decode, and no notice would show.
const asTheBrowserSeesIt = (value: string) => encodeURIComponent(value);

describe("success notices", () => {
  it("survive the trip through the cookie header and read as their sentence", () => {
    const cookie = asTheBrowserSeesIt(encodeNotice({ kind: "group-created", subject: "Developers" }));
    const notice = decodeNotice(cookie);
    expect(notice).toEqual({ kind: "group-created", subject: "Developers", object: undefined, entity: undefined, count: undefined });
    expect(noticeSentence(notice!)).toBe("User group Developers created. Add users on its Users tab and policies on its Permissions tab.");
  });

  it("name one policy, or count several", () => {
    expect(noticeSentence({ kind: "policies-attached", entity: "group", subject: "Developers", object: "IAMUserChangePassword", count: 1 })).toBe(
      "Policy IAMUserChangePassword attached to group Developers.",
    );
    expect(noticeSentence({ kind: "policies-attached", entity: "user", subject: "bob", object: "A", count: 3 })).toBe("3 policies attached to user bob.");
  });

  it("say whose permissions boundary changed, a user's or a role's", () => {
    const notice = decodeNotice(asTheBrowserSeesIt(encodeNotice({ kind: "permissions-boundary-set", entity: "role", subject: "Deployer", object: "DevBoundary" })));
    expect(noticeSentence(notice!)).toBe("Permissions boundary of role Deployer set to DevBoundary: the role's policies now grant at most what DevBoundary allows.");
    expect(noticeSentence({ kind: "permissions-boundary-removed", entity: "user", subject: "bob" })).toBe(
      "Permissions boundary removed from user bob: its identity-based policies alone now decide what it may do.",
    );
  });

  it("refuse a cookie this console did not write: unknown kinds, markup in names, nonsense", () => {
    for (const notice of [{ kind: "hacked" }, { kind: "group-created", subject: "<b>x</b>" }, { kind: "members-added", count: -1 }]) {
      expect(decodeNotice(asTheBrowserSeesIt(JSON.stringify(notice)))).toBeUndefined();
    }
    expect(decodeNotice("%E0%A4%A")).toBeUndefined();
    expect(decodeNotice("not json")).toBeUndefined();
  });
});
