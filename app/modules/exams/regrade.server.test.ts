import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createRequestContext } from "~/lib/request-context.server";
import type { Curriculum, ExamItemDef } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../../../tests/factories";
import { action, loader } from "~/routes/exam-analysis.$versionId";
import { startAttempt, submitAttempt } from "./attempts.server";
import { saveResponse } from "./test-fixtures";
import { storedDisplayOrders } from "./definition";
import { isRecord } from "./items";
import { findNewerExamVersion, previewRegrade, regradeAttempts, RegradeError } from "./regrade.server";
import { decideReview, type Reviewer } from "./review.server";

const t0 = new Date("2026-11-21T09:00:00Z");
const t1 = new Date("2026-11-28T09:00:00Z");
const REASON = "Question s : la bonne réponse est y, la clé indiquait x.";

/**
 * Tier-1 exam: pool p1 draws both of a single-choice item "s" (options x, y; `correct` is the key) and a
 * true/false item "a" (answer true), 1 point each; with `withOpen`, pool p2 adds an open item "o" worth 2 points.
 * Pass mark 70 %. `withoutA` drops "a" (a removed item); `promptA` rewords it (a change that is not a key change).
 */
function regradeCurriculum({
  correct,
  withOpen = false,
  withoutA = false,
  promptA = "Vrai ?",
}: {
  correct: "x" | "y";
  withOpen?: boolean;
  withoutA?: boolean;
  promptA?: string;
}): Curriculum {
  const curriculum = makeCurriculum();
  const exam = curriculum.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.pools = [
    { id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: 2 },
    ...(withOpen ? [{ id: "p2", title: { fr: "P2" }, skill: "ai-concepts", draw: 1 }] : []),
  ];
  const items: ExamItemDef[] = [
    {
      id: "s",
      pool: "p1",
      type: "single",
      points: 1,
      prompt: { fr: "Quelle loi protège les données personnelles ?" },
      options: [
        { id: "x", text: { fr: "La loi 31-13" }, correct: correct === "x" },
        { id: "y", text: { fr: "La loi 09-08" }, correct: correct === "y" },
      ],
    },
  ];
  if (!withoutA) items.push({ id: "a", pool: "p1", type: "true_false", points: 1, prompt: { fr: promptA }, answer: true });
  if (withOpen) {
    items.push({
      id: "o",
      pool: "p2",
      type: "open",
      points: 2,
      prompt: { fr: "Que faut-il avant d'utiliser des données personnelles ?" },
      rubric: [{ id: "r1", description: { fr: "Cite le consentement" }, points: 2, keywords: { fr: ["consentement"] } }],
    });
  }
  exam.items = items;
  exam.raw = { pools: exam.pools, items };
  return curriculum;
}

async function sync(options: Parameters<typeof regradeCurriculum>[0]) {
  await syncCurriculum({ prisma, curriculum: regradeCurriculum(options) });
  const versions = await prisma.examVersion.findMany({ where: { examSlug: "t1-final" }, orderBy: { version: "asc" }, select: { id: true } });
  return versions.map((v) => v.id);
}

/** An instructor of a cohort the learner is in (a reviewer only scores their cohorts' learners). */
async function instructorOf(learnerId: string): Promise<Reviewer> {
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
  const user = await createUser({ role: "INSTRUCTOR", centreId: centre.id });
  await prisma.cohort.create({
    data: { organisationId: centre.id, name: "Cohorte", members: { create: [{ userId: learnerId, role: "LEARNER" }, { userId: user.id, role: "INSTRUCTOR" }] } },
    select: { id: true },
  });
  return { id: user.id, roles: ["LEARNER", "INSTRUCTOR"] };
}

