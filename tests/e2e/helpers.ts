import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject } from "vitest";
import ar from "../../app/locales/ar.json";
import en from "../../app/locales/en.json";
import fr from "../../app/locales/fr.json";

export type Lang = "fr" | "ar" | "en";

const catalogues = { fr, ar, en } as const;

/** The exact catalogue text for a key ("learn.title"), with {{name}}-style values filled in. */
export function t(lang: Lang, key: string, values: Record<string, string> = {}): string {
  let node: unknown = catalogues[lang];
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") throw new Error(`No text for ${lang}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`Missing value ${name} for ${lang}:${key}`);
    return values[name];
  });
}

export const languageButtonLabels: Record<Lang, string> = { fr: "Français", ar: "العربية", en: "English" };

export const DEMO_INSTRUCTOR = { email: "instructor@demo.maharat.ma", password: "maharat-demo-2026" };
export const DEMO_LEARNER = { email: "learner@demo.maharat.ma", password: "maharat-demo-2026", name: "Salma Benali" };

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Browser console messages that are the expected echo of a 4xx answer (e.g. a refused log-in) or of a request made
 * while a test has cut the network on purpose (context.setOffline), not a fault.
 */
const EXPECTED_CONSOLE = /^Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_INTERNET_DISCONNECTED)/;

/**
 * A `describe` for browser tests: skipped (with a console.warn saying why) when global-server found no Chromium.
 * Inside, `browser.newPage()` gives a page in a fresh context (own cookies and storage) pointed at the server; every
 * page's uncaught errors and console errors fail the test that opened it.
 */
export function describeE2e(name: string, body: (browser: E2eBrowser) => void) {
  const context = inject("e2e");
  if ("skipReason" in context) {
    console.warn(`[e2e] skipping "${name}": ${context.skipReason}`);
    describe.skip(name, () => body(new E2eBrowser("", "")));
    return;
  }
  describe(name, () => {
    const browser = new E2eBrowser(context.baseUrl, context.executablePath);
    beforeAll(() => browser.launch());
    afterEach(() => browser.closeContexts());
    afterAll(() => browser.close());
    body(browser);
  });
}

export class E2eBrowser {
  private browser: Browser | undefined;
  private contexts: BrowserContext[] = [];
  private problems: string[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly executablePath: string,
  ) {}

  async launch() {
    // playwright-core gives every launch a fresh temporary --user-data-dir and removes it on close.
    this.browser = await chromium.launch({ executablePath: this.executablePath, args: LAUNCH_ARGS, headless: true });
  }

  /** A page in a new, isolated context. `lang` sets the browser's Accept-Language (fr → "fr-FR"). */
  async newPage({ lang = "fr", ...options }: { lang?: Lang } & BrowserContextOptions = {}): Promise<Page> {
    if (!this.browser) throw new Error("browser not launched");
    const locale = { fr: "fr-FR", ar: "ar-MA", en: "en-GB" }[lang];
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      locale,
      viewport: { width: 1280, height: 800 },
      ...options,
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    this.contexts.push(context);
    const page = await context.newPage();
    if (options.javaScriptEnabled !== false) {
      // Interacting while React hydrates can race it (seen: React error 345 after a fragment navigation), so every
      // goto waits until the root has hydrated (root.tsx sets <html data-hydrated>).
      const goto = page.goto.bind(page);
      page.goto = async (url, gotoOptions) => {
        const response = await goto(url, gotoOptions);
        await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
        return response;
      };
    }
    page.on("pageerror", (error) => this.problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !EXPECTED_CONSOLE.test(message.text())) {
        this.problems.push(`console.error in the page: ${message.text()}`);
      }
    });
    return page;
  }

  /** Closes this test's contexts; fails the test if a page logged an error. */
  async closeContexts() {
    const contexts = this.contexts;
    const problems = this.problems;
    this.contexts = [];
    this.problems = [];
    await Promise.all(contexts.map((c) => c.close()));
    expect(problems, "errors reported by the pages").toEqual([]);
  }

  async close() {
    await this.browser?.close();
  }
}

/** `<html lang dir>` as the browser sees it now. */
export async function htmlLangDir(page: Page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** Clicks the header's language button and waits for the page to be in that language. */
export async function switchLanguage(page: Page, lang: Lang) {
  await page
    .locator('header form[action="/set-language"]')
    .getByRole("button", { name: languageButtonLabels[lang], exact: true })
    .click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
  // The switcher re-renders with the new choice pressed once the page has the new language.
  await expectPressed(page, lang);
}

async function expectPressed(page: Page, lang: Lang) {
  await page
    .locator(`header form[action="/set-language"] button[value="${lang}"][aria-pressed="true"]`)
    .waitFor({ state: "visible" });
}

/** The header's brand link (home) and language switcher. */
export function headerParts(page: Page) {
  return {
    brand: page.locator('header a[href="/"]').first(),
    switcher: page.locator('header form[action="/set-language"]'),
  };
}

export async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no bounding box (not visible?)`);
  return box;
}

/** An address no other test (or earlier run against the same database) uses. */
export function uniqueEmail(prefix = "e2e") {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString("hex")}@example.ma`;
}

/** Signs a new learner up through the form (the page in `lang`) and waits for the welcome dashboard. */
export async function signUp(page: Page, { name, lang, prefix = "e2e", password = "une phrase de passe e2e" }: { name: string; lang: Lang; prefix?: string; password?: string }) {
  await asOwnClient(page);
  await page.goto("/signup");
  const signup = page.locator("form#signup");
  await signup.locator('input[name="name"]').fill(name);
  await signup.locator('input[name="email"]').fill(uniqueEmail(prefix));
  await signup.locator('input[name="password"]').fill(password);
  await signup.locator('input[name="consent"]').check();
  await signup.getByRole("button", { name: t(lang, "signup.submit"), exact: true }).click();
  await waitForPath(page, "/learn", "?welcome=1");
}

/** Logs in through the form in `lang` (French by default, chosen with the switcher) and waits to leave /login. */
let pageAddress = 0;

/**
 * The page as its own client address (the e2e server trusts the proxy header): log-in and sign-up limits are per
 * address, and a test suite is many people, not one.
 */
async function asOwnClient(page: Page) {
  pageAddress += 1;
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.${process.pid % 250}.${Math.floor(pageAddress / 250) % 250}.${pageAddress % 250}` });
}

export async function logIn(page: Page, account: { email: string; password: string }, lang: Lang = "fr") {
  await asOwnClient(page);
  await page.goto("/login");
  // Chosen with the switcher on this device: the interface then stays in it after log-in (else it would follow the
  // account's language, which the demo accounts set to French, Arabic or English).
  await switchLanguage(page, lang);
  const form = page.locator("main form");
  await form.locator('input[name="email"]').fill(account.email);
  await form.locator('input[name="password"]').fill(account.password);
  await form.getByRole("button", { name: t(lang, "login.submit"), exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** Waits until the page's path (and, when given, its query) is the one asked for. */
export async function waitForPath(page: Page, pathname: string, search?: string) {
  await page.waitForURL((url) => url.pathname === pathname && (search === undefined || url.search === search));
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
