// Policy editing as the issue's proof tells it: root types a policy with mistakes into the JSON
// editor, sees them underlined and listed, jumps to one, fixes it and saves; attaches the policy to
// a group whose member tess can then list groups; saves v2 without that permission as the default,
// after which tess is denied and the "Can tess…?" box explains both decisions by policy version.
// Then the visual editor's JSON, and the five-version limit's "which version to delete" prompt.

import type { Locator, Page } from "@playwright/test";
import { expect, newRootAccount, screenshot, signInAsIamUser, signInAsRoot, signOut, signUp, test } from "./support";

const GROUP = "Testers";
const USER = "tess";
const USER_PASSWORD = "Tess-Console-Pass-7!";
const POLICY = "TesterAccess";

/** A policy document allowing `actions` on every resource, with the given Sid and Effect text. */
function policyText(actions: readonly string[], { sid = "ReadGroups", effect = "Allow" }: { sid?: string; effect?: string } = {}): string {
  return `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "${sid}",
      "Effect": "${effect}",
      "Action": [${actions.map((a) => `"${a}"`).join(", ")}],
      "Resource": "*"
    }
  ]
}`;
}

/** The CodeMirror content element: a textbox named by the editor's aria-label. */
function jsonEditor(page: Page): Locator {
  return page.getByRole("textbox", { name: "Policy document" });
}

async function openJsonTab(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.getByRole("tab", { name: "JSON" })).toHaveAttribute("aria-selected", "true");
  await expect(jsonEditor(page)).toBeVisible();
}

/** Select-all in the editor and put `text` in its place, as a paste would. */
async function replaceDocument(page: Page, text: string): Promise<void> {
  const editor = jsonEditor(page);
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page)).toBe(text);
}

/** The editor's text, one line per CodeMirror line. */
async function editorText(page: Page): Promise<string> {
  return jsonEditor(page).evaluate((element) => (element as HTMLElement).innerText.replace(/\u00a0/g, " ").replace(/\n$/, ""));
}

/** Makes a new version from the policy page: Edit, replace the JSON, choose the default, save. */
async function saveNewVersion(page: Page, text: string, setAsDefault: boolean): Promise<void> {
  await page.getByTestId("edit-policy").click();
  await page.waitForURL(/[?&]edit=1/);
  await openJsonTab(page);
  await replaceDocument(page, text);
  await page.getByTestId("set-as-default").setChecked(setAsDefault);
  await page.getByTestId("save-policy-version").click();
  await page.waitForURL(/[?&]tab=versions/);
}

function versionRows(page: Page): Locator {
  return page.getByTestId("policy-versions-table").getByTestId("policy-version-row");
}

async function expectVersions(page: Page, versionIds: readonly string[], defaultVersion: string): Promise<void> {
  await expect(versionRows(page)).toHaveCount(versionIds.length);
  for (const id of versionIds) await expect(versionRows(page).and(page.locator(`[data-version="${id}"]`))).toHaveCount(1);
  const defaults = versionRows(page).filter({ has: page.getByTestId("default-version-badge") });
  await expect(defaults).toHaveCount(1);
  await expect(defaults).toHaveAttribute("data-version", defaultVersion);
}

async function simulate(page: Page, action: string, resource: string): Promise<void> {
  const form = page.getByTestId("simulate-form");
  await form.getByTestId("simulate-action").fill(action);
  await form.getByTestId("simulate-resource").fill(resource);
  await form.getByTestId("simulate-submit").click();
  await expect(form.getByText(action, { exact: true })).toBeVisible();
}