/** A learner's submitted attempt choosing option `choice` for "s", true for "a", and the open answer if any. */
async function submittedAttempt({ choice, openAnswer }: { choice: "x" | "y"; openAnswer?: string }) {
  const learner = await createUser();
  const { attemptId } = await startAttempt({ courseId: "t1-course", userId: learner.id, language: "fr", now: t0 });
  const { itemIds, displayOrders } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemIds: true, displayOrders: true } });
  // The browser answers with display keys (o1, o2 …) in the attempt's shuffled order.
  const order = storedDisplayOrders(displayOrders).s ?? ["x", "y"];
  await saveResponse({ attemptId, userId: learner.id, itemId: "s", response: { optionId: `o${order.indexOf(choice) + 1}` }, now: t0 });
  if (itemIds.includes("a")) await saveResponse({ attemptId, userId: learner.id, itemId: "a", response: { value: true }, now: t0 });
  if (openAnswer !== undefined) await saveResponse({ attemptId, userId: learner.id, itemId: "o", response: { text: openAnswer }, now: t0 });
  const submitted = await submitAttempt({ attemptId, userId: learner.id, now: t0 });
  return { attemptId, learnerId: learner.id, submitted };
}

function attemptRow(attemptId: string) {
  return prisma.examAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { examVersionId: true, state: true, points: true, maxPoints: true, percent: true, isPassed: true, grades: true, gradedAt: true },
  });
}

function regradedEvents(attemptId: string) {
  return prisma.attemptEvent.findMany({ where: { attemptId, type: "regraded" }, select: { actorId: true, reason: true, data: true, at: true } });
}

function gradeOf(grades: unknown, itemId: string) {
  if (!isRecord(grades) || !Array.isArray(grades.items)) return undefined;
  return grades.items.find((grade) => isRecord(grade) && grade.itemId === itemId);
}

