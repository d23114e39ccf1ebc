// The policy simulator page, as an administrator uses it: simulate a user's actions and see the
// explicit Deny's statement highlighted in its policy; switch that policy off and see the decision
// change; reload the link and get the same answer; then paste new policies into the sandbox with an
// SCP level and see the SCP named as the layer that decided. A user who may not simulate sees Run
// disabled, with the reason. Screenshots at desktop and phone width; axe on both.

import type { Page } from "@playwright/test";
import { createConsoleUser, expect, expectNoAxeViolations, newRootAccount, screenshot, signInAsIamUser, signOut, signUp, test, WIDTHS } from "./support";


async function pastePolicy(page: Page, textbox: string, document: object): Promise<void> {
  await page.getByRole("textbox", { name: textbox }).fill(JSON.stringify(document, null, 2));
}

const results = (page: Page) => page.getByTestId("simulation-result");
const decisionOf = (page: Page, row: number) => results(page).nth(row).getByTestId("result-decision");

async function shots(page: Page, name: string): Promise<void> {
  for (const [width, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await screenshot(page, `simulator-${name}-${width}`);
    await expectNoAxeViolations(page, `${name} at ${width} width`);
  }
  await page.setViewportSize(WIDTHS.desktop);
}

test("an administrator simulates a user's policies, switches one off, shares the link, and simulates new policies with an SCP", async ({ page }) => {
  test.setTimeout(360_000);
  const accountId = await signUp(page, newRootAccount("Simulator"));
  const alice = `arn:aws:iam::${accountId}:user/alice`;

  await test.step("alice has IAMFullAccess and an inline Deny on iam:DeleteUser", async () => {
    await createConsoleUser(page, "alice", "Alice-Pass-2026!", { policies: ["IAMFullAccess"] });
    await page.goto("/users/alice/inline-policy");
    await page.getByRole("tab", { name: "JSON" }).click();
    await page.getByRole("textbox", { name: "Policy document" }).click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }] }, null, 2));
    await page.getByTestId("inline-policy-name").fill("NoDeletes");
    await page.getByTestId("save-inline-policy").click();
    await page.waitForURL(/tab=permissions/);
  });

  await test.step("the simulator is in the navigation and says what to do first", async () => {
    await page.getByRole("link", { name: "Policy simulator" }).click();
    await page.waitForURL("**/simulator");
    await expect(page.getByTestId("simulator-empty")).toBeVisible();
    await shots(page, "empty");
  });

  await test.step("a denied action shows the explicit Deny and its statement highlighted in the policy text", async () => {
    await page.getByTestId("simulator-principal").fill(alice);
    await page.getByTestId("simulator-action").first().fill("iam:DeleteUser");
    await page.getByTestId("simulator-add-action").click();
    await page.getByTestId("simulator-action").nth(1).fill("iam:ListUsers");
    await page.getByTestId("simulator-resource").nth(1).fill(`arn:aws:iam::${accountId}:user/*`);
    await page.getByTestId("simulator-run").click();
    await expect(decisionOf(page, 0)).toHaveAttribute("data-decision", "explicitDeny");
    await expect(decisionOf(page, 1)).toHaveAttribute("data-decision", "allowed");
    await expect(results(page).nth(0).getByTestId("result-layer")).toHaveText(/Explicit Deny: identity-based policy/);
    const marked = page.getByTestId("deciding-statement-panel").first().getByTestId("deciding-statement");
    await expect(marked).toBeVisible();
    await expect(marked).toContainText('"Sid": "NoDeletes"');
    await expect(marked).toContainText('"Effect": "Deny"');
    // The mark is the statement, from its brace to its brace: not the policy's Version.
    await expect(marked).not.toContainText("Version");
    await expect(page.getByTestId("policy-switch")).toHaveCount(2);
    await shots(page, "denied");
  });

  await test.step("switching the Deny's policy off changes the decision, and the link reproduces it", async () => {
    await page.getByRole("switch", { name: /NoDeletes/ }).uncheck();
    await expect(page).toHaveURL(/off=inline%2FNoDeletes/);
    await expect(decisionOf(page, 0)).toHaveAttribute("data-decision", "allowed");
    await expect(results(page).nth(0).getByTestId("result-layer")).toHaveText(/Allowed by: identity-based policy/);
    const link = page.url();
    await page.reload();
    await expect(page.getByRole("switch", { name: /NoDeletes/ })).not.toBeChecked();
    await expect(page.getByTestId("simulator-principal")).toHaveValue(alice);
    await expect(decisionOf(page, 0)).toHaveAttribute("data-decision", "allowed");
    const shared = await page.context().newPage();
    await shared.goto(link);
    await expect(shared.getByTestId("simulation-result").nth(0).getByTestId("result-decision")).toHaveAttribute("data-decision", "allowed");
    await expect(shared.getByTestId("simulation-result").nth(1).getByTestId("result-decision")).toHaveAttribute("data-decision", "allowed");
    await shared.close();
    await shots(page, "switched-off");
  });

  await test.step("new policies in the sandbox, limited by an SCP level, with a context key flagged when it has no value", async () => {
    await page.getByRole("radio", { name: /New policies/ }).check();
    await pastePolicy(page, "Identity policy 1", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }],
    });
    await page.getByRole("button", { name: "Add SCP level" }).click();
    await pastePolicy(page, "SCP level 1 (organization root)", {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Sid: "KeepUsers", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
      ],
    });
    await page.getByTestId("simulator-run").click();
    await expect(page).toHaveURL(/mode=custom/);
    await expect(decisionOf(page, 0)).toHaveAttribute("data-decision", "explicitDeny");
    await expect(results(page).nth(0).getByTestId("result-layer")).toHaveText("Explicit Deny: service control policy (level 1)");
    await expect(page.getByTestId("deciding-statement-panel").first().getByTestId("deciding-statement")).toContainText('"Sid": "KeepUsers"');
    // The identity policy's condition has no value yet: ListUsers is implicitly denied, and that is flagged.
    await expect(decisionOf(page, 1)).toHaveAttribute("data-decision", "implicitDeny");
    await expect(results(page).nth(1).getByTestId("result-missing")).toContainText("aws:SecureTransport");
    await shots(page, "custom-missing-key");

    await page.getByTestId("simulator-context").getByRole("textbox", { name: "aws:SecureTransport" }).fill("true");
    await page.getByTestId("simulator-run").click();
    await expect(decisionOf(page, 1)).toHaveAttribute("data-decision", "allowed");
    await expect(results(page).nth(1).getByTestId("result-missing")).toHaveCount(0);
    await page.reload();
    await expect(decisionOf(page, 0)).toHaveAttribute("data-decision", "explicitDeny");
    await expect(decisionOf(page, 1)).toHaveAttribute("data-decision", "allowed");
    await expect(page.getByRole("textbox", { name: "Identity policy 1" })).toHaveValue(/aws:SecureTransport/);
    await shots(page, "custom");
  });

  await test.step("a user without iam:SimulateCustomPolicy sees Run disabled, with the reason", async () => {
    const link = page.url();
    await createConsoleUser(page, "bob", "Bob-Pass-2026!");
    await signOut(page);
    await signInAsIamUser(page, accountId, "bob", "Bob-Pass-2026!");
    await page.goto(link);
    await expect(page.getByTestId("simulator-run")).toBeDisabled();
    await expect(page.getByTestId("permission-reason")).toContainText("iam:SimulateCustomPolicy is not allowed: no policy allows it");
    // The inputs of the link are still there for bob to read.
    await expect(page.getByRole("textbox", { name: "Identity policy 1" })).toHaveValue(/aws:SecureTransport/);
    await shots(page, "not-allowed");
  });
});
