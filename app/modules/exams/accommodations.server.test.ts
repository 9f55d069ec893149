import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Curriculum } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createOrganisation, createUser } from "../../../tests/factories";
import { canManageLearner, getLearnerExamRecord, grantAccommodation, reopenAttempt, StaffActionError } from "./accommodations.server";
import { getExamOverview, startAttempt, submitAttempt } from "./attempts.server";
import { saveResponse } from "./test-fixtures";

const MINUTE = 60_000;
const t0 = new Date("2026-11-21T09:00:00Z");

/** One true/false item (answer: true), 30 min, 1 attempt allowed, no cooldown, pass 70 %. */
function curriculum(): Curriculum {
  const c = makeCurriculum();
  const exam = c.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.pools = [{ id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: 1 }];
  exam.items = [{ id: "a", pool: "p1", type: "true_false", points: 1, prompt: { fr: "A ?" }, answer: true }];
  exam.attemptsAllowed = 1;
  exam.cooldownHours = 0;
  exam.raw = { items: exam.items, attemptsAllowed: 1 };
  return c;
}

/** A centre with an instructor and a learner in one of its cohorts, plus an instructor of another centre. */
async function setup() {
  await syncCurriculum({ prisma, curriculum: curriculum() });
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
  const instructor = await createUser({ role: "INSTRUCTOR", centreId: centre.id });
  const outsider = await createUser({ role: "INSTRUCTOR" });
  const learner = await createUser();
  const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Cohorte A" }, select: { id: true } });
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: learner.id, role: "LEARNER" } });
  const staff = { id: instructor.id, roles: ["LEARNER", "INSTRUCTOR"] as const };
  const stranger = { id: outsider.id, roles: ["LEARNER", "INSTRUCTOR"] as const };
  return { learner, staff, stranger, examSlug: (await prisma.examVersion.findFirstOrThrow({ select: { examSlug: true } })).examSlug };
}

async function failAttempt(learnerId: string, now = t0) {
  const { attemptId } = await startAttempt({ courseId: "t1-course", userId: learnerId, language: "fr", now });
  await saveResponse({ attemptId, userId: learnerId, itemId: "a", response: { value: false }, now });
  await submitAttempt({ attemptId, userId: learnerId, now: new Date(now.getTime() + MINUTE) });
  return attemptId;
}

describe("who may grant", () => {
  it("instructors of the learner's centre and platform admins, not other centres' staff nor the learner", async () => {
    const { learner, staff, stranger } = await setup();
    expect(await canManageLearner({ staff, learnerId: learner.id })).toBe(true);
    expect(await canManageLearner({ staff: stranger, learnerId: learner.id })).toBe(false);
    expect(await canManageLearner({ staff: { id: "x", roles: ["LEARNER", "PLATFORM_ADMIN"] }, learnerId: learner.id })).toBe(true);
    expect(await canManageLearner({ staff: { id: learner.id, roles: ["LEARNER"] }, learnerId: learner.id })).toBe(false);
    await expect(getLearnerExamRecord({ staff: stranger, learnerId: learner.id, language: "fr" })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(getLearnerExamRecord({ staff, learnerId: "nobody", language: "fr" })).rejects.toMatchObject({ code: "not_found", status: 404 });
  });
});

describe("grantAccommodation", () => {
  it("gives more time to the next attempt and an extra attempt, with the reason and author kept", async () => {
    const { learner, staff, examSlug } = await setup();
    await failAttempt(learner.id);
    expect((await getExamOverview({ courseId: "t1-course", userId: learner.id, now: t0 })).eligibility).toMatchObject({ canStart: false, reason: "no_attempts_left" });

    await grantAccommodation({ staff, learnerId: learner.id, examSlug, timeFactor: 1.5, extraAttempts: 1, reason: "Dyslexie (certificat médical)", now: t0 });
    const later = new Date(t0.getTime() + 10 * MINUTE);
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId: learner.id, language: "fr", now: later });
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { number: true, deadlineAt: true, timeFactor: true } });
    expect(attempt).toMatchObject({ number: 2, timeFactor: 1.5 });
    expect(attempt.deadlineAt.getTime() - later.getTime()).toBe(45 * MINUTE);

    const record = await getLearnerExamRecord({ staff, learnerId: learner.id, language: "fr" });
    const exam = record.exams.find((e) => e.examSlug === examSlug);
    expect(exam?.current).toEqual({ timeFactor: 1.5, extraAttempts: 1 });
    expect(exam?.grants[0]).toMatchObject({ reason: "Dyslexie (certificat médical)", timeFactor: 1.5, extraAttempts: 1 });
    expect(exam?.attempts.map((a) => a.number)).toEqual([1, 2]);
  });

  it("extends the deadline of an attempt in progress at once, and records it", async () => {
    const { learner, staff, examSlug } = await setup();
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId: learner.id, language: "fr", now: t0 });
    const result = await grantAccommodation({ staff, learnerId: learner.id, examSlug, timeFactor: 2, extraAttempts: 0, reason: "Coupure d'électricité au centre", now: new Date(t0.getTime() + 5 * MINUTE) });
    expect(result.extendedAttemptId).toBe(attemptId);
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { deadlineAt: true, events: { select: { type: true, reason: true, actorId: true } } } });
    expect(attempt.deadlineAt.getTime() - t0.getTime()).toBe(60 * MINUTE);
    expect(attempt.events).toContainEqual({ type: "time_extended", reason: "Coupure d'électricité au centre", actorId: staff.id });
    // A smaller factor never shortens the time already given.
    await grantAccommodation({ staff, learnerId: learner.id, examSlug, timeFactor: 1, extraAttempts: 0, reason: "Retour au temps normal", now: new Date(t0.getTime() + 6 * MINUTE) });
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { deadlineAt: true } })).deadlineAt.getTime() - t0.getTime()).toBe(60 * MINUTE);
  });

  it("refuses staff of another centre", async () => {
    const { learner, stranger, examSlug } = await setup();
    await expect(grantAccommodation({ staff: stranger, learnerId: learner.id, examSlug, timeFactor: 2, extraAttempts: 0, reason: "x".repeat(5) })).rejects.toBeInstanceOf(StaffActionError);
    expect(await prisma.examAccommodation.count()).toBe(0);
  });
});

