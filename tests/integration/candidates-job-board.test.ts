// The candidate's job-board page over HTTP (run `npm run build` first): opt-in with consent, settings, withdrawal,
// contact requests. Every test starts from empty tables, so each builds its own people and jobs.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { languageCookie } from "~/lib/i18n.server";
import { createContactRequest } from "~/modules/candidates/contact.server";
import { canSeeIdentity } from "~/modules/candidates/disclosure.server";
import { optInToJobBoard, updateJobBoardPreferences } from "~/modules/candidates/profile.server";
import { createEmployerJob, syncJobBoardCurriculum } from "~/modules/candidates/test-fixtures";
import { explainCandidate } from "~/modules/matching/ranking.server";
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

const PAGE = "/account/job-board";

async function arabic(cookie: string) {
  return `${cookie}; ${(await languageCookie.serialize("ar")).split(";")[0]}`;
}

/** The <input …> tag whose value is `value`, to check what a re-rendered form keeps ticked. */
function inputTag(html: string, value: string) {
  return new RegExp(`<input[^>]*value="${value}"[^>]*>`).exec(html)?.[0] ?? "";
}

async function learner(name = "Salma Bennani") {
  await syncJobBoardCurriculum();
  const user = await createUser({ name, email: `${name.split(" ")[0].toLowerCase()}@example.ma` });
  return { user, cookie: await sessionCookieHeader(user.id) };
}

