// The employer's side of matching over HTTP (run `npm run build` first): the ranked list on the job's page with
// pseudonymous profiles, a contact request, identity once the candidate accepts, the JSON API, and the audit of
// every ranking shown.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { applyToJob } from "~/modules/candidates/applications.server";
import { answerContactRequest } from "~/modules/candidates/contact.server";
import { optInToJobBoard, updateJobBoardPreferences } from "~/modules/candidates/profile.server";
import { createEmployerJob, giveCredential, syncJobBoardCurriculum } from "~/modules/candidates/test-fixtures";
import { issueCredentialForEvent } from "~/modules/certification/issuer.server";
import { createCertificationEvent, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

// Real signed credentials for the disclosure tests; APP_URL left unset, so the Origin check compares with the test
// server's own address (the contact request below posts a form).
useCredentialTestEnv({ appUrl: null });

const server = useTestServer();

const ctx = { jobId: "", employerCookie: "", holder: { id: "", handle: "" }, declarer: { id: "", handle: "" } };

/** A candidate on the job board: opted in, with declared skills (and no region, so every job's region fits). */
async function candidate(name: string, email: string, declared: string[]) {
  const user = await createUser({ name, email });
  const { handle } = await optInToJobBoard({ userId: user.id, locale: "fr" });
  await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: declared });
  return { id: user.id, handle };
}

beforeEach(async () => {
  await syncJobBoardCurriculum();
  const { job, recruiter } = await createEmployerJob({ skills: [{ skillId: "data-protection", required: true }, { skillId: "prompting", required: false }] });
  const holder = await candidate("Salma Bennani", "salma@example.ma", []);
  await giveCredential({ userId: holder.id, courseId: "t1-course" });
  const declarer = await candidate("Youssef Alami", "youssef@example.ma", ["data-protection", "prompting"]);
  Object.assign(ctx, { jobId: job.id, employerCookie: await sessionCookieHeader(recruiter.id), holder, declarer });
});

