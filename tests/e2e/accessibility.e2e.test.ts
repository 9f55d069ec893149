import { expect, test } from "vitest";
import { DEMO_LEARNER, describeE2e, seriousViolations, switchLanguage, t, waitForPath, type Lang } from "./helpers";

const publicPages = ["/", "/courses", "/courses/ai-foundations", "/courses/ai-practitioner", "/signup", "/login", "/forgot-password", "/privacy", "/verify", "/jobs", "/achievements/ai-foundations", "/skills/prompting", "/page-that-does-not-exist"];
const languages: Lang[] = ["fr", "ar", "en"];

describeE2e("accessibility (axe-core, WCAG 2.1 AA) on a phone-sized screen", (browser) => {
  for (const lang of languages) {
    test(`public pages in ${lang}`, async () => {
      const page = await browser.newPage({ lang, viewport: { width: 390, height: 844 }, isMobile: true });
      const problems: string[] = [];
      for (const path of publicPages) {
        await page.goto(path);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        problems.push(...(await seriousViolations(page)).map((p) => `${path}: ${p}`));
      }
      expect(problems).toEqual([]);
    });
  }

  test("signed-in pages in Arabic, and a form showing its errors", async () => {
    const page = await browser.newPage({ lang: "ar", viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto("/login");
    // Chosen on this device, so the signed-in pages stay in Arabic (the demo account's own language is French).
    await switchLanguage(page, "ar");
    const form = page.locator("main form");
    await form.locator('input[name="email"]').fill("not-an-email");
    await form.locator('input[name="password"]').fill("x");
    await form.getByRole("button", { name: t("ar", "login.submit"), exact: true }).click();
    await page.getByText(t("ar", "validation.emailInvalid")).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await form.locator('input[name="email"]').fill(DEMO_LEARNER.email);
    await form.locator('input[name="password"]').fill(DEMO_LEARNER.password);
    await form.getByRole("button", { name: t("ar", "login.submit"), exact: true }).click();
    await waitForPath(page, "/learn");
    const problems: string[] = [];
    for (const path of ["/learn", "/study", "/study/practice", "/courses/ai-foundations/what-ai-is", "/courses/ai-foundations/privacy-and-law-09-08", "/account", "/account/password", "/account/sessions", "/credentials", "/account/job-board", "/account/job-board/matches"]) {
      await page.goto(path);
      problems.push(...(await seriousViolations(page)).map((p) => `${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  test("an instructor's accommodation page for a learner of the cohort, in Arabic (right-to-left)", async () => {
    const page = await browser.newPage({ lang: "ar", viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto("/login");
    await switchLanguage(page, "ar");
    const form = page.locator("main form");
    await form.locator('input[name="email"]').fill("instructor@demo.maharat.ma");
    await form.locator('input[name="password"]').fill(DEMO_LEARNER.password);
    await form.getByRole("button", { name: t("ar", "login.submit"), exact: true }).click();
    await page.waitForURL(/\/teach$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: DEMO_LEARNER.name }).click();
    await page.waitForURL(/\/teach\/learners\//);
    await page.getByRole("heading", { name: DEMO_LEARNER.name }).waitFor();
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await page.getByText(t("ar", "accommodations.grantTitle")).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The item analysis of an exam version, reached from the teaching page.
    await page.goto("/teach");
    await page.locator('a[href^="/exam-analysis/"]').first().click();
    await page.waitForURL(/\/exam-analysis\//);
    await page.getByRole("link", { name: t("ar", "analysis.csv") }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the checker itself catches a real violation (so a pass above means something)", async () => {
    const page = await browser.newPage({ lang: "fr" });
    await page.goto("/");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/favicon.svg">'));
    expect((await seriousViolations(page)).some((v) => v.startsWith("image-alt"))).toBe(true);
  });

  test("the skip link is the first thing the keyboard reaches and moves focus to the content", async () => {
    const page = await browser.newPage({ lang: "fr" });
    await page.goto("/");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    expect(await focused.innerText()).toBe(t("fr", "nav.skipToContent"));
    expect(await focused.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
  });
});
