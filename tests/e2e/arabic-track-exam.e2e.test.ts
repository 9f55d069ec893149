import { expect, test } from "vitest";
import { DEMO_INSTRUCTOR, describeE2e, htmlLangDir, logIn, t, waitForPath } from "./helpers";

// A tier-3 job-track exam taken in Arabic on a phone (360 px): the items are in Arabic, right to left, nothing runs
// past the screen's width, answers are saved, and the attempt is handed in and graded. The demo instructor takes it
// (staff may preview and try a course without its prerequisites; a learner would first need tier 2).
describeE2e("a tier-3 exam in Arabic on a phone", (browser) => {
  test("the tourism track's exam, start to result, in Arabic at 360 px", async () => {
    const page = await browser.newPage({ lang: "ar", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await logIn(page, DEMO_INSTRUCTOR, "ar");
    await waitForPath(page, "/teach");

    await page.goto("/courses/ai-tourism/exam");
    await page.getByRole("button", { name: t("ar", "exam.start"), exact: true }).click();
    await page.waitForURL(/\/exams\/[a-z0-9-]+$/);
    // The attempt's form carries the exam's language: Arabic, right to left.
    await page.locator('main form[lang="ar"][dir="rtl"]').waitFor();
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    const fieldsets = page.locator("fieldset");
    expect(await fieldsets.count()).toBe(15);
    // Every question is written in Arabic (a run of Arabic words, beyond the "question N" label).
    for (const text of await fieldsets.allInnerTexts()) expect(text).toMatch(/(?:[\u0600-\u06FF]+\s+){5}/);
    // Nothing is wider than the phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Answer the first choice question; the background save confirms it in Arabic.
    const choice = page.locator("fieldset", { has: page.locator('input[type="radio"]') }).first();
    await choice.locator('input[type="radio"]').first().check();
    await choice.getByText(t("ar", "exam.save.saved"), { exact: true }).waitFor();

    await page.getByRole("button", { name: t("ar", "exam.submit"), exact: true }).click();
    await page.waitForURL(/\/exams\/[a-z0-9-]+\/result$/);
    await page.locator("main h1", { hasText: t("ar", "exam.resultTitle") }).waitFor();
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
  });
});