describe("reopenAttempt", () => {
  it("reopens a failed attempt with its answers, records the earlier outcome, and grades it again on submit", async () => {
    const { learner, staff } = await setup();
    const attemptId = await failAttempt(learner.id);
    const reopenedAt = new Date(t0.getTime() + 60 * MINUTE);
    await reopenAttempt({ staff, learnerId: learner.id, attemptId, minutes: 15, reason: "Connexion perdue pendant l'examen", now: reopenedAt });

    const reopened = await prisma.examAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, percent: true, deadlineAt: true, responses: { select: { itemId: true } }, events: { where: { type: "reopened" }, select: { reason: true, data: true } } },
    });
    expect(reopened.state).toBe("IN_PROGRESS");
    expect(reopened.percent).toBeNull();
    expect(reopened.deadlineAt.getTime()).toBe(reopenedAt.getTime() + 15 * MINUTE);
    expect(reopened.responses).toEqual([{ itemId: "a" }]);
    expect(reopened.events[0]?.reason).toBe("Connexion perdue pendant l'examen");
    expect(reopened.events[0]?.data).toMatchObject({ minutes: 15, before: { state: "GRADED", percent: 0, isPassed: false } });

    await saveResponse({ attemptId, userId: learner.id, itemId: "a", response: { value: true }, now: new Date(reopenedAt.getTime() + MINUTE) });
    const graded = await submitAttempt({ attemptId, userId: learner.id, now: new Date(reopenedAt.getTime() + 2 * MINUTE) });
    expect(graded).toMatchObject({ state: "GRADED", percent: 100, isPassed: true });
    expect(await prisma.certificationEvent.count({ where: { attemptId } })).toBe(1);
    const types = (await prisma.attemptEvent.findMany({ where: { attemptId }, orderBy: { at: "asc" }, select: { type: true } })).map((e) => e.type);
    expect(types.filter((t) => t !== "saved")).toEqual(["started", "submitted", "graded", "reopened", "submitted", "graded"]);

    // Passed now: reopening it again is refused, and so is reopening for the wrong learner.
    await expect(reopenAttempt({ staff, attemptId, minutes: 10, reason: "encore" })).rejects.toMatchObject({ code: "passed", status: 409 });
    await expect(reopenAttempt({ staff, learnerId: staff.id, attemptId, minutes: 10, reason: "encore" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an attempt in progress, and a second open attempt for the same exam", async () => {
    const { learner, staff, examSlug } = await setup();
    const first = await failAttempt(learner.id);
    await grantAccommodation({ staff, learnerId: learner.id, examSlug, timeFactor: 1, extraAttempts: 1, reason: "Deuxième chance", now: t0 });
    const { attemptId: second } = await startAttempt({ courseId: "t1-course", userId: learner.id, language: "fr", now: new Date(t0.getTime() + 2 * MINUTE) });
    await expect(reopenAttempt({ staff, attemptId: second, minutes: 10, reason: "test" })).rejects.toMatchObject({ code: "still_open" });
    await expect(reopenAttempt({ staff, attemptId: first, minutes: 10, reason: "test" })).rejects.toMatchObject({ code: "other_open" });
  });
});
