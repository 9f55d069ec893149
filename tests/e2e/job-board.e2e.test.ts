import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { describeE2e, logIn, t } from "./helpers";

const PASSWORD = "maharat-demo-2026";
const EMPLOYER = { email: "employer@demo.maharat.ma", password: PASSWORD };
const ADMIN = { email: "admin@demo.maharat.ma", password: PASSWORD };
const SEEKER = { email: "seeker@demo.maharat.ma", password: PASSWORD };
const CREDENTIAL_HOLDER = { email: "holder@demo.maharat.ma", password: PASSWORD };
// The demo seed's two candidates: DEMO1 holds the AI Foundations credential, DEMO2 only declares skills.
const HOLDER = "Candidat·e DEMO1";
const DECLARED = "Candidat·e DEMO2";

const card = (page: Page, handle: string) => page.locator(`#matches li[data-handle="${handle}"]`);

describeE2e("the job board: skills-based matching, explained, contestable", (browser) => {
  test("an employer posts a job; the credential holder ranks above the declared-only candidate; revocation drops them; an objection is answered", async () => {
    const employer = await browser.newPage({ lang: "fr" });
    await logIn(employer, EMPLOYER);
    await employer.goto("/employer/jobs/new");
    const title = `Animateur·rice IA pour coopératives ${Date.now().toString(36)}`;
    await employer.getByLabel(t("fr", "employerJobs.form.title"), { exact: true }).fill(title);
    await employer
      .getByLabel(t("fr", "employerJobs.form.description"), { exact: true })
      .fill("Accompagner les coopératives agricoles du Souss dans l'usage de l'IA générative : rédiger de bonnes consignes, vérifier les réponses, protéger les données des adhérents.");
    await employer.getByLabel(t("fr", "employerJobs.form.region"), { exact: true }).selectOption("souss-massa");
    await employer.getByLabel(t("fr", "employerJobs.form.contractType"), { exact: true }).selectOption("CDI");
    await employer.locator('input[name="requiredSkills"][value="prompting"]').check();
    await employer.locator('input[name="niceSkills"][value="agri-data"]').check();
    await employer.getByRole("button", { name: t("fr", "employerJobs.form.publish"), exact: true }).click();
    await employer.waitForURL(/\/employer\/jobs\/[^/?]+\?done=published/);
    const jobPath = new URL(employer.url()).pathname;
    const jobId = jobPath.split("/")[3];

    // Both candidates match; the holder of a valid credential covering the required skill comes first. The
    // credential worker issues the demo credential shortly after start-up: wait for it if needed.
    for (let tries = 0; (await card(employer, HOLDER).getAttribute("data-group").catch(() => null)) !== "verified"; tries++) {
      if (tries > 20) throw new Error("the demo holder never appeared as a verified candidate");
      await employer.waitForTimeout(1000);
      await employer.reload();
    }
    const cards = employer.locator("#matches li[data-handle]");
    expect(await cards.evaluateAll((items) => items.map((item) => item.getAttribute("data-handle")))).toEqual(
      expect.arrayContaining([HOLDER, DECLARED]),
    );
    const order = await cards.evaluateAll((items) => items.map((item) => item.getAttribute("data-handle")));
    expect(order.indexOf(HOLDER)).toBeLessThan(order.indexOf(DECLARED));
    expect(await card(employer, DECLARED).getAttribute("data-group")).toBe("declared");
    // Each with its skill-by-skill breakdown.
    for (const handle of [HOLDER, DECLARED]) {
      // One plain sentence says why; the skill-by-skill table is behind "details".
      expect(await card(employer, handle).getByTestId("match-reason").innerText()).not.toBe("");
      await card(employer, handle).locator("details > summary").click();
      const text = await card(employer, handle).innerText();
      expect(text).toContain(t("fr", "jobBoard.breakdown.caption"));
      expect(text).toMatch(/Rédaction de consignes/);
    }
    expect(await card(employer, HOLDER).innerText()).toContain(t("fr", "jobBoard.breakdown.verified"));
    expect(await card(employer, DECLARED).innerText()).toContain(t("fr", "jobBoard.breakdown.declared"));

    // The holder has not applied: the employer sees the credential's verification result, not a link that leads to
    // its public page (and the holder's name on it).
    expect(await card(employer, HOLDER).locator('a[href^="/credentials/"]').count()).toBe(0);
    expect(await card(employer, HOLDER).locator('[data-credential-status="valid"]').count()).toBeGreaterThan(0);

    // A platform admin revokes the holder's credential (its public page, as the holder shares it): the holder stops
    // counting at once.
    const holder = await browser.newPage({ lang: "fr" });
    await logIn(holder, CREDENTIAL_HOLDER);
    await holder.goto("/credentials");
    const credentialHref = await holder.getByRole("link", { name: t("fr", "credentials.actions.publicPage"), exact: true }).first().getAttribute("href");
    expect(credentialHref).toBeTruthy();
    const admin = await browser.newPage({ lang: "fr" });
    await logIn(admin, ADMIN);
    await admin.goto(credentialHref ?? "");
    await admin.getByLabel(t("fr", "credentials.revoke.reason"), { exact: true }).fill("Démonstration : fraude constatée à l'examen");
    await admin.getByRole("button", { name: t("fr", "credentials.revoke.submit"), exact: true }).click();
    await admin.getByText(t("fr", "credentials.revoke.done"), { exact: true }).waitFor();
    await employer.reload();
    expect(await card(employer, HOLDER).count()).toBe(0); // no declared skill either: not listed, never "0 %"
    expect(await card(employer, DECLARED).count()).toBe(1);

    // The declared-only candidate asks why and for a human review; the employer answers; the candidate reads it.
    const seeker = await browser.newPage({ lang: "fr" });
    await logIn(seeker, SEEKER);
    await seeker.goto(`/account/job-board/object?job=${jobId}`);
    await seeker.getByLabel(t("fr", "jobBoard.object.message"), { exact: true }).fill("J'ai suivi une formation de Maharat ; pourquoi ne suis-je pas premier ? Je demande un examen humain.");
    await seeker.getByRole("button", { name: t("fr", "jobBoard.object.submit"), exact: true }).click();
    await seeker.waitForURL((url) => url.pathname === "/account/job-board" && url.search.includes("done=objection"));

    await employer.goto("/employer/objections");
    const answer = "Votre profil a été relu par une personne : la compétence requise est déclarée mais non certifiée. Passez l'examen Fondamentaux de l'IA pour la faire vérifier.";
    await employer.getByLabel(t("fr", "jobBoard.queue.answer"), { exact: true }).first().fill(answer);
    await employer.getByRole("button", { name: t("fr", "jobBoard.queue.submit"), exact: true }).first().click();
    // The queue shows the answer once it is saved (the post redirects back to the queue).
    await employer.getByText(answer, { exact: true }).waitFor();

    await seeker.goto("/account/job-board");
    expect(await seeker.locator("main").innerText()).toContain(answer);
  });
});