test("a policy typed with mistakes is fixed, attached, versioned, and decides what a group member may do", async ({ page }) => {
  test.setTimeout(120_000);
  const root = newRootAccount("Policies");
  let accountId = "";
  let policyPath = "";

  await test.step(`root signs up and creates the group ${GROUP}`, async () => {
    accountId = await signUp(page, root);
    await page.goto("/groups/new");
    await page.getByLabel("User group name").fill(GROUP);
    await page.getByRole("button", { name: "Create user group" }).click();
    await page.waitForURL(`**/groups/${GROUP}`);
    await expect(page.getByTestId("group-title")).toHaveText(GROUP);
  });

  await test.step(`root creates ${USER} with a console password (no reset) in ${GROUP}`, async () => {
    await page.goto("/users/new");
    const wizard = page.getByTestId("create-user-wizard");
    await page.getByLabel("User name").fill(USER);
    await page.getByLabel("Provide user access to the console").check();
    await page.getByRole("radio", { name: /^Custom password/ }).check();
    await page.getByTestId("custom-password").fill(USER_PASSWORD);
    await page.getByLabel("Users must create a new password at next sign-in (recommended)").uncheck();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(wizard.getByRole("heading", { name: "Set permissions" })).toBeVisible();
    await page.getByTestId("wizard-groups").getByRole("checkbox", { name: GROUP }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(wizard.getByRole("heading", { name: "Add tags" })).toBeVisible();
    await page.getByRole("button", { name: "Next" }).click();
    const review = page.getByTestId("wizard-review");
    await expect(review.getByRole("region", { name: "Permissions" })).toContainText(GROUP);
    await expect(review).not.toContainText("new password required");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByTestId("created-user-name")).toHaveText(USER);
  });

  await test.step("the JSON editor underlines a syntax error and blocks Create policy", async () => {
    await page.goto("/policies/new");
    await openJsonTab(page);
    const missingComma = policyText(["iam:ListGroups", "iam:GetGroup"]).replace('"Effect": "Allow",', '"Effect": "Allow"');
    await replaceDocument(page, missingComma);
    const findings = page.getByTestId("policy-findings");
    await expect(findings.getByTestId("policy-finding").and(page.locator('[data-severity="error"]'))).not.toHaveCount(0);
    await expect(page.getByTestId("policy-json-editor").locator(".cm-lintRange-error")).not.toHaveCount(0);
    await expect(page.getByTestId("create-policy-submit")).toBeDisabled();
    // Format needs valid JSON.
    await expect(page.getByTestId("policy-format")).toBeDisabled();
  });

  await test.step("a misspelt Effect is an error finding; clicking it moves the cursor there", async () => {
    await replaceDocument(page, policyText(["iam:ListGroups", "iam:GetGroup"], { effect: "Alow" }));
    const errors = page.getByTestId("policy-findings").getByTestId("policy-finding").and(page.locator('[data-severity="error"]'));
    await expect(errors).toHaveCount(1);
    await expect(errors).toContainText("Alow");
    const underline = page.getByTestId("policy-json-editor").locator(".cm-lintRange-error");
    await expect(underline).toHaveCount(1);
    await expect(underline).toHaveText('"Alow"');
    await expect(page.getByTestId("create-policy-submit")).toBeDisabled();
    await expect(page.getByTestId("policy-char-count")).toContainText("/ 6,144 characters");
    await page.getByLabel("Policy name").fill(POLICY);
    await screenshot(page, "policy-editor-findings");

    // Park the cursor on the last line, then let the finding take it back to "Alow".
    await jsonEditor(page).click();
    await page.keyboard.press("ControlOrMeta+End");
    await expect(page.locator(".cm-activeLine")).toHaveText(/^\s*}\s*$/);
    await errors.getByRole("button").click();
    await expect(jsonEditor(page)).toBeFocused();
    await expect(page.locator(".cm-activeLine")).toHaveText(/^\s*"Effect": "Alow",\s*$/);

    // The cursor sits at the start of "Alow": select to the end of the line and retype it.
    await page.keyboard.press("Shift+End");
    await page.keyboard.type('"Allow",');
    await expect.poll(() => editorText(page)).toBe(policyText(["iam:ListGroups", "iam:GetGroup"]));
    await expect(page.getByTestId("policy-findings").locator('[data-severity="error"]')).toHaveCount(0);
    await expect(page.getByTestId("policy-json-editor").locator(".cm-lintRange-error")).toHaveCount(0);
    await expect(page.getByTestId("create-policy-submit")).toBeEnabled();
  });

  await test.step(`root saves ${POLICY} and sees its page`, async () => {
    await page.getByTestId("create-policy-submit").click();
    await page.waitForURL(/\/policies\/arn/);
    await expect(page.getByTestId("policy-title")).toHaveText(POLICY);
    const arn = `arn:aws:iam::${accountId}:policy/${POLICY}`;
    await expect(page.getByTestId("policy-arn")).toHaveText(arn);
    await expect(page.getByTestId("policy-default-version")).toHaveText("v1");
    await expect(page.getByTestId("policy-permissions")).toContainText('"iam:ListGroups"');
    policyPath = new URL(page.url()).pathname;
    await screenshot(page, "policy-created");
  });

  await test.step(`root attaches ${POLICY} to ${GROUP} from Entities attached`, async () => {
    await page.getByTestId("tab-entities").click();
    await page.waitForURL(/[?&]tab=entities/);
    await expect(page.getByTestId("no-entities-attached")).toBeVisible();
    const attach = page.getByTestId("attach-entities");
    await attach.locator("summary").click();
    await attach.getByTestId("attach-entities-groups").getByRole("checkbox", { name: new RegExp(`^${GROUP}\\b`) }).check();
    await page.getByTestId("attach-entities-submit").click();
    await expect(page.getByTestId("attached-entity-row").filter({ hasText: GROUP })).toBeVisible();
    await expect(page.getByTestId("no-entities-attached")).toHaveCount(0);
    await screenshot(page, "policy-entities-attached");
    await signOut(page);
  });

  await test.step(`${USER} signs in and can list groups`, async () => {
    await signInAsIamUser(page, accountId, USER, USER_PASSWORD);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "User groups" }).click();
    await page.waitForURL("**/groups");
    await expect(page.getByTestId("groups-table").getByRole("link", { name: GROUP })).toBeVisible();
    await expect(page.getByTestId("access-denied")).toHaveCount(0);
    await signOut(page);
  });

  await test.step(`root saves v2 without iam:ListGroups as the default`, async () => {
    await signInAsRoot(page, root);
    await page.goto(policyPath);
    await page.getByTestId("edit-policy").click();
    await page.waitForURL(/[?&]edit=1/);
    await expect(page.getByTestId("policy-title")).toHaveText(`Edit ${POLICY}`);
    await openJsonTab(page);
    expect(JSON.parse(await editorText(page))).toEqual(JSON.parse(policyText(["iam:ListGroups", "iam:GetGroup"])));
    await replaceDocument(page, policyText(["iam:GetGroup"]));
    await expect(page.getByTestId("set-as-default")).toBeChecked();
    await page.getByTestId("save-policy-version").click();
    await page.waitForURL(/[?&]tab=versions/);
    await expectVersions(page, ["v1", "v2"], "v2");
    await expect(page.getByTestId("policy-default-version")).toHaveText("v2");
    await expect(page.getByTestId("policy-version-document")).not.toContainText("iam:ListGroups");
    await screenshot(page, "policy-versions");
    await signOut(page);
  });

  await test.step(`${USER} is now denied iam:ListGroups and told why`, async () => {
    await signInAsIamUser(page, accountId, USER, USER_PASSWORD);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "User groups" }).click();
    await page.waitForURL("**/groups");
    const denied = page.getByTestId("access-denied");
    await expect(denied).toBeVisible();
    await expect(denied).toContainText("iam:ListGroups");
    await expect(page.getByTestId("access-denied-explanation")).toContainText(/no statement allows iam:ListGroups/i);
    await screenshot(page, "access-denied-list-groups");
    await signOut(page);
  });

  await test.step(`root asks "Can ${USER}…?" for both actions`, async () => {
    await signInAsRoot(page, root);
    await page.goto(`/users/${USER}?tab=access`);
    await expect(page.getByTestId("user-title")).toHaveText(USER);

    await simulate(page, "iam:ListGroups", "*");
    await expect(page.getByTestId("simulate-decision")).toHaveText("Implicitly denied");
    await expect(page.getByTestId("simulate-explanation")).toContainText(/no statement allows iam:ListGroups/i);
    // The trace names the version that was evaluated and did not match.
    await expect(page.getByTestId("simulate-trace")).toContainText(`${POLICY} v2 (via group ${GROUP})`);

    const groupArn = `arn:aws:iam::${accountId}:group/${GROUP}`;
    await simulate(page, "iam:GetGroup", groupArn);
    await expect(page.getByTestId("simulate-decision")).toHaveText("Allowed");
    const explanation = page.getByTestId("simulate-explanation");
    await expect(explanation).toContainText(`${POLICY} v2`);
    await expect(explanation).toContainText(`group ${GROUP}`);
    await expect(explanation).toContainText(`iam:GetGroup on ${groupArn}`);
    await expect(page.getByTestId("simulate-deciding-statements")).toContainText(`${POLICY} v2 (via group ${GROUP})`);
    await screenshot(page, "simulate-allowed");
  });

  await test.step("saving a sixth version asks which version to delete", async () => {
    await page.goto(policyPath);
    for (const n of [3, 4, 5]) {
      await saveNewVersion(page, policyText(["iam:GetGroup"], { sid: `ReadGroupsV${n}` }), false);
      await expect(versionRows(page)).toHaveCount(n);
    }
    await expectVersions(page, ["v1", "v2", "v3", "v4", "v5"], "v2");
    await expect(page.getByTestId("policy-versions")).toContainText("Policy versions (5 of 5)");

    await page.getByTestId("edit-policy").click();
    await page.waitForURL(/[?&]edit=1/);
    await expect(page.getByTestId("version-limit-note")).toBeVisible();
    await openJsonTab(page);
    await replaceDocument(page, policyText(["iam:GetGroup"], { sid: "ReadGroupsV6" }));
    await page.getByTestId("save-policy-version").click();

    const dialog = page.getByTestId("version-limit-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading", { name: "Version limit reached" })).toBeVisible();
    const choices = dialog.getByTestId("version-limit-choices");
    // Only non-default versions can go; the oldest is proposed first.
    await expect(choices.getByRole("radio")).toHaveCount(4);
    await expect(choices.getByRole("radio", { name: /^v2\b/ })).toHaveCount(0);
    await expect(choices.getByRole("radio", { name: /^v1\b/ })).toBeChecked();
    await choices.getByRole("radio", { name: /^v3\b/ }).check();
    await expect(dialog.getByTestId("version-limit-confirm")).toHaveText("Delete v3 and save");
    await screenshot(page, "policy-version-limit-dialog");
    await dialog.getByTestId("version-limit-confirm").click();
    await page.waitForURL(/[?&]tab=versions/);
    await expectVersions(page, ["v1", "v2", "v4", "v5", "v6"], "v6");
    await expect(versionRows(page).and(page.locator('[data-version="v3"]'))).toHaveCount(0);
    await expect(page.getByTestId("policy-version-document")).toContainText("ReadGroupsV6");
  });
});

