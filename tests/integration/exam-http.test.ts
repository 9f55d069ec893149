import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Curriculum, ExamItemDef } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { itemKeyOf } from "~/modules/exams/view";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

// Every secret below is a distinctive string: if any reaches the browser before the feedback policy allows, a
// plain text search of the page and of its data finds it.
const items: ExamItemDef[] = [
  { id: "single-1", pool: "p1", type: "single", points: 1, prompt: { fr: "Quelle loi ?" }, options: [{ id: "keyA", text: { fr: "La loi 09-08" }, correct: true }, { id: "keyB", text: { fr: "La loi 31-13" } }], explanation: { fr: "SECRET-EXPLANATION-1" } },
  { id: "multi-1", pool: "p1", type: "multiple", points: 1, scoring: "partial", prompt: { fr: "Lesquels ?" }, options: [{ id: "m1", text: { fr: "Un" }, correct: true }, { id: "m2", text: { fr: "Deux" } }], explanation: { fr: "SECRET-EXPLANATION-2" } },
  { id: "num-1", pool: "p1", type: "numeric", points: 1, prompt: { fr: "Combien ?" }, answer: 987654, tolerance: 0.5, explanation: { fr: "SECRET-EXPLANATION-3" } },
  { id: "short-1", pool: "p1", type: "short_text", points: 1, prompt: { fr: "Quel organisme ?" }, accepted: { fr: ["SECRETACCEPTED"] }, explanation: { fr: "SECRET-EXPLANATION-4" } },
  { id: "order-1", pool: "p1", type: "ordering", points: 1, prompt: { fr: "Ordonnez." }, items: [{ id: "step-first", text: { fr: "Collecter" } }, { id: "step-second", text: { fr: "Vérifier" } }, { id: "step-third", text: { fr: "Publier" } }], explanation: { fr: "SECRET-EXPLANATION-5" } },
  { id: "match-1", pool: "p1", type: "matching", points: 1, prompt: { fr: "Associez." }, pairs: [{ id: "pairone", left: { fr: "CNDP" }, right: { fr: "Données" } }, { id: "pairtwo", left: { fr: "ANRT" }, right: { fr: "Télécoms" } }], explanation: { fr: "SECRET-EXPLANATION-6" } },
  { id: "open-1", pool: "p1", type: "open", points: 2, prompt: { fr: "Expliquez." }, rubric: [{ id: "crit", description: { fr: "SECRET-RUBRIC" }, points: 2, keywords: { fr: ["SECRETKEYWORD"] } }], explanation: { fr: "SECRET-EXPLANATION-7" } },
];
const SECRETS = ["SECRET-EXPLANATION", "SECRETACCEPTED", "SECRET-RUBRIC", "SECRETKEYWORD", "987654", "keyA", "keyB", "step-first", "pairone", "\"correct\"", "tolerance", "rubric", "accepted"];

function curriculum(): Curriculum {
  const c = makeCurriculum();
  const exam = c.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.pools = [{ id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: items.length }];
  exam.items = items;
  exam.raw = { items };
  c.courses[0].languages = ["fr"];
  return c;
}

/** The public key (q1, q2…) the attempt's pages use for each of its items. */
async function keysOf(attemptId: string) {
  const { itemIds } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemIds: true } });
  return (itemId: string) => itemKeyOf(itemIds, itemId) ?? "missing";
}

const server = useTestServer();

