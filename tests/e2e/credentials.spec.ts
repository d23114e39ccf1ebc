// The credential lifecycle as an employee and an administrator live it. A new employee, nina, has
// only AWS's "manage your own credentials, and MFA for everything else" policy plus read-only access:
// without MFA she is refused the user list (told which Deny statement did it) but may change her
// password and enroll a virtual MFA device; signed in again with a code she can read the users. A
// replayed code is refused with the same words as a wrong one. The root user enrolls MFA too and is
// asked for a code at its next sign-in. An access key's secret is shown once, downloadable as .csv,
// then gone from the page; the key is deactivated and deleted. Finally every secret the run produced
// (TOTP seeds, passwords, the access-key secret) is looked for in the pages, the audit log, the
// server's log, the HTTP responses and the database file, and found only where it was handed out.
//
// Codes are computed from the seed the page shows (see Authenticator in support.ts), never waited for.

import { readFile } from "node:fs/promises";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { BrowserContext, Page, Response, Route } from "@playwright/test";
import { bytesAtRest } from "./database";
import {
  Authenticator,
  expect,
  newRootAccount,
  screenshot,
  signInAsIamUser,
  signInAsRoot,
  signOut,
  signUp,
  submitIamUserPassword,
  submitMfaCode,
  submitRootPassword,
  test,
} from "./support";

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".e2e-data";
const NINA = "nina";
const NINA_FIRST_PASSWORD = "Nina-First-Pass-1!";
const NINA_NEW_PASSWORD = "Nina-Chosen-Pass-2?";
const FORCE_MFA = "ForceMFA-ManageOwnCredentials";
const READ_ONLY = "IAMReadOnlyAccess";
const REFUSED_CODE = "That code was not accepted";

test.describe.configure({ mode: "serial" });

const root = newRootAccount("Credentials");
let accountId = "";
let context: BrowserContext;
let page: Page;
let nina: Authenticator;
let rootDevice: Authenticator;
let ninaSignInCode = "";
let accessKeySecret = "";
interface ReceivedResponse {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}
/**
 * What the server sent back to every POST (server actions, next-auth's endpoints): read in full by
 * routing them through the test, so no body goes unread. Page loads and RSC payloads (GETs) are
 * collected as Chromium keeps them; it drops some (prefetches cut short by a navigation), so those
 * pages are also checked as HTML by loading them (expectPageWithoutSecrets).
 */
const posts: ReceivedResponse[] = [];
const gets: Promise<ReceivedResponse>[] = [];

// Side effect worth knowing: a routed POST reaches the server from the test process (127.0.0.1)
// rather than from Chromium (::1), so this spec's sign-in failures count against their own address.
async function recordPost(route: Route) {
  const request = route.request();
  if (request.method() === "GET") return route.fallback();
  const response = await route.fetch({ maxRedirects: 0 });
  const body = await response.body();
  posts.push({ method: request.method(), url: request.url(), body: body.toString("utf8") });
  await route.fulfill({ response, body });
}

function recordGet(response: Response) {
  const request = response.request();
  if (request.method() !== "GET" || !["document", "fetch", "xhr"].includes(request.resourceType())) return;
  gets.push(
    response
      .text()
      .catch(() => "")
      .then((body) => ({ method: "GET", url: response.url(), body })),
  );
}

/** Every secret the run has produced so far, by name. */
function secrets(): Record<string, string> {
  const all: Record<string, string> = {
    "root password": root.password,
    "nina's first password": NINA_FIRST_PASSWORD,
    "nina's new password": NINA_NEW_PASSWORD,
  };
  if (nina) all["nina's TOTP seed"] = nina.seed;
  if (rootDevice) all["root's TOTP seed"] = rootDevice.seed;
  if (accessKeySecret) all["access-key secret"] = accessKeySecret;
  return all;
}

function expectNoSecrets(text: string, where: string) {
  for (const [name, secret] of Object.entries(secrets())) expect(text.includes(secret), `${name} in ${where}`).toBe(false);
}

/** Loads `path` fresh (so the HTML includes the server's inline payload) and checks it holds no secret. */
async function expectPageWithoutSecrets(path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expectNoSecrets(await page.content(), `the HTML of ${path}`);
}