describe("/account/job-board", () => {
  it("sends visitors to log in", async () => {
    const res = await server.request(PAGE);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(PAGE)}`);
  });

  it("is off by default; opting in needs the consent box (400 in the reader's language otherwise) and records it", async () => {
    const { user, cookie } = await learner();
    const page = await server.request(PAGE, { cookie });
    expect(page.status).toBe(200);
    const html = await readPage(page);
    expect(html).toContain('name="consent"');
    expect(html).toContain("Ils ne voient jamais votre nom, votre e-mail, votre âge, votre photo, votre nationalité, votre adresse ni votre école");
    expect(html).toContain("loi 09-08");
    expect(html).not.toContain("Vous êtes visible des employeurs");

    const refused = await server.request(PAGE, { method: "POST", body: form({ intent: "opt-in" }), cookie: await arabic(cookie) });
    expect(refused.status).toBe(400);
    const refusedHtml = await readPage(refused);
    expect(refusedHtml).toMatch(/<html[^>]*dir="rtl"/);
    expect(refusedHtml).toContain("ضع علامة في الخانة للموافقة، أو ابقَ خارج فضاء التشغيل.");
    expect(await prisma.candidateProfile.count()).toBe(0);
    expect(await prisma.consent.count({ where: { kind: "job_board" } })).toBe(0);

    const accepted = await server.request(PAGE, { method: "POST", body: form({ intent: "opt-in", consent: "on" }), cookie: await arabic(cookie) });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/account/job-board?done=opted-in");
    const profile = await prisma.candidateProfile.findUniqueOrThrow({ where: { userId: user.id }, select: { active: true, handle: true } });
    expect(profile.active).toBe(true);
    expect(profile.handle).toMatch(/^Candidat·e [2-9A-HJ-NP-Z]{4}$/);
    expect(await prisma.consent.findMany({ where: { userId: user.id, kind: "job_board" }, select: { version: true, locale: true } })).toEqual([{ version: "2026-11-22", locale: "ar" }]);

    const after = await readPage(await server.request(`${PAGE}?done=opted-in`, { cookie }));
    expect(after).toContain(profile.handle);
    expect(after).toContain("Vous êtes sur l&#x27;espace emploi.");
  });

  it("saves what the candidate shows; bad input is a 400 in the reader's language that keeps every box ticked", async () => {
    const { user, cookie } = await learner();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    const bad = form({ intent: "save-preferences", region: "atlantis", openToRemote: "on" });
    bad.append("languages", "ar");
    bad.append("languages", "dar");
    bad.append("declaredSkillIds", "spreadsheets");
    const res = await server.request(PAGE, { method: "POST", body: bad, cookie: await arabic(cookie) });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html).toMatch(/<html[^>]*dir="rtl"/);
    expect(html).toContain("اختر جهة من القائمة.");
    expect(inputTag(html, "spreadsheets")).toContain("checked");
    expect(inputTag(html, "dar")).toContain("checked");
    expect(inputTag(html, "prompting")).not.toContain("checked");
    expect(await prisma.candidateSkill.count()).toBe(0);

    const tampered = form({ intent: "save-preferences", region: "" });
    tampered.append("declaredSkillIds", "astrology");
    const unknown = await server.request(PAGE, { method: "POST", body: tampered, cookie });
    expect(unknown.status).toBe(400);
    expect(await readPage(unknown)).toContain("Une compétence cochée n&#x27;existe plus.");

    const good = form({ intent: "save-preferences", region: "souss-massa" });
    good.append("languages", "ar");
    good.append("languages", "ber");
    good.append("declaredSkillIds", "spreadsheets");
    good.append("declaredSkillIds", "prompting");
    const saved = await server.request(PAGE, { method: "POST", body: good, cookie });
    expect(saved.status).toBe(302);
    expect(await prisma.candidateProfile.findUniqueOrThrow({ where: { userId: user.id }, select: { region: true, openToRemote: true, languages: true } })).toEqual({
      region: "souss-massa",
      openToRemote: false,
      languages: ["ar", "ber"],
    });
    const declared = await prisma.candidateSkill.findMany({ where: { userId: user.id }, select: { skillId: true, verified: true }, orderBy: { skillId: "asc" } });
    expect(declared).toEqual([{ skillId: "prompting", verified: false }, { skillId: "spreadsheets", verified: false }]);
    const page = await readPage(await server.request(PAGE, { cookie }));
    expect(inputTag(page, "prompting")).toContain("checked");
    expect(inputTag(page, "souss-massa")).toBe(""); // an <option>, not an input
    expect(page).toMatch(/<option[^>]*value="souss-massa"[^>]*selected/);
  });

  it("withdrawal takes the profile out of matching at once and withdraws the consent", async () => {
    const { user, cookie } = await learner();
    const { job } = await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }] });
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["spreadsheets"] });
    expect(await explainCandidate({ jobId: job.id, userId: user.id })).not.toBeNull();

    const res = await server.request(PAGE, { method: "POST", body: form({ intent: "withdraw" }), cookie });
    expect(res.status).toBe(302);
    expect(await explainCandidate({ jobId: job.id, userId: user.id })).toBeNull();
    expect(await prisma.candidateProfile.findUniqueOrThrow({ where: { userId: user.id }, select: { active: true } })).toEqual({ active: false });
    expect(await prisma.consent.count({ where: { userId: user.id, kind: "job_board", withdrawnAt: null } })).toBe(0);
    const matches = await readPage(await server.request("/account/job-board/matches", { cookie }));
    expect(matches).toContain("aucune offre ne vous est proposée");
    expect(matches).not.toContain(job.title);
  });

  it("lists contact requests; accepting reveals the identity for that job, declining does not", async () => {
    const { user, cookie } = await learner();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    const first = await createEmployerJob({ title: "Data protection officer" });
    const second = await createEmployerJob({ title: "Analyste conformité", employerId: first.employerId });
    const a = await createContactRequest({ jobId: first.job.id, userId: user.id, requestedById: first.recruiter.id, message: "Votre profil nous intéresse" });
    const b = await createContactRequest({ jobId: second.job.id, userId: user.id, requestedById: first.recruiter.id });
    const page = await readPage(await server.request(PAGE, { cookie }));
    expect(page).toContain("Data protection officer");
    expect(page).toContain("Votre profil nous intéresse");
    expect(page).toContain('value="contact-accept"');

    const accept = await server.request(PAGE, { method: "POST", body: form({ intent: "contact-accept", requestId: a.id }), cookie });
    expect(accept.status).toBe(302);
    const decline = await server.request(PAGE, { method: "POST", body: form({ intent: "contact-decline", requestId: b.id }), cookie });
    expect(decline.status).toBe(302);
    expect(await canSeeIdentity({ jobId: first.job.id, userId: user.id })).toBe(true);
    expect(await canSeeIdentity({ jobId: second.job.id, userId: user.id })).toBe(false);

    // Someone else's request is not found; the other answer afterwards is a 409 with a message.
    const other = await learner("Youssef Alami");
    expect((await server.request(PAGE, { method: "POST", body: form({ intent: "contact-accept", requestId: b.id }), cookie: other.cookie })).status).toBe(404);
    const flip = await server.request(PAGE, { method: "POST", body: form({ intent: "contact-accept", requestId: b.id }), cookie });
    expect(flip.status).toBe(409);
    expect(await readPage(flip)).toContain("Vous avez déjà donné une autre réponse à cette demande.");
    expect(await canSeeIdentity({ jobId: second.job.id, userId: user.id })).toBe(false);
  });
});