describe("regrading after a key correction", () => {
  it("passes an attempt a wrong key failed, records why, certifies it, and changes nothing when run again", async () => {
    const [v1] = await sync({ correct: "x" });
    const { attemptId, learnerId, submitted } = await submittedAttempt({ choice: "y" });
    expect(submitted).toMatchObject({ state: "GRADED", percent: 50, isPassed: false });
    expect(await prisma.certification.count({ where: { userId: learnerId } })).toBe(0);

    const [, v2] = await sync({ correct: "y" });
    expect(await findNewerExamVersion({ examVersionId: v1 })).toMatchObject({ id: v2, version: 2 });
    expect(await findNewerExamVersion({ examVersionId: v2 })).toBeNull();
    expect(await previewRegrade({ fromVersionId: v1, toVersionId: v2 })).toMatchObject({
      from: { id: v1, version: 1 },
      to: { id: v2, version: 2 },
      attempts: 1,
      compatible: 1,
      skipped: [],
      scoreChanged: 1,
      passGained: 1,
      passRevoked: 0,
      changedItemIds: ["s"],
    });
    // The preview writes nothing.
    expect(await attemptRow(attemptId)).toMatchObject({ examVersionId: v1, percent: 50 });

    const instructor = await createUser({ role: "INSTRUCTOR" });
    const report = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: `  ${REASON}  `, actorId: instructor.id, now: t1 });
    expect(report).toEqual({ regraded: 1, unchanged: 0, skipped: [], passGained: 1, passRevoked: 0, passRevokedAttemptIds: [] });

    const after = await attemptRow(attemptId);
    expect(after).toMatchObject({ examVersionId: v2, state: "GRADED", points: 2, maxPoints: 2, percent: 100, isPassed: true, gradedAt: t0 });
    expect(gradeOf(after.grades, "s")).toMatchObject({ points: 1, status: "correct" });
    expect(await regradedEvents(attemptId)).toEqual([
      {
        actorId: instructor.id,
        reason: REASON,
        at: t1,
        data: {
          fromVersionId: v1,
          toVersionId: v2,
          before: { percent: 50, isPassed: false },
          after: { percent: 100, isPassed: true },
          changedItems: ["s"],
        },
      },
    ]);
    expect(await prisma.certification.findMany({ where: { userId: learnerId }, select: { courseId: true, source: true, earnedAt: true } })).toEqual([
      { courseId: "t1-course", source: `exam:${attemptId}`, earnedAt: t1 },
    ]);
    expect(await prisma.certificationEvent.count({ where: { attemptId, userId: learnerId, examSlug: "t1-final" } })).toBe(1);

    // Idempotent: the attempt is on v2 now, so a second run finds nothing to do.
    const again = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: REASON, actorId: instructor.id, now: new Date(t1.getTime() + 60_000) });
    expect(again).toEqual({ regraded: 0, unchanged: 0, skipped: [], passGained: 0, passRevoked: 0, passRevokedAttemptIds: [] });
    expect(await attemptRow(attemptId)).toEqual(after);
    expect(await regradedEvents(attemptId)).toHaveLength(1);
    expect(await prisma.certificationEvent.count()).toBe(1);
    expect(await prisma.certification.count()).toBe(1);
    expect(await previewRegrade({ fromVersionId: v1, toVersionId: v2 })).toMatchObject({ attempts: 0, compatible: 0 });
  });

  it("counts a pass the correction takes away in passRevoked and withdraws nothing", async () => {
    const [v1] = await sync({ correct: "y" });
    const { attemptId, learnerId, submitted } = await submittedAttempt({ choice: "y" });
    expect(submitted).toMatchObject({ state: "GRADED", percent: 100, isPassed: true });
    const [, v2] = await sync({ correct: "x" });
    expect(await previewRegrade({ fromVersionId: v1, toVersionId: v2 })).toMatchObject({ compatible: 1, scoreChanged: 1, passGained: 0, passRevoked: 1 });

    const instructor = await createUser({ role: "INSTRUCTOR" });
    const report = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: "La clé de s était inversée.", actorId: instructor.id, now: t1 });
    expect(report).toEqual({ regraded: 1, unchanged: 0, skipped: [], passGained: 0, passRevoked: 1, passRevokedAttemptIds: [attemptId] });
    expect(await attemptRow(attemptId)).toMatchObject({ examVersionId: v2, percent: 50, isPassed: false });
    expect((await regradedEvents(attemptId))[0]?.data).toMatchObject({ before: { percent: 100, isPassed: true }, after: { percent: 50, isPassed: false } });
    // History is never deleted: the certification and its event stay for staff to act on.
    expect(await prisma.certification.count({ where: { userId: learnerId, courseId: "t1-course" } })).toBe(1);
    expect(await prisma.certificationEvent.count({ where: { attemptId } })).toBe(1);
  });

  it("skips an attempt whose drawn item was removed, with its reason, and leaves it untouched", async () => {
    const [v1] = await sync({ correct: "x" });
    const { attemptId } = await submittedAttempt({ choice: "y" });
    const before = await attemptRow(attemptId);
    const [, v2] = await sync({ correct: "y", withoutA: true });
    expect(await previewRegrade({ fromVersionId: v1, toVersionId: v2 })).toMatchObject({
      attempts: 1,
      compatible: 0,
      skipped: [{ attemptId, reason: "item_missing", itemId: "a" }],
      scoreChanged: 0,
    });

    const instructor = await createUser({ role: "INSTRUCTOR" });
    const report = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: REASON, actorId: instructor.id, now: t1 });
    expect(report).toEqual({
      regraded: 0,
      unchanged: 0,
      skipped: [{ attemptId, reason: "item_missing", itemId: "a" }],
      passGained: 0,
      passRevoked: 0,
      passRevokedAttemptIds: [],
    });
    expect(await attemptRow(attemptId)).toEqual(before);
    expect(await regradedEvents(attemptId)).toEqual([]);
    expect(await prisma.certification.count()).toBe(0);
  });

  it("moves an attempt whose grade a new version does not change, and counts it as unchanged", async () => {
    const [v1] = await sync({ correct: "x" });
    const { attemptId } = await submittedAttempt({ choice: "y" });
    const [, v2] = await sync({ correct: "x", promptA: "Vrai ou faux ?" });
    expect(await previewRegrade({ fromVersionId: v1, toVersionId: v2 })).toMatchObject({ compatible: 1, scoreChanged: 0, changedItemIds: [] });

    const instructor = await createUser({ role: "INSTRUCTOR" });
    const report = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: "Reformulation de a.", actorId: instructor.id, now: t1 });
    expect(report).toMatchObject({ regraded: 0, unchanged: 1, skipped: [] });
    expect(await attemptRow(attemptId)).toMatchObject({ examVersionId: v2, percent: 50, isPassed: false });
    expect((await regradedEvents(attemptId))[0]?.data).toMatchObject({ changedItems: [], before: { percent: 50 }, after: { percent: 50 } });
  });

  it("regrades the automatic part of an attempt awaiting review, which stays awaiting review and is then decided on the new version", async () => {
    const [v1] = await sync({ correct: "x", withOpen: true });
    const { attemptId, learnerId, submitted } = await submittedAttempt({ choice: "y", openAnswer: "Il faut le consentement de la personne." });
    expect(submitted).toMatchObject({ state: "AWAITING_REVIEW", isPassed: null });
    expect(await attemptRow(attemptId)).toMatchObject({ points: 1, maxPoints: 4 });
    const [, v2] = await sync({ correct: "y", withOpen: true });

    const instructor = await instructorOf(learnerId);
    const report = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: REASON, actorId: instructor.id, now: t1 });
    expect(report).toEqual({ regraded: 1, unchanged: 0, skipped: [], passGained: 0, passRevoked: 0, passRevokedAttemptIds: [] });
    const regraded = await attemptRow(attemptId);
    expect(regraded).toMatchObject({ examVersionId: v2, state: "AWAITING_REVIEW", points: 2, maxPoints: 4, isPassed: null });
    expect(gradeOf(regraded.grades, "o")).toMatchObject({ status: "needs_review" });

    // The reviewer's decision now grades the attempt with the corrected key: (1 + 1 + 1) / 4 = 75 % ≥ 70 %.
    const decided = await decideReview({ attemptId, itemId: "o", reviewer: instructor, points: 1, now: t1 });
    expect(decided).toMatchObject({ state: "GRADED", isPassed: true, percent: 75 });
    expect(await prisma.certificationEvent.count({ where: { attemptId, userId: learnerId } })).toBe(1);
  });

  it("keeps the reviewer's points when regrading an attempt whose grade includes a review", async () => {
    const [v1] = await sync({ correct: "x", withOpen: true });
    const { attemptId, learnerId } = await submittedAttempt({ choice: "y", openAnswer: "Il faut le consentement de la personne." });
    const reviewer = await instructorOf(learnerId);
    // (0 + 1 + 1) / 4 = 50 %: failed because of the wrong key on "s".
    expect(await decideReview({ attemptId, itemId: "o", reviewer, points: 1, now: t0 })).toMatchObject({ state: "GRADED", isPassed: false, percent: 50 });
    const [, v2] = await sync({ correct: "y", withOpen: true });

    const report = await regradeAttempts({ fromVersionId: v1, toVersionId: v2, reason: REASON, actorId: reviewer.id, now: t1 });
    expect(report).toMatchObject({ regraded: 1, passGained: 1, skipped: [] });
    const after = await attemptRow(attemptId);
    expect(after).toMatchObject({ examVersionId: v2, state: "GRADED", points: 3, maxPoints: 4, percent: 75, isPassed: true });
    expect(gradeOf(after.grades, "o")).toMatchObject({ points: 1, status: "partial" });
    expect(await prisma.certification.count({ where: { userId: learnerId } })).toBe(1);
  });

  it("refuses bad input with a coded 4xx error", async () => {
    const [v1] = await sync({ correct: "x" });
    const [, v2] = await sync({ correct: "y" });
    const other = makeCurriculum();
    const exam = other.courses[0].exam;
    if (!exam) throw new Error("fixture has an exam");
    other.courses[1].exam = { ...exam, id: "t2-final", file: "courses/t2-course/exam.yaml" };
    await syncCurriculum({ prisma, curriculum: other });
    const { id: otherExam } = await prisma.examVersion.findFirstOrThrow({ where: { examSlug: "t2-final" }, select: { id: true } });
    const actorId = (await createUser({ role: "INSTRUCTOR" })).id;
    const run = (fromVersionId: string, toVersionId: string, reason = REASON) => regradeAttempts({ fromVersionId, toVersionId, reason, actorId, now: t1 });

    await expect(run(v1, "missing")).rejects.toMatchObject({ code: "exam_not_found", status: 404 });
    await expect(previewRegrade({ fromVersionId: "missing", toVersionId: v2 })).rejects.toMatchObject({ code: "exam_not_found", status: 404 });
    await expect(run(v2, v1)).rejects.toMatchObject({ code: "not_newer", status: 400 });
    await expect(run(v1, v1)).rejects.toMatchObject({ code: "not_newer", status: 400 });
    await expect(previewRegrade({ fromVersionId: otherExam, toVersionId: v2 })).rejects.toBeInstanceOf(RegradeError);
    await expect(run(v1, otherExam)).rejects.toMatchObject({ code: "different_exam", status: 400 });
    await expect(run(v1, v2, "   ")).rejects.toMatchObject({ code: "reason_required", status: 400 });
    await expect(run(v1, v2, "x".repeat(501))).rejects.toMatchObject({ code: "reason_too_long", status: 400 });
  });
});

