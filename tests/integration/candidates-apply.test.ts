// "Jobs for me" and one-click applications over HTTP (run `npm run build` first).
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { languageCookie } from "~/lib/i18n.server";
import { canSeeIdentity } from "~/modules/candidates/disclosure.server";
import { optInToJobBoard, updateJobBoardPreferences } from "~/modules/candidates/profile.server";
import { createEmployerJob, giveCredential, syncJobBoardCurriculum } from "~/modules/candidates/test-fixtures";
import { SCORING_RULES_VERSION } from "~/modules/matching/types";
import { createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

const server = useTestServer();

/**
 * The page's text as a browser reads it. React 18.3.1's streaming renderer pads a 2 KB chunk with NUL bytes when an
 * Arabic (multi-byte) character does not fit at its end (react/react#31134); browsers drop U+0000 in text, so the
 * assertions do too.
 */
async function readPage(res: Response) {
  return (await res.text()).replaceAll("\0", "");
}

const MATCHES = "/account/job-board/matches";
const APPLY = "/account/job-board/apply";

async function candidate() {
  await syncJobBoardCurriculum();
  const user = await createUser({ name: "Salma Bennani" });
  await optInToJobBoard({ userId: user.id, locale: "fr" });
  await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["spreadsheets"] });
  return { user, cookie: await sessionCookieHeader(user.id) };
}

describe("jobs for me and applying", () => {
  it("lists matching jobs with the skill-by-skill breakdown and the rules version", async () => {
    const { user, cookie } = await candidate();
    await giveCredential({ userId: user.id, courseId: "t1-course" });
    const { job } = await createEmployerJob({ title: "Chargée de conformité", skills: [{ skillId: "data-protection", required: true }, { skillId: "ethics", required: false }] });
    await createEmployerJob({ title: "Comptable senior", skills: [{ skillId: "unrelated-skill", required: true }] });
    const res = await server.request(MATCHES, { cookie });
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html).toContain("Chargée de conformité");
    expect(html).not.toContain("Comptable senior");
    expect(html).toContain(`href="/jobs/${job.id}"`);
    expect(html).toContain(`href="/account/job-board/object?job=${job.id}"`);
    expect(html).toContain("Protection des données");
    expect(html).toContain("Vérifiée (certificat de niveau 1)");
    expect(html).toContain("Manquante");
    expect(html).toContain("Souhaitée");
    expect(html).toContain(SCORING_RULES_VERSION);
    expect(html).toMatch(/<table/);
  });

  it("applies in one click, sharing only the relevant valid credentials; a second click changes nothing", async () => {
    const { user, cookie } = await candidate();
    const relevant = await giveCredential({ userId: user.id, courseId: "t1-course" });
    await giveCredential({ userId: user.id, courseId: "t3-course", revoked: true });
    await giveCredential({ userId: user.id, courseId: "t4-course" });
    const { job } = await createEmployerJob({ skills: [{ skillId: "data-protection", required: true }, { skillId: "ethics", required: false }] });

    for (let click = 0; click < 2; click++) {
      const res = await server.request(APPLY, { method: "POST", body: form({ intent: "apply", jobId: job.id, redirectTo: MATCHES }), cookie });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`${MATCHES}?done=applied`);
    }
    expect(await prisma.jobApplication.findMany({ select: { jobId: true, userId: true, status: true, sharedCredentialIds: true } })).toEqual([
      { jobId: job.id, userId: user.id, status: "APPLIED", sharedCredentialIds: [relevant.id] },
    ]);
    expect(await canSeeIdentity({ jobId: job.id, userId: user.id })).toBe(true);
    const page = await readPage(await server.request(`${MATCHES}?done=applied`, { cookie }));
    expect(page).toContain("Candidature envoyée");
    expect(page).toContain("1 certificat partagé");

    // An outside redirect is ignored; withdrawing keeps the row.
    const withdrawn = await server.request(APPLY, { method: "POST", body: form({ intent: "withdraw-application", jobId: job.id, redirectTo: "https://evil.example" }), cookie });
    expect(withdrawn.headers.get("location")).toBe(`${MATCHES}?done=application-withdrawn`);
    expect(await prisma.jobApplication.findFirstOrThrow({ select: { status: true } })).toEqual({ status: "WITHDRAWN" });
    expect(await canSeeIdentity({ jobId: job.id, userId: user.id })).toBe(false);
  });

  it("refuses closed (409) and draft (404) jobs and people not on the job board, with a message in their language", async () => {
    const { cookie } = await candidate();
    const closed = await createEmployerJob({ status: "CLOSED", skills: [{ skillId: "spreadsheets", required: true }] });
    const draft = await createEmployerJob({ status: "DRAFT", skills: [{ skillId: "spreadsheets", required: true }] });
    const closedRes = await server.request(APPLY, { method: "POST", body: form({ intent: "apply", jobId: closed.job.id }), cookie });
    expect(closedRes.status).toBe(409);
    expect(await readPage(closedRes)).toContain("Cette offre n&#x27;est pas ouverte");
    const draftRes = await server.request(APPLY, { method: "POST", body: form({ intent: "apply", jobId: draft.job.id }), cookie });
    expect(draftRes.status).toBe(404);
    expect(await readPage(draftRes)).toContain("Cette offre n&#x27;existe pas ou n&#x27;est pas publiée.");
    expect((await server.request(APPLY, { method: "POST", body: form({ intent: "dance", jobId: closed.job.id }), cookie })).status).toBe(400);

    const outsider = await createUser();
    const open = await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }] });
    const lng = (await languageCookie.serialize("ar")).split(";")[0];
    const notIn = await server.request(APPLY, { method: "POST", body: form({ intent: "apply", jobId: open.job.id }), cookie: `${await sessionCookieHeader(outsider.id)}; ${lng}` });
    expect(notIn.status).toBe(409);
    const html = await readPage(notIn);
    expect(html).toMatch(/<html[^>]*dir="rtl"/);
    expect(html).toContain("انضم أولًا إلى فضاء التشغيل.");
    expect(await prisma.jobApplication.count()).toBe(0);
  });
});
