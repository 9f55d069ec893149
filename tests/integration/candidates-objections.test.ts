// The right to object end to end over HTTP (run `npm run build` first): the candidate asks, the job's employer (or
// a platform admin) answers in the queue, nobody else can, and the candidate reads the answer.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { languageCookie } from "~/lib/i18n.server";
import { optInToJobBoard, updateJobBoardPreferences } from "~/modules/candidates/profile.server";
import { createEmployerJob, syncJobBoardCurriculum } from "~/modules/candidates/test-fixtures";
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

async function setup() {
  await syncJobBoardCurriculum();
  const atlas = await createEmployerJob({ title: "Analyste données agricoles", skills: [{ skillId: "spreadsheets", required: true }, { skillId: "prompting", required: false }] });
  const other = await createEmployerJob({ title: "Poste ailleurs" });
  const candidate = await createUser({ name: "Salma Bennani", email: "salma@example.ma", locale: "ar" });
  await optInToJobBoard({ userId: candidate.id, locale: "ar" });
  await updateJobBoardPreferences({ userId: candidate.id, region: null, openToRemote: true, languages: ["ar"], declaredSkillIds: ["spreadsheets"] });
  const admin = await createUser({ role: "PLATFORM_ADMIN" });
  const learner = await createUser();
  const cookies = {
    candidate: await sessionCookieHeader(candidate.id),
    atlas: await sessionCookieHeader(atlas.recruiter.id),
    other: await sessionCookieHeader(other.recruiter.id),
    admin: await sessionCookieHeader(admin.id),
    learner: await sessionCookieHeader(learner.id),
  };
  return { atlas, other, candidate, cookies };
}

describe("who reaches the candidate pages and the queues", () => {
  it("answers each kind of account as it must", async () => {
    const { atlas, cookies } = await setup();
    const candidatePages = ["/account/job-board", "/account/job-board/matches", `/account/job-board/object?job=${atlas.job.id}`];
    const expected: Array<[string, Record<keyof typeof cookies | "anonymous", number | "login">]> = [
      ...candidatePages.map((path): [string, Record<keyof typeof cookies | "anonymous", number | "login">] => [path, { anonymous: "login", candidate: 200, learner: 200, atlas: 200, other: 200, admin: 200 }]),
      ["/employer/objections", { anonymous: "login", candidate: 403, learner: 403, atlas: 200, other: 200, admin: 200 }],
      ["/admin/objections", { anonymous: "login", candidate: 403, learner: 403, atlas: 403, other: 403, admin: 200 }],
    ];
    for (const [path, outcomes] of expected) {
      const seen: Record<string, number | "login"> = {};
      for (const actor of ["anonymous", "candidate", "learner", "atlas", "other", "admin"] as const) {
        const res = await server.request(path, { cookie: actor === "anonymous" ? undefined : cookies[actor] });
        seen[actor] = res.status === 302 && (res.headers.get("location") ?? "").startsWith("/login?redirectTo=") ? "login" : res.status;
        await res.arrayBuffer();
      }
      expect({ path, seen }).toEqual({ path, seen: outcomes });
    }
  });
});