describe("the employer's ranked candidates", () => {
  it("lists the credential holder first, pseudonymously, each with a breakdown, and logs what was shown", async () => {
    const page = await (await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie })).text();
    const first = page.indexOf(`data-handle="${ctx.holder.handle}"`);
    const second = page.indexOf(`data-handle="${ctx.declarer.handle}"`);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(page).toContain('data-group="verified"');
    expect(page).toContain('data-group="declared"');
    // One plain sentence per candidate, and one scale (the table's total is the score, out of 100).
    expect(page).toMatch(/data-testid="match-reason">Détient [^<]+, qui atteste \d+ des \d+ compétences requises/);
    expect(page).toMatch(/data-testid="match-reason">Aucun certificat ne couvre encore les \d+ compétences requises/);
    expect(page).toMatch(/<td class="p-2 text-end font-semibold tabular-nums">[\d,]+ \/ 100<\/td>/);
    // The pseudonym reads in the page's language.
    const code = ctx.holder.handle.replace("Candidat·e ", "");
    expect(page).toContain(`<bdi>Candidat·e ${code}</bdi>`);
    // Pseudonymous: neither name nor e-mail is on the page.
    for (const secret of ["Salma Bennani", "salma@example.ma", "Youssef Alami", "youssef@example.ma"]) expect(page).not.toContain(secret);
    const logs = await prisma.rankingLog.findMany({ where: { jobId: ctx.jobId }, select: { channel: true, rulesVersion: true, entries: true } });
    expect(logs).toHaveLength(1);
    expect(logs[0].channel).toBe("employer_page");
    expect(Array.isArray(logs[0].entries) ? logs[0].entries.length : 0).toBe(2);
    const arabic = await (await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie, headers: { "Accept-Language": "ar" } })).text();
    expect(arabic).toContain(`<bdi>مترشح(ة) ${code}</bdi>`);
  });

  it("says when candidates are tied, and that their order is drawn per job", async () => {
    const twin = await candidate("Karim Twin", "karim@example.ma", ["data-protection", "prompting"]);
    const page = await (await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie })).text();
    for (const handle of [ctx.declarer.handle, twin.handle]) {
      expect(page).toMatch(new RegExp(`data-handle="${handle}"[\\s\\S]*?data-tied-with="1">À égalité avec 1 autre candidat·e — entre ex æquo, l’ordre est tiré au sort pour chaque offre.`));
    }
    // The holder stands alone: no tie sentence in their card.
    const at = (handle: string) => page.indexOf(`data-handle="${handle}"`);
    expect(at(ctx.holder.handle)).toBeLessThan(Math.min(at(ctx.declarer.handle), at(twin.handle)));
    const holderCard = page.slice(at(ctx.holder.handle), Math.min(at(ctx.declarer.handle), at(twin.handle)));
    expect(holderCard).not.toContain("data-tied-with");
    // The candidate sees the same tie on their "why" page.
    const why = await (await server.request(`/account/job-board/object?job=${ctx.jobId}`, { cookie: await sessionCookieHeader(twin.id) })).text();
    expect(why).toContain("À égalité avec 1 autre candidat·e");
  });

  it("sends a contact request by pseudonym; the identity shows once the candidate accepts", async () => {
    const res = await server.request(`/employer/jobs/${ctx.jobId}`, {
      method: "POST",
      body: form({ intent: "contact", handle: ctx.declarer.handle, message: "Bonjour, votre profil nous intéresse." }),
      cookie: ctx.employerCookie,
    });
    expect(res.status).toBe(302);
    const request = await prisma.contactRequest.findUniqueOrThrow({ where: { jobId_userId: { jobId: ctx.jobId, userId: ctx.declarer.id } } });
    expect(request.status).toBe("PENDING");
    expect(await (await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie })).text()).not.toContain("youssef@example.ma");
    await answerContactRequest({ requestId: request.id, userId: ctx.declarer.id, decision: "accept" });
    const after = await (await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie })).text();
    expect(after).toContain("youssef@example.ma");
    expect(after).not.toContain("salma@example.ma");

    const unknown = await server.request(`/employer/jobs/${ctx.jobId}`, { method: "POST", body: form({ intent: "contact", handle: "Candidat·e ZZZZ" }), cookie: ctx.employerCookie });
    expect(unknown.status).toBe(404);
  });

  it("GET /api/jobs/:id/matches answers JSON for the employer only, with the breakdowns, and is logged", async () => {
    const anonymous = await server.request(`/api/jobs/${ctx.jobId}/matches`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: "unauthorized" });
    const outsider = await sessionCookieHeader((await createUser({ role: "EMPLOYER" })).id);
    expect((await server.request(`/api/jobs/${ctx.jobId}/matches`, { cookie: outsider })).status).toBe(404);
    const learner = await sessionCookieHeader(ctx.holder.id);
    expect((await server.request(`/api/jobs/${ctx.jobId}/matches`, { cookie: learner })).status).toBe(403);

    const res = await server.request(`/api/jobs/${ctx.jobId}/matches`, { cookie: ctx.employerCookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rulesVersion: string; candidates: Array<{ rank: number; handle: string; group: string; score: number; breakdown: Array<{ skillId: string; evidence: string }>; identity: unknown }> };
    expect(body.candidates.map((c) => c.handle)).toEqual([ctx.holder.handle, ctx.declarer.handle]);
    expect(body.candidates[0]).toMatchObject({ rank: 1, group: "verified", identity: null });
    expect(body.candidates[0].breakdown).toEqual(expect.arrayContaining([expect.objectContaining({ skillId: "data-protection", evidence: "verified" })]));
    expect(body.candidates[1].breakdown).toEqual(expect.arrayContaining([expect.objectContaining({ skillId: "data-protection", evidence: "declared" })]));
    expect(JSON.stringify(body)).not.toContain(ctx.holder.id);
    expect(await prisma.rankingLog.count({ where: { jobId: ctx.jobId, channel: "api" } })).toBe(1);
  });

  it("the audit report lists every ranking shown, for platform admins only", async () => {
    await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie });
    const admin = await sessionCookieHeader((await createUser({ role: "PLATFORM_ADMIN" })).id);
    const list = await server.request("/admin/rankings", { cookie: admin });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Chargé·e de conformité données");
    const log = await prisma.rankingLog.findFirstOrThrow({ where: { jobId: ctx.jobId }, select: { id: true } });
    const detail = await (await server.request(`/admin/rankings/${log.id}`, { cookie: admin })).text();
    expect(detail).toContain(ctx.holder.handle);
    expect(detail).toContain(ctx.declarer.handle);
    expect((await server.request("/admin/rankings", { cookie: ctx.employerCookie })).status).toBe(403);
  });
});