/** Enrolls a virtual MFA device through the open "Assign MFA device" dialog; returns its authenticator. */
async function enrollMfaDevice(deviceName: string, screenshotName: string): Promise<Authenticator> {
  await page.getByTestId("assign-mfa-device").click();
  const dialog = page.getByTestId("assign-mfa-dialog");
  await expect(dialog.getByTestId("mfa-device-name")).toHaveValue(deviceName);
  await dialog.getByTestId("mfa-name-next").click();
  await expect(dialog.getByTestId("mfa-qr-code")).toBeVisible();
  await expect(dialog.getByTestId("mfa-secret")).toHaveCount(0);
  await expect(dialog).toContainText(`arn:aws:iam::${accountId}:mfa/${deviceName}`);
  // The QR code is on screen and the secret key still hidden.
  await screenshot(page, screenshotName, "viewport");
  await dialog.getByTestId("mfa-show-secret").click();
  // Shown in groups of four, for typing by hand.
  const grouped = (await dialog.getByTestId("mfa-secret").innerText()).trim();
  expect(grouped).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
  const seed = grouped.replace(/ /g, "");
  const device = new Authenticator(seed);
  const [code1, code2] = await device.consecutiveCodes();
  await dialog.getByTestId("mfa-enroll-code1").fill(code1);
  await dialog.getByTestId("mfa-enroll-code2").fill(code2);
  await dialog.getByTestId("mfa-enroll-submit").click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("mfa-device-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`arn:aws:iam::${accountId}:mfa/${deviceName}`);
  // The dialog is gone, and the seed with it.
  expect(await page.content()).not.toContain(seed);
  return device;
}

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  await context.route(() => true, recordPost);
  context.on("response", recordGet);
  page = await context.newPage();
  accountId = await signUp(page, root);
});

test.afterAll(async () => {
  await context.close();
});