// The route is the HTTP boundary; calling its loader and action directly checks the guard, the form validation
// and the wiring to the module without a production build (tests/integration covers pages over real HTTP).
describe("the regrade section of the exam analysis page", () => {
  function post(versionId: string, cookie: string, values: Record<string, string>) {
    const request = new Request(`http://localhost/exam-analysis/${versionId}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(values),
    });
    return action({ request, params: { versionId }, context: createRequestContext({ cspNonce: "" }) });
  }

  it("offers the preview, refuses learners and an empty reason, and runs the regrade", async () => {
    const [v1] = await sync({ correct: "x" });
    const { attemptId } = await submittedAttempt({ choice: "y" });
    const [, v2] = await sync({ correct: "y" });
    const instructorCookie = await sessionCookieHeader((await createUser({ role: "INSTRUCTOR" })).id);
    const learnerCookie = await sessionCookieHeader((await createUser()).id);

    const page = await loader({ request: new Request(`http://localhost/exam-analysis/${v1}`, { headers: { Cookie: instructorCookie } }), params: { versionId: v1 }, context: createRequestContext({ cspNonce: "" }) });
    expect(page.regrade).toMatchObject({ to: { id: v2, version: 2 }, attempts: 1, compatible: 1, skippedTotal: 0, scoreChanged: 1, passGained: 1, changedItemIds: ["s"] });
    const newest = await loader({ request: new Request(`http://localhost/exam-analysis/${v2}`, { headers: { Cookie: instructorCookie } }), params: { versionId: v2 }, context: createRequestContext({ cspNonce: "" }) });
    expect(newest.regrade).toBeNull();

    await expect(post(v1, learnerCookie, { intent: "regrade", toVersionId: v2, reason: REASON })).rejects.toMatchObject({ init: { status: 403 } });

    const blank = await post(v1, instructorCookie, { intent: "regrade", toVersionId: v2, reason: "   " });
    expect(blank).toMatchObject({ init: { status: 400 }, data: { report: null, result: { error: { reason: ["regrade.errors.reason_required"] } } } });
    const backwards = await post(v2, instructorCookie, { intent: "regrade", toVersionId: v1, reason: REASON });
    expect(backwards).toMatchObject({ init: { status: 400 }, data: { report: null, result: { error: { "": ["regrade.errors.not_newer"] } } } });
    expect(await attemptRow(attemptId)).toMatchObject({ examVersionId: v1 });

    const done = await post(v1, instructorCookie, { intent: "regrade", toVersionId: v2, reason: REASON });
    expect(done).toMatchObject({ report: { regraded: 1, unchanged: 0, skippedTotal: 0, passGained: 1, passRevoked: 0 } });
    expect(await attemptRow(attemptId)).toMatchObject({ examVersionId: v2, isPassed: true });
  });
});