describe("credentials of candidates who have not disclosed their identity", () => {
  const ARABIC_TITLE = "الأساسيات";
  const FRENCH_TITLE = "Fondamentaux";
  const ENGLISH_TITLE = "Foundations";

  /** A candidate whose t1-course credential was earned in Arabic, signed by the real issuer (with their name in it). */
  async function arabicHolder() {
    const name = "Karima Ouahbi-Tazi";
    const user = await createUser({ name, email: "karima.tazi@example.ma", locale: "ar" });
    const { handle } = await optInToJobBoard({ userId: user.id, locale: "ar" });
    await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["ar"], declaredSkillIds: [] });
    const event = await createCertificationEvent({ userId: user.id, courseId: "t1-course" });
    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(issued.outcome);
    const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: issued.credentialId }, select: { id: true, json: true, issuedAt: true } });
    // The credential is written in the candidate's language and names them: what the employer must not be led to.
    expect(JSON.stringify(row.json)).toContain(ARABIC_TITLE);
    expect(JSON.stringify(row.json)).toContain(name);
    const subjectId: unknown = Reflect.get(Reflect.get(Object(row.json), "credentialSubject"), "id");
    return { id: user.id, handle, name, email: user.email, credentialId: row.id, subjectId: String(subjectId), issuedOn: row.issuedAt.toISOString().slice(0, 10) };
  }

  type ApiCandidate = { handle: string; credentials: Array<Record<string, unknown>>; identity: unknown };

  async function apiCandidate(handle: string, headers: Record<string, string>) {
    const res = await server.request(`/api/jobs/${ctx.jobId}/matches`, { cookie: ctx.employerCookie, headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { candidates: ApiCandidate[] };
    const entry = body.candidates.find((c) => c.handle === handle);
    if (!entry) throw new Error(`${handle} is not listed`);
    return { text, entry };
  }

  /** The page's HTML, and the candidate's card in it (from its <li> to the next one). */
  async function pageCard(handle: string, headers: Record<string, string>) {
    const res = await server.request(`/employer/jobs/${ctx.jobId}`, { cookie: ctx.employerCookie, headers });
    expect(res.status).toBe(200);
    const html = await res.text();
    const start = html.indexOf(`data-handle="${handle}"`);
    expect(start).toBeGreaterThan(0);
    const end = html.indexOf("</li>", start);
    return { html, card: html.slice(start, end) };
  }

  it("gives the verification result with the achievement in the employer's language, and no id, link or name", async () => {
    const holder = await arabicHolder();
    const secrets = [holder.credentialId, "/credentials/", holder.name, holder.email, holder.id, holder.subjectId, ARABIC_TITLE];

    for (const [headers, title] of [
      [{ "Accept-Language": "fr" }, FRENCH_TITLE],
      [{ "Accept-Language": "en" }, ENGLISH_TITLE],
    ] as const) {
      const api = await apiCandidate(holder.handle, headers);
      for (const secret of secrets) expect(api.text).not.toContain(secret);
      expect(api.entry.identity).toBeNull();
      expect(api.entry.credentials).toEqual([{ status: "valid", issuer: "Maharat", name: title, issuedOn: holder.issuedOn }]);

      const page = await pageCard(holder.handle, headers);
      // The whole page, loader data included: nothing that leads to the person.
      for (const secret of secrets) expect(page.html).not.toContain(secret);
      expect(page.card).toContain(title);
      expect(page.card).toContain("Maharat");
    }
    expect((await pageCard(holder.handle, { "Accept-Language": "fr" })).card).toContain("Valide");
  });

  it("once the candidate applies, the employer gets the credential's id and link again", async () => {
    const holder = await arabicHolder();
    await applyToJob({ jobId: ctx.jobId, userId: holder.id });

    const api = await apiCandidate(holder.handle, { "Accept-Language": "fr" });
    expect(api.entry.identity).toMatchObject({ name: holder.name });
    expect(api.entry.credentials).toEqual([expect.objectContaining({ id: holder.credentialId, status: "valid", name: FRENCH_TITLE })]);

    const page = await pageCard(holder.handle, { "Accept-Language": "fr" });
    expect(page.card).toContain(`href="/credentials/${holder.credentialId}"`);
    // Disclosed for this job only: the other candidate's credential stays without id or link.
    const other = await pageCard(ctx.holder.handle, { "Accept-Language": "fr" });
    expect(other.card).not.toContain("/credentials/");
  });
});