test("a new employee is held to enrolling MFA and changing her password until she signs in with MFA", async () => {
  test.setTimeout(90_000);

  await test.step(`root creates ${NINA} with a console password and only ${FORCE_MFA} and ${READ_ONLY}`, async () => {
    await page.goto("/users/new");
    await page.getByLabel("User name").fill(NINA);
    await page.getByLabel("Provide user access to the console").check();
    await page.getByRole("radio", { name: /^Custom password/ }).check();
    await page.getByTestId("custom-password").fill(NINA_FIRST_PASSWORD);
    await page.getByLabel("Users must create a new password at next sign-in (recommended)").uncheck();
    await page.getByRole("button", { name: "Next" }).click();
    const policies = page.getByTestId("wizard-policies");
    for (const name of [FORCE_MFA, READ_ONLY]) {
      await policies.getByLabel("Search policies by name").fill(name);
      await policies.getByRole("checkbox", { name: new RegExp(`^${name}\\b`) }).check();
    }
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    const review = page.getByTestId("wizard-review");
    await expect(review).toContainText(`${FORCE_MFA}, ${READ_ONLY}`);
    await expect(review).not.toContainText("IAMUserChangePassword");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByTestId("created-user-name")).toHaveText(NINA);
    await signOut(page);
  });

  await test.step(`${NINA} signs in without MFA and is refused the user list by DenyAllExceptListedIfNoMFA`, async () => {
    await signInAsIamUser(page, accountId, NINA, NINA_FIRST_PASSWORD);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/users");
    const denied = page.getByTestId("access-denied");
    await expect(denied).toBeVisible();
    await expect(denied).toContainText("iam:ListUsers");
    await expect(page.getByTestId("access-denied-explanation")).toContainText("DenyAllExceptListedIfNoMFA");
    await expect(denied).toContainText(FORCE_MFA);
    await expect(page.getByTestId("users-table")).toHaveCount(0);
    await screenshot(page, "credentials-denied-without-mfa");
  });

  await test.step(`${NINA} changes her password from My security credentials`, async () => {
    await page.goto("/me");
    await expect(page.getByTestId("me-session-mfa")).toContainText("Signed in without MFA");
    await expect(page.getByTestId("mfa-none")).toBeVisible();
    await page.getByTestId("me-change-password").click();
    await page.waitForURL("**/change-password");
    await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
    await page.getByLabel("Current password").fill(NINA_FIRST_PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill(NINA_NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NINA_NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL("**/dashboard");
  });

  await test.step(`${NINA} enrolls a virtual MFA device with two consecutive codes`, async () => {
    await page.goto("/me");
    nina = await enrollMfaDevice(NINA, "credentials-mfa-enroll-dialog");
    await screenshot(page, "credentials-me-mfa-assigned");
    await expectPageWithoutSecrets("/me");
    await expectPageWithoutSecrets("/dashboard");
    await signOut(page);
  });

  await test.step(`${NINA} signs in with her new password, then a code`, async () => {
    await submitIamUserPassword(page, accountId, NINA, NINA_NEW_PASSWORD);
    await expect(page.getByTestId("mfa-signin-form")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Multi-factor authentication" })).toBeVisible();
    await screenshot(page, "credentials-mfa-code-step");
    ninaSignInCode = await nina.nextCode();
    await submitMfaCode(page, ninaSignInCode);
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("header-principal")).toHaveText(`IAM user ${NINA}`);
  });

  await test.step(`with an MFA session ${NINA} can list users`, async () => {
    await page.goto("/me");
    await expect(page.getByTestId("me-session-mfa")).toContainText("Signed in with MFA");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/users");
    await expect(page.getByTestId("users-table").getByRole("link", { name: NINA })).toBeVisible();
    await expect(page.getByTestId("access-denied")).toHaveCount(0);
  });
});

test("a code is accepted once: replayed, it is refused with the same words as a wrong code", async () => {
  await signOut(page);
  await submitIamUserPassword(page, accountId, NINA, NINA_NEW_PASSWORD);
  const message = page.getByTestId("mfa-signin-message");
  await submitMfaCode(page, await nina.wrongCode());
  await expect(message).toContainText(REFUSED_CODE);
  const wrongCodeMessage = (await message.innerText()).trim();
  await expect(page.getByTestId("mfa-code")).toHaveValue("");

  // The code nina signed in with a moment ago: still inside the ±1-step window, so only its reuse can refuse it.
  expect(nina.stillInWindow(ninaSignInCode)).toBe(true);
  await submitMfaCode(page, ninaSignInCode);
  await expect(page.getByTestId("mfa-submit")).toBeEnabled();
  await expect(message).toContainText(REFUSED_CODE);
  expect((await message.innerText()).trim()).toBe(wrongCodeMessage);
  expect(wrongCodeMessage).not.toMatch(/replay|reused|already|expired/i);
  await expect(page).toHaveURL(/\/signin/);

  await submitMfaCode(page, await nina.nextCode());
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText(`IAM user ${NINA}`);
});

test("an access key's secret is shown once, downloadable as .csv, then gone; the key is deactivated and deleted", async () => {
  await page.goto("/me");
  const section = page.getByTestId("access-keys");
  await section.getByTestId("create-access-key").click();
  const created = page.getByTestId("new-access-key");
  await expect(created).toBeVisible();
  const accessKeyId = (await created.getByTestId("new-access-key-id").innerText()).trim();
  expect(accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
  await expect(created.getByTestId("new-access-key-secret")).toHaveText("•".repeat(40));
  await created.getByTestId("show-secret").click();
  accessKeySecret = (await created.getByTestId("new-access-key-secret").innerText()).trim();
  expect(accessKeySecret).toHaveLength(40);
  expect(accessKeySecret).not.toContain("•");

  const [download] = await Promise.all([page.waitForEvent("download"), created.getByTestId("download-csv").click()]);
  expect(download.suggestedFilename()).toBe(`${NINA}_accessKeys.csv`);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv).toContain(`${accessKeyId},${accessKeySecret}`);
  expect(csv.split(/\r?\n/)[0]).toBe("Access key ID,Secret access key");

  // The key works at once through the API, with the endpoint the panel names (the real AWS SDK).
  const origin = new URL(page.url()).origin;
  await created.getByTestId("new-access-key-usage").locator("summary").click();
  const commands = created.getByTestId("new-access-key-commands");
  await expect(commands).toContainText(`aws configure set aws_access_key_id ${accessKeyId} --profile portcullis`);
  await expect(commands).toContainText(`aws --profile portcullis --endpoint-url ${origin}/sts sts get-caller-identity`);
  expect(await commands.innerText()).not.toContain(accessKeySecret);
  const sts = new STSClient({ endpoint: `${origin}/sts`, region: "eu-central-1", credentials: { accessKeyId, secretAccessKey: accessKeySecret }, maxAttempts: 1 });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  expect(identity.Arn).toMatch(new RegExp(`:user/${NINA}$`));

  await created.getByTestId("show-secret").click();
  await screenshot(page, "credentials-access-key-created");
  await created.getByTestId("new-access-key-done").click();
  await expect(created).toHaveCount(0);
  expect(await page.content()).not.toContain(accessKeySecret);
  await page.reload();
  const row = page.getByTestId("access-keys-table").getByRole("row").filter({ hasText: accessKeyId });
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(accessKeySecret);

  await row.getByTestId("toggle-access-key").click();
  await expect(row).toContainText("Inactive");
  await expect(row.getByTestId("toggle-access-key")).toHaveText("Activate");
  // An inactive key signs nothing any more.
  await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
  sts.destroy();
  await screenshot(page, "credentials-access-key-inactive");
  await row.getByTestId("delete-access-key").click();
  const confirm = page.getByTestId("delete-access-key-dialog");
  await expect(confirm).toContainText(accessKeyId);
  await confirm.getByTestId("delete-access-key-confirm").click();
  await expect(page.getByTestId("access-keys-table")).toHaveCount(0);
  await expect(section).toContainText("No access keys");
  await signOut(page);
});

test("the root user enrolls MFA and is asked for a code at its next sign-in", async () => {
  await signInAsRoot(page, root);
  await expect(page.getByTestId("checklist-root-mfa")).toHaveAttribute("data-done", "false");
  await page.goto("/me");
  await expect(page.getByTestId("me-principal")).toHaveText("Root user");
  rootDevice = await enrollMfaDevice("root-account-mfa-device", "credentials-root-mfa-enroll-dialog");
  await signOut(page);

  await submitRootPassword(page, root);
  await expect(page.getByTestId("mfa-signin-form")).toContainText("The root user has an MFA device");
  await submitMfaCode(page, await rootDevice.nextCode());
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText("Root user");
  await expect(page.getByTestId("checklist-root-mfa")).toHaveAttribute("data-done", "true");
});

test("no TOTP seed, password or access-key secret leaks into pages, the audit log, responses, the server log or the database", async () => {
  const found = Object.keys(secrets());
  expect(found).toHaveLength(6);

  await test.step("pages visited after enrollment, as root", async () => {
    await expectPageWithoutSecrets("/me");
    await expect(page.getByTestId("mfa-device-row")).toContainText("root-account-mfa-device");
    await expectPageWithoutSecrets(`/users/${NINA}?tab=security`);
    await expect(page.getByTestId("mfa-device-row")).toContainText(`mfa/${NINA}`);
    await expectPageWithoutSecrets("/dashboard");
    await expectPageWithoutSecrets("/audit");
    await expect(page.getByTestId("audit-table")).toBeVisible();
  });

  await test.step("the audit log, every event including reads and sign-ins", async () => {
    const ninaArn = encodeURIComponent(`arn:aws:iam::${accountId}:user/${NINA}`);
    // nina's changes and sign-ins (read-only events hidden): the credential changes are all there.
    await expectPageWithoutSecrets(`/audit?principal=${ninaArn}`);
    const rows = page.getByTestId("audit-table").getByRole("row");
    await expect(rows.filter({ hasText: "FailedMFAAuthentication" })).toHaveCount(2);
    for (const action of ["iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey"]) {
      await expect(rows.filter({ hasText: action })).toHaveCount(1);
    }
    await screenshot(page, "credentials-audit-nina");
    await expectPageWithoutSecrets(`/audit?readOnly=show&principal=${ninaArn}`);
    await expectPageWithoutSecrets("/audit?readOnly=show");
  });

  await test.step("HTTP responses: a seed, key secret or new user's password only in the one response that handed it out", async () => {
    expect(posts.length).toBeGreaterThan(10);
    const received = [...posts, ...(await Promise.all(gets)).filter((response) => response.body !== "")];
    // Shown once, as AWS does: the seed to the enrollment dialog, the key secret to the access-key
    // panel, and the password root chose for nina to the wizard's "Retrieve password" step.
    const handedOutBy: Record<string, RegExp> = {
      "nina's TOTP seed": /^POST .*\/me$/,
      "root's TOTP seed": /^POST .*\/me$/,
      "access-key secret": /^POST .*\/me$/,
      "nina's first password": /^POST .*\/users\/new$/,
    };
    for (const [name, secret] of Object.entries(secrets())) {
      const containing = received.filter((response) => response.body.includes(secret)).map((response) => `${response.method} ${response.url}`);
      const expected = handedOutBy[name];
      expect(containing, `responses containing ${name}`).toHaveLength(expected ? 1 : 0);
      if (expected) expect(containing[0]).toMatch(expected);
    }
  });

  await test.step("the server's log", async () => {
    const log = await readFile(`${DATA_DIR}/server.log`, "utf8");
    expect(log).toContain("Ready");
    expectNoSecrets(log, "the server log");
  });

  await test.step("the database at rest (SQLite's file and write-ahead log, or PostgreSQL's dump), byte for byte", async () => {
    const files = (await bytesAtRest()).map(({ source, bytes }) => ({ file: source, bytes }));
    // The search does see plain text: nina's device ARN is stored in the clear.
    expect(files.some(({ bytes }) => bytes.includes(`arn:aws:iam::${accountId}:mfa/${NINA}`))).toBe(true);
    for (const { file, bytes } of files) {
      for (const [name, secret] of Object.entries(secrets())) {
        expect(bytes.includes(Buffer.from(secret, "utf8")), `${name} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, "utf16le")), `${name} (UTF-16) in ${file}`).toBe(false);
      }
    }
  });
});