test("the visual editor builds a statement and the JSON tab shows the document it made", async ({ page }) => {
  await signUp(page, newRootAccount("Visual"));
  await page.goto("/policies/new");
  await expect(page.getByRole("tab", { name: "Visual" })).toHaveAttribute("aria-selected", "true");
  const visual = page.getByTestId("policy-visual-editor");

  // Start from an empty policy and add the statement.
  await visual.getByRole("button", { name: "Remove statement 1" }).click();
  await expect(visual).toContainText("This policy has no statements yet.");
  await visual.getByTestId("policy-add-statement").click();
  const statement = visual.getByRole("region", { name: "Statement 1" });

  await statement.getByLabel("Choose a service").fill("iam");
  await statement.getByRole("list", { name: "Services" }).getByRole("button", { name: /^iam\s/ }).click();
  await expect(statement.getByTestId("policy-service")).toContainText("(iam)");

  const filter = statement.getByLabel("Filter iam actions");
  for (const action of ["ListUsers", "GetUser"]) {
    await filter.fill(action);
    await statement.getByRole("checkbox", { name: action, exact: true }).check();
  }
  await filter.fill("");
  await expect(statement.getByTestId("policy-actions")).toContainText("(2 selected)");
  await statement.getByRole("radio", { name: /^All resources/ }).check();
  await statement.getByRole("radio", { name: "Allow", exact: true }).check();
  await expect(page.getByTestId("policy-findings").locator('[data-severity="error"]')).toHaveCount(0);
  await screenshot(page, "policy-visual-editor");

  await openJsonTab(page);
  const document = JSON.parse(await editorText(page)) as { Version: string; Statement: { Effect: string; Action: string[]; Resource: unknown }[] };
  expect(document.Version).toBe("2012-10-17");
  expect(document.Statement).toHaveLength(1);
  const [only] = document.Statement;
  expect(only?.Effect).toBe("Allow");
  expect([...(only?.Action ?? [])].sort()).toEqual(["iam:GetUser", "iam:ListUsers"]);
  expect(only?.Resource).toBe("*");

  // And it saves as it reads.
  await page.getByLabel("Policy name").fill("UserReader");
  await page.getByTestId("create-policy-submit").click();
  await page.waitForURL(/\/policies\/arn/);
  await expect(page.getByTestId("policy-title")).toHaveText("UserReader");
  await expect(page.getByTestId("policy-permissions")).toContainText('"iam:ListUsers"');
});
