// "Who can" and "What it can do", as an auditor uses them: root sets up an Administrators group
// (AdministratorAccess) with alice in it, a reader (IAMReadOnlyAccess) and an administrator held back
// by a Deny on iam:DeleteUser; asks who can iam:DeleteUser on user/* and gets the administrators, with
// the deciding statement and the group it comes through, and the held-back one among the denied;
// then opens what alice can do and what the reader can do. A user who may read identities but not
// simulate their policies sees the pages' "What it can do" buttons disabled with the reason.
// Screenshots at desktop and phone width; axe.

import { atBothWidths, createConsoleUser, expect, newRootAccount, signInAsIamUser, signInAsRoot, signOut, signUp, test, WIDTHS } from "./support";

const PASSWORD = "Who-Can-Audit-2026!";

test("asks who can iam:DeleteUser on user/* and gets the administrators, then what each can do", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(WIDTHS.desktop);
  const accountId = await signUp(page, newRootAccount("Who can"));

  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill("Administrators");
  await page.getByLabel("Search policies by name").fill("AdministratorAccess");
  await page.getByRole("checkbox", { name: "AdministratorAccess", exact: true }).check();
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL("**/groups/Administrators");

  await page.goto("/policies/new");
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = page.getByRole("textbox", { name: "Policy document" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "KeepUsers", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }] }, null, 2));
  await page.getByTestId("policy-name").fill("NoUserDeletion");
  await page.getByTestId("create-policy-submit").click();
  await page.waitForURL(/\/policies\/arn/);

  await createConsoleUser(page, "alice", PASSWORD, { group: "Administrators" });
  await createConsoleUser(page, "reader", PASSWORD, { policies: ["IAMReadOnlyAccess"] });
  await createConsoleUser(page, "careful", PASSWORD, { policies: ["AdministratorAccess", "NoUserDeletion"] });

  // The page before a question says what it answers.
  await page.goto("/who-can");
  await expect(page.getByTestId("who-can-unasked")).toBeVisible();
  await page.getByLabel("Action").fill("iam:DeleteUser");
  await page.getByLabel("Resource").fill(`arn:aws:iam::${accountId}:user/*`);
  await page.getByTestId("who-can-ask").click();
  await page.waitForURL(/action=iam%3ADeleteUser/);

  const table = page.getByTestId("who-can-table");
  const row = (name: string, type = "user") => table.getByTestId(`principal-${type}-${name}`);
  await expect(page.getByTestId("who-can-summary")).toContainText("2 principals are allowed iam:DeleteUser");
  await expect(row("alice").getByTestId("access-decision")).toHaveText("Allowed");
  await expect(row("alice").getByTestId("deciding-statement")).toContainText("AdministratorAccess");
  await expect(row("alice").getByTestId("deciding-statement")).toContainText("via group Administrators");
  await expect(row("Administrators", "group").getByTestId("access-decision")).toHaveText("Allowed");
  await expect(row("Administrators", "group")).toContainText("1 member inherits this.");
  await expect(row("careful").getByTestId("access-decision")).toHaveText("Denied by a statement");
  await expect(row("careful").getByTestId("deciding-statement")).toContainText("KeepUsers");
  await expect(row("reader")).toHaveCount(0);
  // The question is in the URL and the form keeps it.
  await expect(page.getByLabel("Action")).toHaveValue("iam:DeleteUser");
  await atBothWidths(page, "who-can-answer");

  // The auditor's view of who is stopped, and by what.
  await page.getByTestId("tab-explicitDeny").click();
  await expect(table.getByTestId("access-decision")).toHaveText(["Denied by a statement"]);
  await expect(row("careful")).toContainText("Explicitly denied");

  // A question nobody is allowed: an empty state, not an empty table.
  await page.goto(`/who-can?action=s3%3ADeleteBucket&resource=arn%3Aaws%3As3%3A%3A%3Aarchive&decision=limitedByBoundary`);
  await expect(page.getByTestId("who-can-empty")).toBeVisible();

  // Everything alice can do, from her row of the answer.
  await page.goto(`/who-can?action=iam%3ADeleteUser&resource=${encodeURIComponent(`arn:aws:iam::${accountId}:user/*`)}`);
  await row("alice").getByRole("link", { name: "What it can do" }).click();
  await expect(page.getByRole("heading", { name: "What alice can do" })).toBeVisible();
  await expect(page.getByTestId("principal-permissions-summary")).toContainText(/is allowed actions in \d{3} services/);
  await page.getByTestId("principal-permissions-service").fill("iam");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("service-iam")).toContainText(/(\d+) of \1 actions allowed/);
  // AdministratorAccess grants every IAM action alike: one row lists them all.
  const everything = page.getByTestId("service-iam").getByRole("row").filter({ has: page.getByTestId("action-iam:DeleteUser") });
  await expect(everything.getByText(/^All \d+ actions$/)).toBeVisible();
  await expect(everything.getByTestId("deciding-statement")).toContainText("via group Administrators");
  await everything.getByText(/^All \d+ actions$/).click();
  await expect(everything.getByTestId("action-iam:DeleteUser")).toBeVisible();
  await atBothWidths(page, "who-can-principal");

  // The reader's, from the user's own page: reads only.
  await page.goto("/users/reader");
  await page.getByTestId("user-what-it-can-do").click();
  await expect(page.getByRole("heading", { name: "What reader can do" })).toBeVisible();
  const iam = page.getByTestId("service-iam");
  await expect(iam.getByRole("row").filter({ has: page.getByTestId("action-iam:ListUsers") }).getByTestId("access-decision")).toHaveText("Allowed");
  await expect(iam.getByTestId("action-iam:ListUsers")).toBeAttached();
  await expect(iam.getByTestId("action-iam:DeleteUser")).toHaveCount(0);
  await atBothWidths(page, "who-can-reader");
});

test("shows What it can do disabled, with the reason, to a user who may read users, groups and roles but not simulate their policies", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(WIDTHS.desktop);
  const root = newRootAccount("What it can do denied");
  const accountId = await signUp(page, root);

  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill("Viewers");
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL("**/groups/Viewers");
  // The create-role wizard with its defaults: trusted by this account, no policies.
  await page.goto("/roles/new");
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("role-name").fill("Deployer");
  await page.getByTestId("create-role-submit").click();
  await page.waitForURL("**/roles/Deployer");
  // Reads only: unlike IAMReadOnlyAccess, iam:Get* and iam:List* do not allow iam:SimulatePrincipalPolicy.
  await page.goto("/policies/new");
  await page.getByRole("tab", { name: "JSON" }).click();
  await page.getByRole("textbox", { name: "Policy document" }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "ReadIdentities", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }] }, null, 2));
  await page.getByTestId("policy-name").fill("IdentityViewer");
  await page.getByTestId("create-policy-submit").click();
  await page.waitForURL(/\/policies\/arn/);
  await createConsoleUser(page, "viewer", PASSWORD, { policies: ["IdentityViewer"] });
  await signOut(page);

  await signInAsIamUser(page, accountId, "viewer", PASSWORD);
  for (const [path, testId, arn] of [
    ["/users/viewer", "user-what-it-can-do", `arn:aws:iam::${accountId}:user/viewer`],
    ["/groups/Viewers", "group-what-it-can-do", `arn:aws:iam::${accountId}:group/Viewers`],
    ["/roles/Deployer", "role-what-it-can-do", `arn:aws:iam::${accountId}:role/Deployer`],
  ] as const) {
    await page.goto(path);
    const button = page.getByTestId(testId);
    await expect(button).toHaveAttribute("aria-disabled", "true");
    await expect(button).toHaveAccessibleDescription(`iam:SimulatePrincipalPolicy is not allowed: no policy allows it on ${arn}. Ask an administrator for it if you need it.`);
    // A button that goes nowhere, not a link to the answer.
    await expect(page.getByRole("link", { name: "What it can do" })).toHaveCount(0);
  }
  await page.goto("/users/viewer");
  await atBothWidths(page, "who-can-button-denied");

  // Root may: the same button is a link to the answer.
  await signOut(page);
  await signInAsRoot(page, root);
  await page.goto("/roles/Deployer");
  await page.getByTestId("role-what-it-can-do").click();
  await expect(page.getByRole("heading", { name: "What Deployer can do" })).toBeVisible();
});
