import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { itemKeyOf } from "~/modules/exams/view";
import type { Curriculum } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

// The exams capability as a training centre sees it: a grading queue limited to the reviewer's cohorts, and the
// exam windows a cohort sets for its learners.

const HOUR = 3_600_000;

/** Tier-1 exam: one open item (held for review when answered), 30 minutes, no window of its own. */
function curriculum(): Curriculum {
  const c = makeCurriculum();
  const exam = c.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.pools = [{ id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: 1 }];
  exam.items = [
    { id: "open-1", pool: "p1", type: "open", points: 2, prompt: { fr: "Expliquez." }, rubric: [{ id: "crit", description: { fr: "Cite le consentement" }, points: 2, keywords: { fr: ["consentement"] } }] },
  ];
  exam.raw = { items: exam.items };
  c.courses[0].languages = ["fr"];
  return c;
}

const server = useTestServer();

/** A cohort of `centreId` with these learners (and an exam window for t1-course when given). */
async function createCohort({
  centreId,
  name,
  learnerIds = [],
  instructorIds = [],
  window,
}: {
  centreId: string;
  name: string;
  learnerIds?: string[];
  instructorIds?: string[];
  window?: { opensAt: Date | null; closesAt: Date | null };
}) {
  return prisma.cohort.create({
    data: {
      organisationId: centreId,
      name,
      members: {
        create: [...learnerIds.map((userId) => ({ userId, role: "LEARNER" as const })), ...instructorIds.map((userId) => ({ userId, role: "INSTRUCTOR" as const }))],
      },
      ...(window ? { examWindows: { create: { courseId: "t1-course", ...window } } } : {}),
    },
    select: { id: true },
  });
}

/** Starts and submits an attempt with an answered open item over HTTP: it waits for review. */
async function submitForReview(answer: string, cookie: string) {
  const attemptPath = (await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie })).headers.get("location") ?? "";
  const attemptId = attemptPath.split("/").pop() ?? "";
  // The page names the item by its public key in the attempt (q1, q2…).
  const { itemIds } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemIds: true } });
  await server.request(`${attemptPath}?index`, { method: "POST", body: form({ intent: "submit", [`r.${itemKeyOf(itemIds, "open-1")}.text`]: answer }), cookie });
  return attemptId;
}

describe("grading queue over HTTP", () => {
  it("shows an instructor their cohorts' answers only, refuses the others with 404, and filters by cohort", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
    const instructor = await createUser({ role: "INSTRUCTOR", centreId: centre.id });
    const [mine, theirs] = [await createUser(), await createUser()];
    const cohortA = await createCohort({ centreId: centre.id, name: "Cohorte A", learnerIds: [mine.id], instructorIds: [instructor.id] });
    const cohortB = await createCohort({ centreId: centre.id, name: "Cohorte B", learnerIds: [theirs.id] });
    const mineAttempt = await submitForReview("REPONSE-COHORTE-A consentement", await sessionCookieHeader(mine.id));
    const theirAttempt = await submitForReview("REPONSE-COHORTE-B consentement", await sessionCookieHeader(theirs.id));
    const cookie = await sessionCookieHeader(instructor.id);

    const queue = await (await server.request("/reviews", { cookie })).text();
    expect(queue).toContain("REPONSE-COHORTE-A");
    expect(queue).not.toContain("REPONSE-COHORTE-B");

    const refused = await server.request("/reviews", { method: "POST", body: form({ attemptId: theirAttempt, itemId: "open-1", points: "2" }), cookie });
    expect(refused.status).toBe(404);
    expect(await prisma.reviewDecision.count()).toBe(0);

    const filtered = await server.request(`/reviews?cohort=${cohortA.id}`, { cookie });
    expect(filtered.status).toBe(200);
    const filteredHtml = await filtered.text();
    expect(filteredHtml).toContain("REPONSE-COHORTE-A");
    expect(filteredHtml).toContain("Cohorte A");
    expect((await server.request(`/reviews?cohort=${cohortB.id}`, { cookie })).status).toBe(404);
    expect((await server.request("/reviews?cohort=nope", { cookie })).status).toBe(404);

    // A decision taken from the filtered page comes back to it.
    const decided = await server.request(`/reviews?cohort=${cohortA.id}`, { method: "POST", body: form({ attemptId: mineAttempt, itemId: "open-1", points: "2" }), cookie });
    expect(decided.status).toBe(302);
    expect(decided.headers.get("location")).toBe(`/reviews?cohort=${cohortA.id}&decided=1`);

    // The centre admin sees the whole centre, including cohort B.
    const admin = await createUser({ role: "CENTRE_ADMIN", centreId: centre.id });
    expect(await (await server.request("/reviews", { cookie: await sessionCookieHeader(admin.id) })).text()).toContain("REPONSE-COHORTE-B");
  });
});

describe("cohort exam windows over HTTP", () => {
  it("refuses a start outside the learner's cohort window with the message, and allows one inside it", async () => {
    await syncCurriculum({ prisma, curriculum: curriculum() });
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
    const now = Date.now();
    const [late, onTime, alone] = [await createUser(), await createUser(), await createUser()];
    await createCohort({ centreId: centre.id, name: "Fermée", learnerIds: [late.id], window: { opensAt: new Date(now - 48 * HOUR), closesAt: new Date(now - 24 * HOUR) } });
    const closesAt = new Date(now + 10 * 60_000);
    await createCohort({ centreId: centre.id, name: "Ouverte", learnerIds: [onTime.id], window: { opensAt: new Date(now - HOUR), closesAt } });

    const lateCookie = await sessionCookieHeader(late.id);
    const refused = await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie: lateCookie });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Cet examen est fermé");
    expect(await prisma.examAttempt.count({ where: { userId: late.id } })).toBe(0);

    const onTimeCookie = await sessionCookieHeader(onTime.id);
    const overview = await (await server.request("/courses/t1-course/exam", { cookie: onTimeCookie })).text();
    expect(overview).toContain("Une tentative en cours se termine à la fermeture.");
    const started = await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie: onTimeCookie });
    expect(started.status).toBe(302);
    const attempt = await prisma.examAttempt.findFirstOrThrow({ where: { userId: onTime.id }, select: { deadlineAt: true } });
    expect(attempt.deadlineAt).toEqual(closesAt); // 10 minutes left in the cohort's window, not the 30-minute limit

    // A learner in no cohort follows the exam's own window (none here).
    const aloneCookie = await sessionCookieHeader(alone.id);
    expect(await (await server.request("/courses/t1-course/exam", { cookie: aloneCookie })).text()).not.toContain("se termine à la fermeture");
    expect((await server.request("/courses/t1-course/exam", { method: "POST", body: form({}), cookie: aloneCookie })).status).toBe(302);
  });
});
