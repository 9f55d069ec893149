import fs from "node:fs";
import { expect, test } from "vitest";
import { describeE2e, logIn, seriousViolations, t, uniqueEmail, waitForPath } from "./helpers";

const CENTRE_ADMIN = { email: "centre@demo.maharat.ma", password: "maharat-demo-2026" };
const CENTRE = "/centre/ofppt-ista-casablanca-demo";

describeE2e("a training centre enrols a cohort from a CSV file", (browser) => {
  test("preview with the bad row's reason, import the rest, dashboard with charts, CSV export, re-upload changes nothing", async () => {
    const page = await browser.newPage({ lang: "fr" });
    await logIn(page, CENTRE_ADMIN);

    // A new cohort on the centre's page, following AI Foundations.
    await page.goto(CENTRE);
    const cohortName = `Promo e2e ${Date.now().toString(36)}`;
    await page.getByLabel(t("fr", "cohorts.form.name"), { exact: true }).fill(cohortName);
    await page.getByRole("button", { name: t("fr", "cohorts.create.submit"), exact: true }).click();
    await page.waitForURL(/\/cohorts\/[^/]+$/);
    const dashboard = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: cohortName }).waitFor();

    // A French Excel export: BOM, semicolons, an Arabic name, and one bad address.
    const good = [uniqueEmail("csv-a"), uniqueEmail("csv-b")];
    const csv = `\uFEFFNom complet;E-mail;Matricule;Langue\r\nFatima-Zahra El Idrissi;${good[0]};R1300451;fr\r\nمحمد أمين بن علي;${good[1]};R1300452;ar\r\nKarim Tazi;karim.tazi@;R1300453;fr\r\n`;
    const upload = async () => {
      await page.goto(`${dashboard}/enrol`);
      await page.locator('input[type="file"]').setInputFiles({ name: "promo.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await page.getByRole("button", { name: t("fr", "cohorts.enrol.preview"), exact: true }).click();
      await page.getByRole("heading", { name: t("fr", "cohorts.enrol.previewTitle"), exact: true }).waitFor();
    };

    await upload();
    const bad = page.locator('tr[data-status="invalid"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.innerText()).toContain("karim.tazi@");
    expect(await bad.innerText()).toContain(t("fr", "enrolment.problem.email_invalid"));
    expect(await page.locator('tr[data-status="new_account"]').count()).toBe(2);
    expect(await page.locator("main").innerText()).toContain("محمد أمين بن علي");
    await page.getByRole("button", { name: t("fr", "cohorts.enrol.confirm_other", { count: "2" }), exact: true }).click();
    await page.getByText(t("fr", "cohorts.enrol.done"), { exact: true }).waitFor();
    const summary = await page.locator("main").innerText();
    expect(summary).toContain(t("fr", "enrolment.result.created_other", { count: "2" }));
    expect(summary).toContain(t("fr", "enrolment.result.rejected_one", { count: "1" }));

    // The dashboard: both learners, three charts with their data tables.
    await page.goto(dashboard);
    const table = page.locator('section[aria-labelledby="learners"] table');
    expect(await table.innerText()).toContain("Fatima-Zahra El Idrissi");
    expect(await table.innerText()).toContain("محمد أمين بن علي");
    // The progress distribution is drawn (two learners at 0–20 %); with no activity yet, the other two charts say so.
    expect(await page.locator('figure svg[role="img"]').count()).toBe(1);
    expect(await page.locator("figure").first().innerText()).toContain(t("fr", "cohorts.charts.distribution"));
    expect(await page.getByText(t("fr", "cohorts.charts.noAttempts"), { exact: true }).count()).toBe(1);
    expect(await page.getByText(t("fr", "cohorts.charts.noActivity"), { exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The export, as a download.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("fr", "cohorts.export.csv"), exact: true }).click()]);
    const exported = fs.readFileSync((await download.path()) ?? "", "utf8");
    expect(exported.charCodeAt(0)).toBe(0xfeff);
    expect(exported).toContain("محمد أمين بن علي");
    expect(exported).toContain("R1300451");
    expect(exported.trim().split("\r\n")).toHaveLength(3);

    // The same file again: everyone is already there, nothing is written.
    await upload();
    expect(await page.locator('tr[data-status="already_enrolled"]').count()).toBe(2);
    expect(await page.locator('tr[data-status="new_account"], tr[data-status="existing_account"]').count()).toBe(0);
    await page.locator('form:has(input[name="intent"][value="import"]) button[type="submit"]').click();
    await page.getByText(t("fr", "cohorts.enrol.done"), { exact: true }).waitFor();
    expect(await page.locator("main").innerText()).toContain(t("fr", "enrolment.result.created_one", { count: "0" }));
    await page.goto(dashboard);
    expect(await page.locator('input[name="userId"]').count()).toBe(2);

    // The dashboard in Arabic reads right to left and passes axe.
    await page.goto(`${dashboard}?lng=ar`);
    await page.locator('html[dir="rtl"]').waitFor({ state: "attached" });
    await page.getByRole("heading", { name: t("ar", "cohorts.charts.title"), exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await waitForPath(page, dashboard);
  });
});
