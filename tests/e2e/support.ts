// Shared steps for the end-to-end specs: the `test` every spec imports (it fails a test on any
// Content Security Policy violation), unique names per run, signing up, signing in and out as people
// do it (through the forms), and full-page screenshots for review.

import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { generate } from "otplib";

export { expect };

/** Reports every CSP violation of the context's pages into `violations`: the browser's console message and the DOM event. */
async function watchForCspViolations(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding("__portcullisCspViolation", (_source, report: string) => void violations.push(report));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __portcullisCspViolation: (report: string) => void }).__portcullisCspViolation;
      void report(`${event.effectiveDirective} refused ${event.blockedURI || "an inline script or style"} on ${event.documentURI}`);
    });
  });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
}

/**
 * Every spec imports `test` (and `expect`) from here, never from @playwright/test: a test fails when
 * any page it drove broke the Content Security Policy, for the browser would have refused something
 * the console needs. Contexts made with browser.newContext() (in beforeAll too) are watched as well.
 */
export const test = base.extend<{ failOnCspViolation: void }, { cspViolations: string[] }>({
  cspViolations: [
    async ({ browser }, use) => {
      const violations: string[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await watchForCspViolations(context, violations);
        return context;
      };
      await use(violations);
    },
    { scope: "worker", auto: true },
  ],
  failOnCspViolation: [
    async ({ cspViolations }, use) => {
      cspViolations.length = 0;
      await use();
      expect(cspViolations, "Content Security Policy violations in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

// The PostgreSQL run (E2E_DATABASE_URL) keeps its screenshots apart from the SQLite run's.
export const SCREENSHOTS = process.env.E2E_DATABASE_URL ? "test-results/screenshots-postgres" : "test-results/screenshots";

/** A suffix that keeps account names and emails unique across runs and spec files. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export interface RootAccount {
  readonly accountName: string;
  readonly email: string;
  readonly password: string;
}

export function newRootAccount(label: string): RootAccount {
  const suffix = uniqueSuffix();
  return { accountName: `${label} ${suffix}`, email: `root-${suffix}@example.test`, password: "Portcullis-Root-2026!" };
}

/** The two widths every main page is checked and photographed at: a laptop and a phone. */
export const WIDTHS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

/**
 * axe-core's WCAG 2.1 A/AA and best-practice rules on the page once it has settled; `where` names it
 * in a failure. A region still loading (aria-busy, such as a picker's list dimmed while its search
 * is on its way) is waited for first: its transient dimming is not the page's contrast.
 */
export async function expectNoAxeViolations(page: Page, where?: string): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(violations.map((v) => `${where ? `${where}: ` : ""}${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Screenshots `name-desktop` and `name-phone`, with the axe check at each width; ends at desktop width. */
export async function atBothWidths(page: Page, name: string): Promise<void> {
  for (const [width, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${width}`);
    await expectNoAxeViolations(page, `${name} (${width})`);
  }
  await page.setViewportSize(WIDTHS.desktop);
}

/** A full-page screenshot; `viewport` for a modal dialog, whose fixed backdrop covers only the viewport. */
export async function screenshot(page: Page, name: string, area: "full-page" | "viewport" = "full-page"): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: area === "full-page" });
}

/**
 * Fills a sign-in field and checks it holds exactly `value`. The sign-in form restores the last
 * remembered user once its script has run; if that lands while Playwright is typing, the field can
 * hold both ("ninanina"). The form now leaves a focused field alone, and this retries the fill.
 */
async function fillSignInField(field: Locator, value: string): Promise<void> {
  await expect(async () => {
    await field.fill(value);
    await expect(field).toHaveValue(value, { timeout: 1000 });
  }).toPass();
}

export async function fillSignUpForm(page: Page, account: RootAccount): Promise<void> {
  await page.getByLabel("Account name").fill(account.accountName);
  await page.getByLabel("Root user email address").fill(account.email);
  await page.getByLabel("Root user password", { exact: true }).fill(account.password);
  await page.getByLabel("Confirm root user password").fill(account.password);
}

/** Creates the account through /signup and returns its 12-digit ID, read from the dashboard. */
export async function signUp(page: Page, account: RootAccount): Promise<string> {
  await page.goto("/signup");
  await fillSignUpForm(page, account);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard");
  const accountId = page.getByTestId("account-id");
  await expect(accountId).toHaveText(/^\s*\d{12}\s*$/);
  return (await accountId.innerText()).trim();
}

/**
 * Root's create-user wizard, as an administrator drives it: a user with a console password they keep
 * (no reset), in `group` and with `policies` attached directly.
 */
export async function createConsoleUser(page: Page, userName: string, password: string, access: { group?: string; policies?: readonly string[] } = {}): Promise<void> {
  await page.goto("/users/new");
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Provide user access to the console").check();
  await page.getByRole("radio", { name: /^Custom password/ }).check();
  await page.getByLabel("Custom password", { exact: true }).fill(password);
  await page.getByLabel("Users must create a new password at next sign-in (recommended)").uncheck();
  await page.getByRole("button", { name: "Next" }).click();
  if (access.group) await page.getByTestId("wizard-groups").getByRole("checkbox", { name: access.group, exact: true }).check();
  const policies = page.getByTestId("wizard-policies");
  for (const policy of access.policies ?? []) {
    await policies.getByLabel("Search policies by name").fill(policy);
    await policies.getByRole("checkbox", { name: policy, exact: true }).check();
  }
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user-name")).toHaveText(userName);
}

export async function signInAsRoot(page: Page, account: RootAccount): Promise<void> {
  await page.goto("/signin");
  // The page may remember an IAM user's last sign-in on this browser: choose the root user.
  await page.getByRole("radio", { name: "Root user" }).check();
  await fillSignInField(page.getByLabel("Root user email address"), account.email);
  await fillSignInField(page.getByLabel("Password", { exact: true }), account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText("Root user");
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").click();
  await page.waitForURL("**/signin");
  await expect(page.getByTestId("signin-form")).toBeVisible();
}

/** Signs an IAM user in through the sign-in URL root hands out (/signin?account=ID). */
export async function signInAsIamUser(page: Page, accountId: string, userName: string, password: string): Promise<void> {
  await page.goto(`/signin?account=${accountId}`);
  await expect(page.getByRole("radio", { name: "IAM user" })).toBeChecked();
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(accountId);
  await fillSignInField(page.getByLabel("IAM user name"), userName);
  await fillSignInField(page.getByLabel("Password", { exact: true }), password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText(`IAM user ${userName}`);
}

/** The password step of an IAM user's sign-in, for a user who may then be asked for an MFA code. */
export async function submitIamUserPassword(page: Page, accountId: string, userName: string, password: string): Promise<void> {
  await page.goto(`/signin?account=${accountId}`);
  await expect(page.getByRole("radio", { name: "IAM user" })).toBeChecked();
  await fillSignInField(page.getByLabel("IAM user name"), userName);
  await fillSignInField(page.getByLabel("Password", { exact: true }), password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The password step of the root user's sign-in. */
export async function submitRootPassword(page: Page, account: RootAccount): Promise<void> {
  await page.goto("/signin");
  // The page may remember an IAM user's last sign-in on this browser: choose the root user.
  await page.getByRole("radio", { name: "Root user" }).check();
  await fillSignInField(page.getByLabel("Root user email address"), account.email);
  await fillSignInField(page.getByLabel("Password", { exact: true }), account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The MFA step after a correct password: types the code and submits it (the caller checks the outcome). */
export async function submitMfaCode(page: Page, code: string): Promise<void> {
  const field = page.getByTestId("mfa-code");
  await expect(field).toBeVisible();
  await field.fill(code);
  await page.getByTestId("mfa-submit").click();
}

const TOTP_PERIOD_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / TOTP_PERIOD_MS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The authenticator app of one virtual MFA device, built from the seed the enrollment dialog shows.
 * Codes are computed for chosen RFC 6238 time steps instead of waiting for the clock. The server
 * accepts a code from one step either side of its own and each step only once (enrollment uses two
 * steps), so this picks the earliest step the server still accepts and remembers the last one used,
 * as the server does. It only waits when the arithmetic leaves no choice: a few seconds before a step
 * ends when it would hand out a code from the previous step, or until a future step comes in range.
 */
export class Authenticator {
  private lastUsedStep: number | undefined;
  /** The step each sign-in code was made for. */
  private readonly signInCodes = new Map<string, number>();

  constructor(readonly seed: string) {}

  /** What an authenticator app shows during `step`. */
  codeForStep(step: number): Promise<string> {
    return generate({ secret: this.seed, algorithm: "sha1", digits: 6, period: TOTP_PERIOD_MS / 1000, epoch: (step * TOTP_PERIOD_MS) / 1000 });
  }

  /** Enrollment: two consecutive codes, steps t−1 and t, with t as early as the server accepts. */
  async consecutiveCodes(): Promise<[string, string]> {
    const step = await this.earliestAcceptable(this.lastUsedStep === undefined ? -Infinity : this.lastUsedStep + 2, -1);
    this.lastUsedStep = step;
    return [await this.codeForStep(step - 1), await this.codeForStep(step)];
  }

  /** Sign-in: a code from a step the server has not seen, from the current step on (so it stays valid for a replay attempt). */
  async nextCode(): Promise<string> {
    const step = await this.earliestAcceptable(this.lastUsedStep === undefined ? -Infinity : this.lastUsedStep + 1, 0);
    this.lastUsedStep = step;
    const code = await this.codeForStep(step);
    this.signInCodes.set(code, step);
    return code;
  }

  /** Whether the server's ±1-step window still holds the step a sign-in code was made for (with a second to spare). */
  stillInWindow(code: string): boolean {
    const step = this.signInCodes.get(code);
    return step !== undefined && Date.now() < (step + 2) * TOTP_PERIOD_MS - 1_000;
  }

  /** Six digits that are none of the codes the server could accept around now. */
  async wrongCode(): Promise<string> {
    const now = stepNow();
    const nearby = await Promise.all([-2, -1, 0, 1, 2].map((offset) => this.codeForStep(now + offset)));
    let candidate = 123456;
    while (nearby.includes(String(candidate))) candidate++;
    return String(candidate);
  }

  /** The first step ≥ minimum and ≥ now+offset that the server (±1 step) accepts by the time the code arrives. */
  private async earliestAcceptable(minimum: number, offset: -1 | 0): Promise<number> {
    // A code from the previous step expires when the step turns: do not hand one out just before.
    if (offset === -1 && TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS) < 5_000) await sleep(TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS) + 100);
    const step = Math.max(minimum, stepNow() + offset);
    // A step more than one ahead is not accepted yet: wait until the clock is one step before it.
    const until = (step - 1) * TOTP_PERIOD_MS - Date.now();
    if (until > 0) await sleep(until + 100);
    return step;
  }
}

/**
 * Creates customer managed policies as a person would, through /policies/new (JSON tab, name,
 * Create policy), several tabs at a time so that an account with more policies than one picker
 * page is quick to set up. Each allows `action` on every resource.
 */
export async function createCustomerPolicies(page: Page, names: readonly string[], action = "iam:GetUser", tabs = 3): Promise<void> {
  const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] }, null, 2);
  const queue = [...names];
  const worker = async (tab: Page) => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      await tab.goto("/policies/new");
      await tab.getByRole("tab", { name: "JSON" }).click();
      const editor = tab.getByRole("textbox", { name: "Policy document" });
      await editor.click();
      await tab.keyboard.press("ControlOrMeta+A");
      await tab.keyboard.insertText(document);
      await tab.getByTestId("policy-name").fill(name);
      await expect(tab.getByTestId("create-policy-submit")).toBeEnabled();
      await tab.getByTestId("create-policy-submit").click();
      await tab.waitForURL(/\/policies\/arn/);
      await expect(tab.getByTestId("policy-title")).toHaveText(name);
    }
  };
  const extra = await Promise.all(Array.from({ length: tabs - 1 }, () => page.context().newPage()));
  try {
    await Promise.all([page, ...extra].map(worker));
  } finally {
    await Promise.all(extra.map((tab) => tab.close()));
  }
}
