import { expect, test } from "vitest";
import { describeE2e, signUp, t } from "./helpers";

describeE2e("exam journey: timed exam, reload mid-way, submit", (browser) => {
  test("a learner starts the AI Foundations exam, answers survive a network loss and a reload, and the exam is submitted and graded", async () => {
    const page = await browser.newPage({ lang: "fr" });
    await signUp(page, { name: "Amine Examen", lang: "fr", prefix: "exam" });

    await page.goto("/courses/ai-foundations/exam");
    await page.getByRole("button", { name: t("fr", "exam.start"), exact: true }).click();
    await page.waitForURL(/\/exams\/[a-z0-9-]+$/);
    const attemptUrl = page.url();

    // The server's clock: a countdown below the time limit (40 min).
    const timer = page.getByRole("timer");
    await timer.waitFor();
    expect(await timer.innerText()).toMatch(/^(39|40):\d\d$/);
    expect(await page.locator("fieldset").count()).toBe(20);

    // Answer the first multiple-choice-like question; the background save confirms it.
    const fieldset = page.locator("fieldset", { has: page.locator('input[type="radio"]') }).first();
    const choice = fieldset.locator('input[type="radio"]').nth(1);
    await choice.check();
    await fieldset.getByText(t("fr", "exam.save.saved"), { exact: true }).waitFor();
    const name = await choice.getAttribute("name");
    const value = await choice.getAttribute("value");

    // The network drops: the next answer shows as not saved, and is saved by itself once the network is back.
    const other = page.locator("fieldset", { has: page.locator('input[type="radio"]') }).nth(1);
    const otherChoice = other.locator('input[type="radio"]').first();
    await page.context().setOffline(true);
    await otherChoice.check();
    await other.getByText(t("fr", "exam.save.error"), { exact: true }).waitFor();
    await page.context().setOffline(false);
    await other.getByText(t("fr", "exam.save.saved"), { exact: true }).waitFor({ timeout: 15_000 });
    const otherName = await otherChoice.getAttribute("name");
    const otherValue = await otherChoice.getAttribute("value");

    // Reload: the answer is still there.
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    expect(page.url()).toBe(attemptUrl);
    expect(await page.locator(`input[name="${name}"][value="${value}"]`).isChecked()).toBe(true);
    expect(await page.locator(`input[name="${otherName}"][value="${otherValue}"]`).isChecked()).toBe(true);

    // Submit: graded on the server; the result page shows a score or, with open answers, the review notice.
    await page.getByRole("button", { name: t("fr", "exam.submit"), exact: true }).click();
    await page.waitForURL(/\/exams\/[a-z0-9-]+\/result$/);
    await page.locator("main h1", { hasText: t("fr", "exam.resultTitle") }).waitFor();
    const body = await page.locator("main").innerText();
    expect(body.includes(t("fr", "exam.awaitingReview")) || /\d+ %/.test(body)).toBe(true);

    // Going back to the attempt now shows the result, not the questions.
    await page.goto(attemptUrl.replace(/^https?:\/\/[^/]+/, ""));
    await page.waitForURL(/\/result$/);
  });
});
