import { expect, test } from "vitest";
import { describeE2e, htmlLangDir, logIn, seriousViolations, t } from "./helpers";

const CERTIFIED_AR = { email: "certified-ar@demo.maharat.ma", password: "maharat-demo-2026" };

// A learner's rights on a phone in Arabic: correct the name printed on certificates (Arabic and Latin spellings),
// have the credential re-issued with it, download a copy of their data (prepared by the server's job queue),
// schedule the deletion of the account and cancel it.
describeE2e("people's rights, in Arabic on a phone", (browser) => {
  test("correct the name, re-issue, export, schedule deletion, cancel it", async () => {
    const page = await browser.newPage({ lang: "ar", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await logIn(page, CERTIFIED_AR, "ar");
    expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });

    // The seeded credential is issued by the worker shortly after start.
    for (let tries = 0; ; tries++) {
      await page.goto("/credentials");
      if ((await page.locator('a[href*=".pdf"]').count()) > 0) break;
      if (tries > 30) throw new Error("the demo credential was never issued");
      await page.waitForTimeout(1_000);
    }

    // Correct the name, in both spellings.
    await page.goto("/account/profile");
    await page.getByLabel(t("ar", "profile.fields.certificateName"), { exact: true }).fill("يوسف بن أحمد العمراني");
    await page.getByLabel(t("ar", "profile.fields.certificateNameLatin"), { exact: true }).fill("Youssef Ben Ahmed El Amrani");
    await page.getByRole("button", { name: t("ar", "profile.save"), exact: true }).click();
    await page.getByText(t("ar", "profile.saved"), { exact: true }).waitFor();
    expect(await page.locator("main").innerText()).toContain("يوسف بن أحمد العمراني / Youssef Ben Ahmed El Amrani");
    expect(await seriousViolations(page)).toEqual([]);

    // Re-issue the credential under the old name.
    await page.getByRole("button", { name: t("ar", "profile.outdated.reissue"), exact: true }).click();
    await page.getByText(t("ar", "profile.reissued"), { exact: true }).waitFor();
    expect(await page.locator("[data-outdated-credential]").count()).toBe(0);

    // A copy of my data: prepared in the background, the page follows it until the download is offered.
    await page.goto("/account/privacy");
    await page.getByRole("button", { name: t("ar", "privacy.export.start"), exact: true }).click();
    await page.locator('[data-export-state="ready"]').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("ar", "privacy.export.download"), exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^maharat-my-data-\d{4}-\d\d-\d\d\.zip$/);
    expect(await seriousViolations(page)).toEqual([]);

    // Schedule the deletion, then change my mind.
    await page.goto("/account/delete");
    await page.getByLabel(t("ar", "privacy.delete.password"), { exact: true }).fill(CERTIFIED_AR.password);
    await page.getByRole("button", { name: t("ar", "privacy.delete.submit"), exact: true }).click();
    await page.locator('[data-deletion="scheduled"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: t("ar", "privacy.delete.cancel"), exact: true }).click();
    await page.getByText(t("ar", "privacy.delete.cancelled"), { exact: true }).waitFor();

    // The notification centre has it all, in Arabic.
    await page.goto("/account/notifications");
    for (const kind of ["credential_issued", "export_ready", "deletion_scheduled"]) expect(await page.locator(`[data-kind="${kind}"]`).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