describe("exam pages over HTTP", () => {
  it("never send answer keys, explanations or rubrics to the browser while the attempt is open", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const started = await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie });
    expect(started.status).toBe(302);
    const attemptPath = started.headers.get("location") ?? "";
    expect(attemptPath).toMatch(/^\/exams\/[a-z0-9-]+$/);

    const html = await (await server.request(attemptPath, { cookie })).text();
    expect(html).toContain("Quelle loi ?");
    expect(html).toContain("Expliquez.");
    const data = await server.request(`${attemptPath}.data`, { cookie });
    expect(data.status).toBe(200);
    const dataText = await data.text();
    expect(dataText).toContain("Combien ?");
    for (const secret of SECRETS) {
      expect(html.includes(secret), `page contains ${secret}`).toBe(false);
      expect(dataText.includes(secret), `data contains ${secret}`).toBe(false);
    }
    // Nor the bank's item ids, which a published bank would map to its keys: items are q1, q2… per attempt.
    for (const { id } of items) {
      expect(html.includes(id), `page contains ${id}`).toBe(false);
      expect(dataText.includes(id), `data contains ${id}`).toBe(false);
    }
    expect(html).toContain('name="r.q1.');

    const submitted = await server.request(`${attemptPath}?index`, { method: "POST", body: form({ intent: "submit" }), cookie });
    expect(submitted.status).toBe(302);
    const result = await (await server.request(`${attemptPath}/result.data`, { cookie })).text();
    for (const { id } of items) expect(result.includes(id), `result contains ${id}`).toBe(false);
  });

  it("saves answers posted without JavaScript, keeps them on reload, and submits once", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const attemptPath = (await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie })).headers.get("location") ?? "";
    const attemptId = attemptPath.split("/").pop() ?? "";
    const key = await keysOf(attemptId);
    const saved = await server.request(`${attemptPath}?index`, {
      method: "POST",
      body: form({ intent: "save", [`r.${key("num-1")}.value`]: "987654,2", [`r.${key("short-1")}.text`]: "secretaccepted", [`r.${key("open-1")}.text`]: "Il faut informer la personne." }),
      cookie,
    });
    expect(saved.status).toBe(302);
    const reloaded = await (await server.request(attemptPath, { cookie })).text();
    expect(reloaded).toContain('value="987654,2"');

    const submits = await Promise.all(
      [1, 2].map(() => server.request(`${attemptPath}?index`, { method: "POST", body: form({ intent: "submit" }), cookie })),
    );
    for (const s of submits) expect(s.headers.get("location")).toBe(`${attemptPath}/result`);
    const events = await prisma.attemptEvent.findMany({ where: { attemptId }, select: { type: true } });
    expect(events.filter((e) => e.type === "submitted")).toHaveLength(1);
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true, grades: true } });
    expect(attempt.state).toBe("AWAITING_REVIEW");
    const result = await (await server.request(`${attemptPath}/result`, { cookie })).text();
    expect(result).toContain("en attente de correction");
  });

  it("an instructor scores the open answer in the review queue, and the learner then sees the final result", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const learner = await createUser();
    const learnerCookie = await sessionCookieHeader(learner.id);
    const attemptPath = (await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie: learnerCookie })).headers.get("location") ?? "";
    const attemptId = attemptPath.split("/").pop() ?? "";
    const key = await keysOf(attemptId);
    await server.request(`${attemptPath}?index`, {
      method: "POST",
      body: form({ intent: "submit", [`r.${key("open-1")}.text`]: "Informer la personne et recueillir son consentement." }),
      cookie: learnerCookie,
    });
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true } })).state).toBe("AWAITING_REVIEW");

    // Reviewers see their own cohorts' learners only: the instructor teaches the learner's cohort.
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
    const instructor = await createUser({ role: "INSTRUCTOR", centreId: centre.id });
    await prisma.cohort.create({
      data: { organisationId: centre.id, name: "Cohorte A", members: { create: [{ userId: learner.id, role: "LEARNER" }, { userId: instructor.id, role: "INSTRUCTOR" }] } },
      select: { id: true },
    });
    const instructorCookie = await sessionCookieHeader(instructor.id);
    const queue = await (await server.request("/reviews", { cookie: instructorCookie })).text();
    expect(queue).toContain("Informer la personne et recueillir son consentement.");
    expect(queue).toContain("Expliquez.");

    const tooHigh = await server.request("/reviews", { method: "POST", body: form({ attemptId, itemId: "open-1", points: "9" }), cookie: instructorCookie });
    expect(tooHigh.status).toBe(400);
    // A review posted without a score is refused, not read as 0: the attempt stays open for review.
    for (const points of [undefined, "", "  "]) {
      const blank = await server.request("/reviews", { method: "POST", body: form({ attemptId, itemId: "open-1", ...(points === undefined ? {} : { points }) }), cookie: instructorCookie });
      expect(blank.status).toBe(400);
    }
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true } })).state).toBe("AWAITING_REVIEW");
    expect(await prisma.reviewDecision.count({ where: { attemptId } })).toBe(0);
    const decided = await server.request("/reviews", { method: "POST", body: form({ attemptId, itemId: "open-1", points: "2", comment: "Complet." }), cookie: instructorCookie });
    expect(decided.status).toBe(302);
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true, isPassed: true } });
    expect(attempt.state).toBe("GRADED");
    const result = await (await server.request(`${attemptPath}/result`, { cookie: learnerCookie })).text();
    expect(result).not.toContain("en attente de correction</div>");
    expect(result).toMatch(/\d+ %/);
  });

  it("shows instructors the item analysis of an exam version and exports it as CSV with a BOM; learners are refused", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const version = await prisma.examVersion.findFirstOrThrow({ where: { archivedAt: null }, select: { id: true } });
    const learner = await createUser();
    const learnerCookie = await sessionCookieHeader(learner.id);
    const attemptPath = (await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie: learnerCookie })).headers.get("location") ?? "";
    await server.request(`${attemptPath}?index`, { method: "POST", body: form({ intent: "submit", "r.num-1.value": "987654" }), cookie: learnerCookie });
    expect((await server.request(`/exam-analysis/${version.id}`, { cookie: learnerCookie })).status).toBe(403);

    const instructorCookie = await sessionCookieHeader((await createUser({ role: "INSTRUCTOR" })).id);
    const page = await server.request(`/exam-analysis/${version.id}`, { cookie: instructorCookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("num-1");
    const csv = await server.request(`/exam-analysis/${version.id}/csv`, { cookie: instructorCookie });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("num-1");
    expect((await server.request("/exam-analysis/unknown", { cookie: instructorCookie })).status).toBe(404);
  });

  it("refuses another learner's attempt and a locked course's exam", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const owner = await createUser();
    const other = await createUser();
    const attemptPath =
      (await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie: await sessionCookieHeader(owner.id) })).headers.get("location") ?? "";
    const otherCookie = await sessionCookieHeader(other.id);
    expect((await server.request(attemptPath, { cookie: otherCookie })).status).toBe(404);
    expect((await server.request("/courses/t2-course/exam", { cookie: otherCookie })).status).toBe(403);
  });

  it("saves one answer in the background through /exams/:id/autosave, for the attempt's owner only", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const attemptPath = (await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie })).headers.get("location") ?? "";
    const attemptId = attemptPath.split("/").pop() ?? "";
    const autosave = (body: Record<string, string>, who = cookie) => server.request(`${attemptPath}/autosave`, { method: "POST", body: form(body), cookie: who });
    const key = await keysOf(attemptId);
    const short = key("short-1");

    // The bank's own item id is not an address the page knows.
    expect((await autosave({ itemId: "short-1", "r.short-1.text": "CNDP" })).status).toBe(400);
    const ok = await autosave({ itemId: short, [`r.${short}.text`]: "CNDP" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, closed: false });
    expect(await prisma.attemptResponse.findMany({ where: { attemptId }, select: { itemId: true, response: true } })).toEqual([{ itemId: "short-1", response: { text: "CNDP" } }]);

    expect((await autosave({ itemId: "nope", "r.nope.text": "x" })).status).toBe(400);
    // An option the item does not offer is refused by name, and nothing is saved for it.
    const single = key("single-1");
    const forged = await autosave({ itemId: single, [`r.${single}.optionId`]: "o99" });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ ok: false, closed: false, refused: `r.${single}.optionId` });
    expect(await prisma.attemptResponse.count({ where: { attemptId, itemId: "single-1" } })).toBe(0);
    expect((await autosave({ "r.short-1.text": "x" })).status).toBe(400);
    expect((await server.request(`${attemptPath}/autosave`, { method: "POST", body: form({ itemId: short, [`r.${short}.text`]: "x" }) })).status).toBe(401);
    const other = await sessionCookieHeader((await createUser()).id);
    expect((await autosave({ itemId: short, [`r.${short}.text`]: "pirate" }, other)).status).toBe(404);
    // From another site (no Origin of ours), refused before anything is read.
    expect((await server.request(`${attemptPath}/autosave`, { method: "POST", body: form({ itemId: short, [`r.${short}.text`]: "x" }), cookie, headers: { Origin: "https://evil.example" } })).status).toBe(403);

    await server.request(`${attemptPath}?index`, { method: "POST", body: form({ intent: "submit" }), cookie });
    const closed = await autosave({ itemId: short, [`r.${short}.text`]: "trop tard" });
    expect(closed.status).toBe(409);
    expect(await closed.json()).toEqual({ ok: false, closed: true });
    expect((await prisma.attemptResponse.findFirstOrThrow({ where: { attemptId, itemId: "short-1" }, select: { response: true } })).response).toEqual({ text: "CNDP" });
  });
});
