import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { describeE2e, htmlLangDir, seriousViolations, signUp, t, waitForPath } from "./helpers";

// Study mode on a phone in Arabic (360 px): a new learner asks the tutor (the answer streams from the API, with the
// local default: the lesson passages), follows a citation to the lesson section, then does a "check the AI answer"
// task in the practice lab and sees the feedback. Right to left, nothing wider than the screen, axe clean.
async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describeE2e("study mode in Arabic on a phone", (browser) => {
  test("ask the tutor, follow a citation, check an AI answer and see the feedback", async () => {
    const page = await browser.newPage({ lang: "ar", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signUp(page, { name: "سلمى العلوي", lang: "ar", prefix: "study" });

    // The tutor, from the study page.
    await page.locator("header").getByRole("link", { name: t("ar", "nav.study"), exact: true }).click();
    await waitForPath(page, "/study");
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    await page.locator("#tutor-question").fill("ما هي الهلوسة عند النماذج اللغوية وكيف أتجنبها؟");
    const streamed = page.waitForResponse((response) => response.url().endsWith("/api/study/tutor"));
    await page.getByRole("button", { name: t("ar", "study.ask.submit"), exact: true }).click();
    // Streamed through POST /api/study/tutor, then the saved conversation opens.
    expect((await streamed).headers()["content-type"]).toMatch(/^text\/event-stream/);
    await page.waitForURL(/\/study\?c=[a-z0-9]+/);
    const answer = page.locator("article[id^='m-']").first();
    await answer.getByText(t("ar", "study.tutor.modePassages"), { exact: true }).waitFor();
    expect(await answer.innerText()).toMatch(/(?:[\u0600-\u06FF]+\s+){8}/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Follow a citation to its lesson section (a tier-1 lesson, open to a new learner).
    const citation = answer.locator('a[href^="/courses/ai-foundations/"]').first();
    const href = (await citation.getAttribute("href")) ?? "";
    expect(href).toMatch(/\?lng=ar#section-\d+$/);
    await citation.click();
    await page.waitForURL((url) => url.pathname.startsWith("/courses/ai-foundations/") && url.hash.startsWith("#section-"));
    const anchor = href.split("#")[1] ?? "";
    await page.locator(`article[lang="ar"] h2#${anchor}`).waitFor();
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });

    // A "check the AI answer" task in the practice lab.
    await page.goto("/study/practice");
    const task = page.locator("li", { hasText: t("ar", "practice.kind.check_answer") }).first();
    await task.locator("a").first().click();
    await page.waitForURL(/\/study\/practice\/[a-z0-9-]+$/);
    await page.locator("fieldset legend", { hasText: t("ar", "practice.checkAnswer.instructions") }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const first = page.locator("fieldset > div").first();
    await first.getByLabel(t("ar", "practice.checkAnswer.isWrong")).check();
    await first.locator("textarea").fill("الرقم غير صحيح ويجب التحقق من المصدر");
    await page.getByRole("button", { name: t("ar", "practice.check"), exact: true }).click();
    const feedback = page.locator("section#feedback");
    await feedback.getByRole("heading", { name: t("ar", "practice.feedback.title") }).waitFor();
    expect(await feedback.innerText()).toMatch(/وجدت \d+ من أصل \d+ أخطاء مدسوسة/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
