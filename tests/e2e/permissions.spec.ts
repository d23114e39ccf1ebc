// The console knows, before anyone clicks, what the signed-in principal may do on a page (one
// GetCallerPermissions per page): controls the engine would refuse are shown disabled with the
// reason; a denial that hangs on MFA offers "Sign in again with MFA"; a path-scoped grant keeps
// "Create user" enabled with a note, and the wizard's Review step checks the exact path again before
// the final button.

import type { Page } from "@playwright/test";
import { createConsoleUser, expect, newRootAccount, screenshot, signInAsIamUser, signOut, signUp, test } from "./support";

const root = newRootAccount("Permissions");
const READERS = "Readers";
const BOB = "bob";
const FRAN = "fran";
const MENTOR = "mentor";
const PASSWORD = "Permissions-Pass-1!";
const FORCE_MFA = "ForceMFA-ManageOwnCredentials";
const INTERN_CREATOR = "CreateInterns";

test.describe.configure({ mode: "serial" });

let page: Page;
let accountId = "";

// Each person signs in on a browser of their own, as they would: nothing remembered from another's sign-in.
test.beforeEach(async ({ browser }) => {
  page = await browser.newPage();
});

test.afterEach(async () => {
  await page.close();
});


/** The wizard as a path-scoped creator drives it: name, path, no console access, straight to Review. */
async function walkToReview(userName: string, path: string) {
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Path (optional)").fill(path);
  for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Review and create" })).toBeVisible();
}

test("root sets up a read-only user, a user held to MFA and a creator of interns", async () => {
  test.setTimeout(90_000);
  accountId = await signUp(page, root);

  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill(READERS);
  await page.getByLabel("Search policies by name").fill("IAMReadOnly");
  await page.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true }).check();
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL(`**/groups/${READERS}`);

  // A customer managed policy that allows CreateUser only under /interns/.
  await page.goto("/policies/new");
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = page.getByRole("textbox", { name: "Policy document" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateUser", Resource: `arn:aws:iam::${accountId}:user/interns/*` }] }, null, 2),
  );
  await page.getByTestId("policy-name").fill(INTERN_CREATOR);
  await page.getByTestId("create-policy-submit").click();
  await page.waitForURL(/\/policies\/arn/);

  await createConsoleUser(page, BOB, PASSWORD, { group: READERS });
  await createConsoleUser(page, FRAN, PASSWORD, { group: READERS, policies: [FORCE_MFA] });
  await createConsoleUser(page, MENTOR, PASSWORD, { group: READERS, policies: [INTERN_CREATOR] });

  // Root may do everything: no control is off, and no reason is shown.
  await page.goto("/users");
  await expect(page.getByRole("link", { name: "Create user" })).toBeVisible();
  await expect(page.getByTestId("permission-reason")).toHaveCount(0);
  await signOut(page);
});

test("a read-only user sees Create user, Assign MFA device and Create access key disabled, each with its reason", async () => {
  await signInAsIamUser(page, accountId, BOB, PASSWORD);

  await page.goto("/users");
  const createUser = page.getByRole("button", { name: "Create user" });
  await expect(createUser).toBeDisabled();
  await expect(page.getByRole("link", { name: "Create user" })).toHaveCount(0);
  await expect(createUser).toHaveAccessibleDescription(/^iam:CreateUser is not allowed: no policy allows it\. Ask an administrator/);
  await expect(page.getByTestId("permission-reason")).toContainText("iam:CreateUser is not allowed: no policy allows it.");
  await screenshot(page, "permissions-users-read-only");

  // Opened by its address, the wizard does not start: the reason comes before any step.
  await page.goto("/users/new");
  await expect(page.getByTestId("create-user-denied")).toContainText("iam:CreateUser is not allowed: no policy allows it.");
  await expect(page.getByTestId("create-user-wizard")).toHaveCount(0);

  await page.goto("/groups");
  await expect(page.getByRole("button", { name: "Create group" })).toHaveAccessibleDescription(/^iam:CreateGroup is not allowed/);
  await page.goto("/policies");
  await expect(page.getByRole("button", { name: "Create policy" })).toHaveAccessibleDescription(/^iam:CreatePolicy is not allowed/);

  // His own user page: Delete is off, as is adding him to a group.
  await page.goto(`/users/${BOB}?tab=groups`);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveAccessibleDescription(/^iam:DeleteUser is not allowed: no policy allows it on arn:aws:iam::\d{12}:user\/bob\./);
  await expect(page.getByRole("button", { name: "Add user to groups" })).toHaveAccessibleDescription(/^iam:AddUserToGroup is not allowed/);

  await page.goto("/me");
  const assign = page.getByRole("button", { name: "Assign MFA device" });
  await expect(assign).toBeDisabled();
  await expect(assign).toHaveAccessibleDescription(/^iam:CreateVirtualMFADevice is not allowed: no policy allows it\./);
  const createKey = page.getByRole("button", { name: "Create access key" });
  await expect(createKey).toBeDisabled();
  await expect(createKey).toHaveAccessibleDescription(/^iam:CreateAccessKey is not allowed: no policy allows it on arn:aws:iam::\d{12}:user\/bob\./);
  // Nothing here hangs on MFA, so nothing offers to sign in again.
  await expect(page.getByRole("button", { name: "Sign in again with MFA" })).toHaveCount(0);
  await screenshot(page, "permissions-me-read-only");
  await signOut(page);
});