describe("objections", () => {
  it("go from the candidate to the employer's queue and back with the answer; only the employer or an admin answers", async () => {
    const { atlas, candidate, cookies } = await setup();
    const objectPath = `/account/job-board/object?job=${atlas.job.id}`;
    const page = await server.request(objectPath, { cookie: cookies.candidate });
    expect(page.status).toBe(200);
    const pageHtml = await readPage(page);
    expect(pageHtml).toContain("Analyste données agricoles");
    expect(pageHtml).toContain("Tableurs");

    // Too short, in Arabic: a 400 in Arabic, right to left, with the text kept.
    const lng = (await languageCookie.serialize("ar")).split(";")[0];
    const short = await server.request(objectPath, { method: "POST", body: form({ jobId: atlas.job.id, message: "لماذا؟" }), cookie: `${cookies.candidate}; ${lng}` });
    expect(short.status).toBe(400);
    const shortHtml = await readPage(short);
    expect(shortHtml).toMatch(/<html[^>]*dir="rtl"/);
    expect(shortHtml).toContain("اكتب 10 أحرف على الأقل.");
    expect(shortHtml).toMatch(/<textarea[^>]*>لماذا؟<\/textarea>/);
    expect(await prisma.matchObjection.count()).toBe(0);

    const message = "لماذا ترتيبي منخفض رغم أنني أتقن جداول البيانات؟";
    const filed = await server.request(objectPath, { method: "POST", body: form({ jobId: atlas.job.id, message }), cookie: cookies.candidate });
    expect(filed.status).toBe(302);
    expect(filed.headers.get("location")).toBe("/account/job-board?done=objection#objections");
    const again = await server.request(objectPath, { method: "POST", body: form({ jobId: atlas.job.id, message: "Une deuxième demande identique" }), cookie: cookies.candidate });
    expect(again.status).toBe(409);
    expect(await readPage(again)).toContain("Une deuxième demande identique");
    const objection = await prisma.matchObjection.findFirstOrThrow({ select: { id: true, snapshot: true, rank: true } });
    expect(objection.snapshot).toMatchObject({ group: "declared" });
    expect(objection.rank).toBeGreaterThanOrEqual(1);

    // Who reaches the queue.
    expect((await server.request("/employer/objections", { cookie: cookies.learner })).status).toBe(403);
    expect((await server.request("/admin/objections", { cookie: cookies.atlas })).status).toBe(403);
    const queue = await readPage(await server.request("/employer/objections", { cookie: cookies.atlas }));
    expect(queue).toContain(message);
    expect(queue).toContain("Analyste données agricoles");
    expect(queue).toContain("Résultat au moment de la demande");
    // The employer sees where the candidate stood in the list when they asked.
    expect(queue).toContain(`Place dans la liste au moment de la demande : ${objection.rank}.`);
    expect(queue).not.toContain("Salma");
    expect(queue).not.toContain("salma@example.ma");
    const otherQueue = await readPage(await server.request("/employer/objections", { cookie: cookies.other }));
    expect(otherQueue).not.toContain(message);
    expect(await readPage(await server.request("/admin/objections", { cookie: cookies.admin }))).toContain(message);

    // Another employer cannot answer (404); a too-short answer is a 400 that keeps the text.
    const forbidden = await server.request("/employer/objections", { method: "POST", body: form({ intent: "answer", objectionId: objection.id, answer: "Nous ne vous connaissons pas." }), cookie: cookies.other });
    expect(forbidden.status).toBe(404);
    const tooShort = await server.request("/employer/objections", { method: "POST", body: form({ intent: "answer", objectionId: objection.id, answer: "Non." }), cookie: cookies.atlas });
    expect(tooShort.status).toBe(400);
    const tooShortHtml = await readPage(tooShort);
    expect(tooShortHtml).toContain("Écrivez une réponse d&#x27;au moins 10 caractères.");
    expect(tooShortHtml).toMatch(/<textarea[^>]*>Non\.<\/textarea>/);
    expect(await prisma.matchObjection.findFirstOrThrow({ select: { status: true } })).toEqual({ status: "OPEN" });

    const answer = "Il vous manque « Rédaction de prompts », souhaitée pour ce poste ; votre tableur compte bien.";
    const answered = await server.request("/employer/objections", { method: "POST", body: form({ intent: "answer", objectionId: objection.id, answer }), cookie: cookies.atlas });
    expect(answered.status).toBe(200);
    expect(await readPage(answered)).toContain("Réponse envoyée.");
    const twice = await server.request("/admin/objections", { method: "POST", body: form({ intent: "answer", objectionId: objection.id, answer: "Une seconde réponse." }), cookie: cookies.admin });
    expect(twice.status).toBe(409);

    const mine = await readPage(await server.request("/account/job-board", { cookie: cookies.candidate }));
    expect(mine).toContain(message);
    expect(mine).toContain("Il vous manque « Rédaction de prompts »");
    const mail = await prisma.outboxEmail.findFirstOrThrow({ select: { to: true, subject: true, text: true } });
    expect(mail).toMatchObject({ to: candidate.email });
    expect(mail.subject).toContain("جواب عن طلبك");
    expect(mail.text).toContain(answer);
  });

  it("lets a candidate who is not listed ask too, from the job's link; drafts and unknown jobs are 404", async () => {
    const { other, atlas, cookies } = await setup();
    const page = await server.request(`/account/job-board/object?job=${other.job.id}`, { cookie: cookies.candidate });
    expect(page.status).toBe(200);
    expect(await readPage(page)).toContain("Vous n&#x27;apparaissez pas pour cette offre");
    const res = await server.request(`/account/job-board/object?job=${other.job.id}`, { method: "POST", body: form({ jobId: other.job.id, message: "Pourquoi je n'apparais pas ici ?" }), cookie: cookies.candidate });
    expect(res.status).toBe(302);
    expect(await prisma.matchObjection.findFirstOrThrow({ select: { snapshot: true } })).toEqual({ snapshot: null });

    const draft = await createEmployerJob({ status: "DRAFT", employerId: atlas.employerId });
    expect((await server.request(`/account/job-board/object?job=${draft.job.id}`, { cookie: cookies.candidate })).status).toBe(404);
    expect((await server.request("/account/job-board/object?job=nope", { cookie: cookies.candidate })).status).toBe(404);
    expect((await server.request(`/account/job-board/object?job=${other.job.id}`)).status).toBe(302);
  });
});
