import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO_INSTRUCTOR, describeE2e, htmlLangDir, logIn, t, uniqueEmail, waitForPath } from "./helpers";

const PASSWORD = "une phrase de passe e2e";
const COURSE = "ai-foundations";

async function progressOf(page: Page) {
  return Number(await page.locator('[role="progressbar"]').first().getAttribute("aria-valuenow"));
}

/** Waits for the page's progress bar to show this value (the new page's content, not just its URL). */
async function expectProgress(page: Page, value: number) {
  await page.locator(`main [role="progressbar"][aria-valuenow="${value}"]`).first().waitFor();
  expect(await progressOf(page)).toBe(value);
}

describeE2e("learning journey in Arabic: enrol, complete lessons, progress persists", (browser) => {
  test("a new learner enrols in AI Foundations in Arabic, completes two lessons, logs out and in, and resumes", async () => {
    const page = await browser.newPage({ lang: "ar" });
    const email = uniqueEmail("learner");
    const name = "يوسف بناني";

    // Sign up in Arabic.
    await page.goto("/signup");
    const form = page.locator("form#signup");
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="password"]').fill(PASSWORD);
    await form.locator('input[name="consent"]').check();
    await form.getByRole("button", { name: t("ar", "signup.submit"), exact: true }).click();
    await waitForPath(page, "/learn", "?welcome=1");
    await page.getByText(t("ar", "learn.noCourses")).waitFor();

    // The catalogue, in Arabic, shows the tier-1 course open and the tier-2 course locked.
    await page.locator("header").getByRole("link", { name: t("ar", "nav.courses"), exact: true }).click();
    await waitForPath(page, "/courses");
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    const foundations = page.locator(`a[href="/courses/${COURSE}"]`).first();
    expect(await foundations.innerText()).toBe("أساسيات الذكاء الاصطناعي");
    await page.getByText(t("ar", "course.lockedShort", { courses: "أساسيات الذكاء الاصطناعي" })).first().waitFor();

    // Course page → enrol → first lesson, shown in Arabic (no fallback notice).
    await foundations.click();
    await waitForPath(page, `/courses/${COURSE}`);
    await page.locator("main h1", { hasText: "أساسيات الذكاء الاصطناعي" }).waitFor();
    await page.getByRole("button", { name: t("ar", "course.enrol"), exact: true }).click();
    await waitForPath(page, `/courses/${COURSE}/what-ai-is`);
    const article = page.locator("main article");
    expect(await article.getAttribute("lang")).toBe("ar");
    expect(await article.getAttribute("dir")).toBe("rtl");
    expect(await page.getByText(t("ar", "lesson.fallbackNotice", { language: "Français" })).count()).toBe(0);
    expect((await article.locator("h2").count()) > 2).toBe(true);
    await expectProgress(page, 0);

    // Complete lesson 1 and 2 with "mark as done and continue".
    await page.getByRole("button", { name: t("ar", "lesson.markDoneAndNext"), exact: true }).click();
    await waitForPath(page, `/courses/${COURSE}/how-llms-work`);
    await expectProgress(page, 17);
    await page.getByRole("button", { name: t("ar", "lesson.markDoneAndNext"), exact: true }).click();
    await waitForPath(page, `/courses/${COURSE}/prompting-well`);
    await expectProgress(page, 33);

    // Log out, log back in: progress and the place to resume are still there.
    await page.locator("header").getByRole("button", { name: t("ar", "nav.logout"), exact: true }).click();
    await waitForPath(page, "/");
    await page.goto("/login");
    await page.locator('main form input[name="email"]').fill(email);
    await page.locator('main form input[name="password"]').fill(PASSWORD);
    await page.locator("main form").getByRole("button", { name: t("ar", "login.submit"), exact: true }).click();
    await waitForPath(page, "/learn");
    const card = page.locator("main li", { hasText: "أساسيات الذكاء الاصطناعي" });
    await card.waitFor();
    expect(await card.locator('[role="progressbar"]').getAttribute("aria-valuenow")).toBe("33");
    await card.getByRole("link", { name: t("ar", "learn.resume"), exact: true }).click();
    await waitForPath(page, `/courses/${COURSE}/prompting-well`);

    // The course page marks the two lessons done.
    await page.goto(`/courses/${COURSE}`);
    await expectProgress(page, 33);
    expect(await page.getByText(t("ar", "lesson.doneMark")).count()).toBe(2);
  });

  test("a tier-3 lesson reads in Arabic, right to left, with no French fallback (staff preview of a tier-3 course)", async () => {
    const page = await browser.newPage({ lang: "ar" });
    await logIn(page, DEMO_INSTRUCTOR, "ar");
    await waitForPath(page, "/teach");
    await page.goto("/courses/ai-tourism/guest-messaging-multilingual");
    await page.locator("main article").waitFor();
    expect(await page.locator("main article").getAttribute("lang")).toBe("ar");
    expect(await page.locator("main article").getAttribute("dir")).toBe("rtl");
    expect(await page.getByText(t("ar", "lesson.fallbackNotice", { language: "Français" })).count()).toBe(0);
    expect(await page.locator("main article").innerText()).toMatch(/[\u0600-\u06FF]{3,}/);
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
  });
});