test("a user held to MFA is told the access keys need an MFA sign-in, and offered Sign in again with MFA", async () => {
  await signInAsIamUser(page, accountId, FRAN, PASSWORD);
  await page.goto("/me");
  await expect(page.getByTestId("me-session-mfa")).toHaveText("Signed in without MFA");

  // ForceMFA lets her enroll a device without MFA: that button stays on.
  await expect(page.getByRole("button", { name: "Assign MFA device" })).toBeEnabled();

  const keys = page.getByTestId("access-keys");
  const createKey = keys.getByRole("button", { name: "Create access key" });
  await expect(createKey).toBeDisabled();
  await expect(createKey).toHaveAccessibleDescription(/^iam:CreateAccessKey requires signing in with MFA: sign out, then sign in again with a code from your MFA device \(assign one first if you have none\)\./);
  // Listing the keys was refused for the same reason: the panel says so instead of "Ask an administrator".
  const denied = keys.getByTestId("access-denied");
  await expect(denied).toContainText("iam:ListAccessKeys");
  await expect(denied.getByTestId("access-denied-needs-mfa")).toHaveText(/This action needs a session signed in with MFA\./);
  await expect(denied).not.toContainText("Ask an administrator");
  await expect(keys.getByRole("button", { name: "Sign in again with MFA" }).first()).toBeEnabled();
  await screenshot(page, "permissions-me-needs-mfa");

  await keys.getByRole("button", { name: "Sign in again with MFA" }).first().click();
  await page.waitForURL("**/signin");
  await expect(page.getByTestId("signin-form")).toBeVisible();
});

test("a path-scoped creator: Create user is on with a note, and Review refuses path / with the reason but allows /interns/", async () => {
  await signInAsIamUser(page, accountId, MENTOR, PASSWORD);
  await page.goto("/users");
  const createUser = page.getByRole("link", { name: "Create user" });
  await expect(createUser).toBeVisible();
  const note = `Your policies allow iam:CreateUser only on arn:aws:iam::${accountId}:user/interns/*`;
  await expect(createUser).toHaveAccessibleDescription(new RegExp(`^${note.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
  await expect(page.getByTestId("permission-note")).toContainText(note);
  await createUser.click();
  await page.waitForURL("**/users/new");

  await walkToReview("ivy", "/");
  const denials = page.getByTestId("wizard-review-denials");
  await expect(denials).toContainText(`Create user ivy in path /: iam:CreateUser is not allowed: no policy allows it on arn:aws:iam::${accountId}:user/ivy.`);
  const submit = page.getByRole("button", { name: "Create user" });
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveAccessibleDescription(/iam:CreateUser is not allowed/);
  await screenshot(page, "permissions-review-refused");

  for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Back" }).click();
  await page.getByLabel("Path (optional)").fill("/interns/");
  for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-review")).toContainText("/interns/");
  await expect(submit).toBeEnabled();
  await expect(denials).toHaveCount(0);
  await submit.click();
  await expect(page.getByTestId("created-user-name")).toHaveText("ivy");
});
