import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import {
  boxOf,
  DEMO_LEARNER,
  describeE2e,
  headerParts,
  htmlLangDir,
  switchLanguage,
  t,
  uniqueEmail,
  waitForPath,
  type Lang,
} from "./helpers";

const PASSWORD = "correct-horse-battery-e2e";

/** The header's brand sits at the inline start: left of the switcher in LTR, right of it in RTL. */
async function brandAndSwitcher(page: Page) {
  const { brand, switcher } = headerParts(page);
  const [b, s] = await Promise.all([boxOf(brand), boxOf(switcher)]);
  return { brandX: b.x, brandRight: b.x + b.width, switcherX: s.x, switcherRight: s.x + s.width };
}

async function heading(page: Page) {
  return (await page.locator("main h1").innerText()).trim();
}

async function logIn(page: Page, lang: Lang, email: string, password: string) {
  const form = page.locator("main form");
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.getByRole("button", { name: t(lang, "login.submit"), exact: true }).click();
}

describeE2e("sign-up, language and log-in journey", (browser) => {
  test("Arabic RTL sign-up, log-out, then French log-in with the same account", async () => {
    const page = await browser.newPage({ lang: "fr" });
    const name = "ليلى التازي";
    const email = uniqueEmail("journey");

    // French by default (Accept-Language fr-FR): left-to-right, brand on the left of the switcher.
    await page.goto("/");
    expect(await htmlLangDir(page)).toEqual({ lang: "fr", dir: "ltr" });
    expect(await page.locator("header").getByRole("link", { name: t("fr", "nav.signup"), exact: true }).isVisible()).toBe(true);
    const ltr = await brandAndSwitcher(page);
    expect(ltr.brandRight).toBeLessThan(ltr.switcherX);

    // Arabic through the header switcher: the document is RTL and the header really mirrors.
    await switchLanguage(page, "ar");
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
    const rtl = await brandAndSwitcher(page);
    expect(rtl.brandX).toBeGreaterThan(rtl.switcherRight);
    expect(await headerParts(page).brand.innerText()).toContain(t("ar", "brand.name"));

    // Sign up in Arabic.
    await page.locator("header").getByRole("link", { name: t("ar", "nav.signup"), exact: true }).click();
    await waitForPath(page, "/signup");
    await page.locator("main h1", { hasText: t("ar", "signup.title") }).waitFor();
    const form = page.locator("form#signup");
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="password"]').fill(PASSWORD);
    expect(await form.locator('select[name="language"]').inputValue()).toBe("ar");
    await form.locator('input[name="consent"]').check();
    await form.getByRole("button", { name: t("ar", "signup.submit"), exact: true }).click();

    await waitForPath(page, "/learn", "?welcome=1");
    await page.locator("main h1", { hasText: t("ar", "learn.title", { name }) }).waitFor();
    expect(await heading(page)).toBe(t("ar", "learn.title", { name }));
    await page.getByRole("status").filter({ hasText: t("ar", "learn.welcome") }).waitFor();
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });

    // Log out: back home, signed out (the dashboard now asks to log in).
    await page.locator("header").getByRole("button", { name: t("ar", "nav.logout"), exact: true }).click();
    await waitForPath(page, "/");
    await page.locator("header").getByRole("link", { name: t("ar", "nav.login"), exact: true }).waitFor();
    expect(await page.locator("header").getByRole("button", { name: t("ar", "nav.logout") }).count()).toBe(0);

    // French again, then log in with the same credentials.
    await switchLanguage(page, "fr");
    expect(await htmlLangDir(page)).toEqual({ lang: "fr", dir: "ltr" });
    await page.locator("header").getByRole("link", { name: t("fr", "nav.login"), exact: true }).click();
    await waitForPath(page, "/login");
    await page.locator("main h1", { hasText: t("fr", "login.title") }).waitFor();
    await logIn(page, "fr", email, PASSWORD);

    await waitForPath(page, "/learn");
    await page.locator("main h1", { hasText: t("fr", "learn.title", { name }) }).waitFor();
    expect(await heading(page)).toBe(`Bonjour, ${name}`);
    expect(await htmlLangDir(page)).toEqual({ lang: "fr", dir: "ltr" });
    const again = await brandAndSwitcher(page);
    expect(again.brandRight).toBeLessThan(again.switcherX);
  });

  for (const { lang, javaScript } of [
    { lang: "ar" as const, javaScript: true },
    { lang: "fr" as const, javaScript: false },
  ]) {
    test(`sign-up without consent is refused (${lang}, JavaScript ${javaScript ? "on" : "off"}) and creates no account`, async () => {
      const page = await browser.newPage({ lang, javaScriptEnabled: javaScript });
      const email = uniqueEmail(`no-consent-${lang}`);

      await page.goto("/signup");
      expect(await htmlLangDir(page)).toEqual({ lang, dir: lang === "ar" ? "rtl" : "ltr" });
      const form = page.locator("form#signup");
      await form.locator('input[name="name"]').fill("Sans Consentement");
      await form.locator('input[name="email"]').fill(email);
      await form.locator('input[name="password"]').fill(PASSWORD);
      expect(await form.locator('input[name="consent"]').isChecked()).toBe(false);
      await form.getByRole("button", { name: t(lang, "signup.submit"), exact: true }).click();

      // With JavaScript the form checks before sending; without, the server answers with the same message.
      const error = page.getByText(t(lang, "validation.consentRequired"), { exact: true });
      await error.waitFor();
      expect(new URL(page.url()).pathname).toBe("/signup");
      const errorId = await error.locator("xpath=ancestor-or-self::*[@id][1]").getAttribute("id");
      expect(errorId).toBeTruthy();
      expect(await form.locator('input[name="consent"]').getAttribute("aria-describedby")).toBe(errorId);

      // No account: logging in with those credentials is refused.
      await page.goto("/login");
      await logIn(page, lang, email, PASSWORD);
      await page.getByRole("alert").filter({ hasText: t(lang, "auth.invalidCredentials") }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/login");
    });
  }

  test("works without JavaScript: demo learner logs in (French), switches language, logs out", async () => {
    const page = await browser.newPage({ lang: "fr", javaScriptEnabled: false });

    await page.goto("/");
    expect(await htmlLangDir(page)).toEqual({ lang: "fr", dir: "ltr" });
    await page.locator("header").getByRole("link", { name: t("fr", "nav.login"), exact: true }).click();
    await waitForPath(page, "/login");
    await logIn(page, "fr", DEMO_LEARNER.email, DEMO_LEARNER.password);

    await waitForPath(page, "/learn");
    await page.locator("main h1", { hasText: "Bonjour, Salma Benali" }).waitFor();
    expect(await heading(page)).toBe(t("fr", "learn.title", { name: DEMO_LEARNER.name }));

    // The switcher is a plain form: it works without scripts too, and keeps the reader on the same page.
    await switchLanguage(page, "ar");
    await waitForPath(page, "/learn");
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    expect(await heading(page)).toBe(t("ar", "learn.title", { name: DEMO_LEARNER.name }));
    await switchLanguage(page, "fr"); // leave the demo account's language as seeded
    expect(await heading(page)).toBe("Bonjour, Salma Benali");

    await page.locator("header").getByRole("button", { name: t("fr", "nav.logout"), exact: true }).click();
    await waitForPath(page, "/");
    await page.locator("header").getByRole("link", { name: t("fr", "nav.login"), exact: true }).waitFor();
    await page.goto("/learn");
    await waitForPath(page, "/login");
  });
});
