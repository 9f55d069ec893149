import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Curriculum } from "~/modules/catalog/content/types";
import { listCatalogue } from "~/modules/catalog/catalog.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createOrganisation, createUser } from "../../../tests/factories";
import { AttemptError, getExamOverview, startAttempt, submitAttempt, sweepOverdueAttempts } from "./attempts.server";
import { saveResponse } from "./test-fixtures";

const HOUR = 3_600_000;
const t0 = new Date("2026-11-21T09:00:00Z");

/** Tier-1 exam for these tests: pool p1 draws 1 of 2 true/false items, pool p2 draws 1 of 1; 30 min; pass 70 %. */
function examCurriculum({ withOpen = false }: { withOpen?: boolean } = {}): Curriculum {
  const curriculum = makeCurriculum();
  const exam = curriculum.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.pools = [
    { id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: 1 },
    { id: "p2", title: { fr: "P2" }, skill: "ai-concepts", draw: 1 },
  ];
  exam.items = [
    { id: "a", pool: "p1", type: "true_false", points: 1, prompt: { fr: "A ?" }, answer: true },
    { id: "b", pool: "p1", type: "true_false", points: 1, prompt: { fr: "B ?" }, answer: true },
    withOpen
      ? { id: "c", pool: "p2", type: "open", points: 2, prompt: { fr: "Expliquez." }, rubric: [{ id: "r1", description: { fr: "d" }, points: 2, keywords: { fr: ["consentement"] } }] }
      : { id: "c", pool: "p2", type: "true_false", points: 1, prompt: { fr: "C ?" }, answer: false },
  ];
  exam.raw = { items: exam.items, withOpen };
  return curriculum;
}

async function setup(options?: { withOpen?: boolean }) {
  await syncCurriculum({ prisma, curriculum: examCurriculum(options) });
  const user = await createUser();
  return user.id;
}

async function answerAll(attemptId: string, userId: string, correct: boolean, now = t0) {
  const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemIds: true } });
  for (const itemId of attempt.itemIds) {
    const right = itemId !== "c";
    const response = itemId === "c" && correct === true ? { value: false } : { value: correct ? right : !right };
    await saveResponse({ attemptId, userId, itemId, response: itemId === "c" ? (correct ? { value: false } : { value: true }) : response, now });
  }
}

describe("startAttempt", () => {
  beforeEach(async () => {
    await prisma.examAttempt.deleteMany();
  });

  it("draws from each pool, stores the draw and computes the deadline on the server", async () => {
    const userId = await setup();
    const { attemptId, resumed } = await startAttempt({ courseId: "t1-course", userId, language: "ar", now: t0 });
    expect(resumed).toBe(false);
    const attempt = await prisma.examAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { number: true, itemIds: true, deadlineAt: true, state: true, language: true, events: { select: { type: true } } },
    });
    expect(attempt.number).toBe(1);
    expect(attempt.itemIds).toHaveLength(2);
    expect(attempt.itemIds).toContain("c");
    expect(attempt.deadlineAt.getTime() - t0.getTime()).toBe(30 * 60_000);
    expect(attempt).toMatchObject({ state: "IN_PROGRESS", language: "ar", events: [{ type: "started" }] });
  });

  it("never opens two attempts for a double click or parallel tabs", async () => {
    const userId = await setup();
    const results = await Promise.all(Array.from({ length: 5 }, () => startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 })));
    expect(new Set(results.map((r) => r.attemptId)).size).toBe(1);
    expect(await prisma.examAttempt.count({ where: { userId } })).toBe(1);
  });

  it("applies the cooldown and the attempt limit, and accommodations (extra attempts, time factor)", async () => {
    const userId = await setup();
    const first = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await submitAttempt({ attemptId: first.attemptId, userId, now: t0 });
    await expect(startAttempt({ courseId: "t1-course", userId, language: "fr", now: new Date(t0.getTime() + HOUR) })).rejects.toMatchObject({
      code: "cooldown",
      retryAt: new Date(t0.getTime() + 24 * HOUR),
    });
    let now = t0;
    for (let i = 2; i <= 3; i++) {
      now = new Date(now.getTime() + 25 * HOUR);
      const a = await startAttempt({ courseId: "t1-course", userId, language: "fr", now });
      await submitAttempt({ attemptId: a.attemptId, userId, now });
    }
    now = new Date(now.getTime() + 25 * HOUR);
    await expect(startAttempt({ courseId: "t1-course", userId, language: "fr", now })).rejects.toMatchObject({ code: "no_attempts_left" });

    await prisma.examAccommodation.create({
      data: { userId, examSlug: "t1-final", timeFactor: 1.5, extraAttempts: 1, reason: "Dyslexie : tiers-temps", grantedById: userId },
    });
    const fourth = await startAttempt({ courseId: "t1-course", userId, language: "fr", now });
    const row = await prisma.examAttempt.findUniqueOrThrow({ where: { id: fourth.attemptId }, select: { number: true, deadlineAt: true, timeFactor: true } });
    expect(row).toMatchObject({ number: 4, timeFactor: 1.5 });
    expect(row.deadlineAt.getTime() - now.getTime()).toBe(45 * 60_000);
  });

  it("prefers items the learner has not seen", async () => {
    const userId = await setup();
    const first = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0, random: () => 0.1 });
    await submitAttempt({ attemptId: first.attemptId, userId, now: t0 });
    const firstP1 = (await prisma.examAttempt.findUniqueOrThrow({ where: { id: first.attemptId }, select: { itemIds: true } })).itemIds.find((i) => i !== "c");
    const second = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: new Date(t0.getTime() + 25 * HOUR), random: () => 0.1 });
    const secondP1 = (await prisma.examAttempt.findUniqueOrThrow({ where: { id: second.attemptId }, select: { itemIds: true } })).itemIds.find((i) => i !== "c");
    expect(secondP1).not.toBe(firstP1);
  });
});

describe("saving, submitting and grading", () => {
  it("keeps answers, grades once on a double submit, and certifies a pass exactly once", async () => {
    const userId = await setup();
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await answerAll(attemptId, userId, true);
    const results = await Promise.all([
      submitAttempt({ attemptId, userId, now: t0 }),
      submitAttempt({ attemptId, userId, now: t0 }),
      submitAttempt({ attemptId, userId, now: t0 }),
    ]);
    for (const r of results) expect(r).toMatchObject({ state: "GRADED", percent: 100, isPassed: true });
    const events = await prisma.attemptEvent.findMany({ where: { attemptId }, select: { type: true }, orderBy: { at: "asc" } });
    expect(events.filter((e) => e.type === "submitted")).toHaveLength(1);
    expect(events.filter((e) => e.type === "graded")).toHaveLength(1);
    expect(await prisma.certificationEvent.count({ where: { attemptId } })).toBe(1);
    expect(await prisma.certification.count({ where: { userId, courseId: "t1-course" } })).toBe(1);

    // The certification opens the tier-2 course.
    const { courses } = await listCatalogue({ viewer: { id: userId, roles: ["LEARNER"] }, language: "fr", filters: {} });
    expect(courses.find((c) => c.id === "t2-course")?.access).toBe("open");
  });

  it("fails an attempt below the pass mark and certifies nothing", async () => {
    const userId = await setup();
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await answerAll(attemptId, userId, false);
    expect(await submitAttempt({ attemptId, userId, now: t0 })).toMatchObject({ state: "GRADED", percent: 0, isPassed: false });
    expect(await prisma.certificationEvent.count()).toBe(0);
  });

  it("refuses saves to another learner's attempt, to an item not drawn, malformed answers, and after submission", async () => {
    const userId = await setup();
    const other = await createUser();
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await expect(saveResponse({ attemptId, userId: other.id, itemId: "c", response: { value: true }, now: t0 })).rejects.toMatchObject({ status: 404 });
    await expect(saveResponse({ attemptId, userId, itemId: "zzz", response: { value: true }, now: t0 })).rejects.toMatchObject({ code: "unknown_item", status: 400 });
    await expect(saveResponse({ attemptId, userId, itemId: "c", response: "x".repeat(10), now: t0 })).rejects.toMatchObject({ code: "bad_response" });
    await submitAttempt({ attemptId, userId, now: t0 });
    await expect(saveResponse({ attemptId, userId, itemId: "c", response: { value: true }, now: t0 })).rejects.toBeInstanceOf(AttemptError);
  });

  it("the last save before the deadline counts; a save after it closes the attempt instead", async () => {
    const userId = await setup();
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await saveResponse({ attemptId, userId, itemId: "c", response: { value: false }, now: new Date(t0.getTime() + 29 * 60_000) });
    await expect(
      saveResponse({ attemptId, userId, itemId: "c", response: { value: true }, now: new Date(t0.getTime() + 31 * 60_000) }),
    ).rejects.toMatchObject({ code: "attempt_closed" });
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true, finishedBy: true, grades: true } });
    expect(attempt).toMatchObject({ state: "GRADED", finishedBy: "deadline" });
    const saved = await prisma.attemptResponse.findUniqueOrThrow({ where: { attemptId_itemId: { attemptId, itemId: "c" } }, select: { response: true } });
    expect(saved.response).toEqual({ value: false });
  });

  it("auto-submits an abandoned attempt at the deadline through the sweep", async () => {
    const userId = await setup();
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await answerAll(attemptId, userId, true);
    expect(await sweepOverdueAttempts({ now: new Date(t0.getTime() + 10 * 60_000) })).toEqual({ submitted: 0, graded: 0, certified: 0 });
    expect(await sweepOverdueAttempts({ now: new Date(t0.getTime() + 31 * 60_000) })).toEqual({ submitted: 1, graded: 0, certified: 0 });
    const events = await prisma.attemptEvent.findMany({ where: { attemptId }, select: { type: true }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.type).filter((t) => t !== "saved")).toEqual(["started", "overdue", "auto_submitted", "graded"]);
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { isPassed: true } })).isPassed).toBe(true);
  });

  it("holds an attempt with an open answer for human review: no pass/fail, no certification yet", async () => {
    const userId = await setup({ withOpen: true });
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await saveResponse({ attemptId, userId, itemId: "c", response: { text: "Il faut le consentement de la personne." }, now: t0 });
    expect(await submitAttempt({ attemptId, userId, now: t0 })).toMatchObject({ state: "AWAITING_REVIEW", isPassed: null });
    expect(await prisma.certificationEvent.count()).toBe(0);
  });

  it("shows attempts used, the final grade (highest) and whether another attempt can start", async () => {
    const userId = await setup();
    const a = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    await answerAll(a.attemptId, userId, true);
    await submitAttempt({ attemptId: a.attemptId, userId, now: t0 });
    const overview = await getExamOverview({ courseId: "t1-course", userId, now: new Date(t0.getTime() + HOUR) });
    expect(overview).toMatchObject({ attemptsAllowed: 3, questionCount: 2, timeLimitMinutes: 30, passMarkPercent: 70, finalAttemptId: a.attemptId, inProgressId: null });
    expect(overview.eligibility).toMatchObject({ canStart: false, reason: "cooldown" });
  });

  it("starts only within the exam's availability window, and ends an attempt at the window's close", async () => {
    const curriculum = examCurriculum();
    const exam = curriculum.courses[0].exam;
    if (!exam) throw new Error("fixture has an exam");
    exam.availableFrom = new Date(t0.getTime() + HOUR).toISOString();
    exam.availableUntil = new Date(t0.getTime() + HOUR + 10 * 60_000).toISOString();
    exam.raw = { ...(exam.raw as object), window: true };
    await syncCurriculum({ prisma, curriculum });
    const userId = (await createUser()).id;
    await expect(startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 })).rejects.toMatchObject({ code: "not_open_yet", status: 409 });
    const opened = new Date(t0.getTime() + HOUR);
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: opened });
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { deadlineAt: true } });
    expect(attempt.deadlineAt.toISOString()).toBe(exam.availableUntil); // 10 min left of the window, not the 30 min limit
    await submitAttempt({ attemptId, userId, now: new Date(opened.getTime() + 60_000) });
    const other = (await createUser()).id;
    await expect(startAttempt({ courseId: "t1-course", userId: other, language: "fr", now: new Date(t0.getTime() + 2 * HOUR) })).rejects.toMatchObject({ code: "exam_closed" });
  });
});

describe("cohort exam windows", () => {
  const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

  /** A cohort of a new centre with a window for t1-course's exam, and a learner of it. */
  async function cohortLearner({ opensAt, closesAt, courseId = "t1-course" }: { opensAt: Date | null; closesAt: Date | null; courseId?: string }) {
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
    const learner = await createUser();
    const cohort = await prisma.cohort.create({
      data: { organisationId: centre.id, name: "Cohorte", members: { create: { userId: learner.id, role: "LEARNER" } }, examWindows: { create: { courseId, opensAt, closesAt } } },
      select: { id: true },
    });
    return { userId: learner.id, cohortId: cohort.id };
  }

  /** The exam of examCurriculum, with its own window when given. */
  async function syncExam(window?: { from: Date | null; until: Date | null }) {
    const curriculum = examCurriculum();
    const exam = curriculum.courses[0].exam;
    if (!exam) throw new Error("fixture has an exam");
    exam.availableFrom = window?.from?.toISOString() ?? null;
    exam.availableUntil = window?.until?.toISOString() ?? null;
    exam.raw = { ...(exam.raw as object), window: window ? [exam.availableFrom, exam.availableUntil] : null };
    await syncCurriculum({ prisma, curriculum });
  }

  it("refuses a start outside the cohort's window, with the exam's own codes, and shows the cohort's dates", async () => {
    await syncExam();
    const closed = await cohortLearner({ opensAt: at(-48), closesAt: at(-24) });
    await expect(startAttempt({ courseId: "t1-course", userId: closed.userId, language: "fr", now: t0 })).rejects.toMatchObject({ code: "exam_closed", status: 409 });
    const later = await cohortLearner({ opensAt: at(2), closesAt: at(4) });
    const error = await startAttempt({ courseId: "t1-course", userId: later.userId, language: "fr", now: t0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttemptError);
    expect(error).toMatchObject({ code: "not_open_yet", status: 409, retryAt: at(2) });
    expect(await prisma.examAttempt.count()).toBe(0);

    const overview = await getExamOverview({ courseId: "t1-course", userId: later.userId, now: t0 });
    expect(overview).toMatchObject({ availableFrom: at(2).toISOString(), availableUntil: at(4).toISOString() });
    expect(overview.eligibility).toEqual({ canStart: false, reason: "not_open_yet", retryAt: at(2) });
    expect((await getExamOverview({ courseId: "t1-course", userId: closed.userId, now: t0 })).eligibility).toEqual({ canStart: false, reason: "exam_closed" });
  });

  it("starts within the cohort's window and ends the attempt at the cohort's close", async () => {
    await syncExam();
    const { userId } = await cohortLearner({ opensAt: at(-1), closesAt: new Date(t0.getTime() + 10 * 60_000) });
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { deadlineAt: true } });
    expect(attempt.deadlineAt).toEqual(new Date(t0.getTime() + 10 * 60_000)); // not the 30-minute limit
  });

  it("keeps the exam's own window for learners in no cohort, and never opens the exam beyond it", async () => {
    await syncExam({ from: at(-1), until: at(1) });
    // The cohort's window is wider than the exam's: the exam's own close still caps the attempt.
    const wide = await cohortLearner({ opensAt: at(-100), closesAt: at(100) });
    const started = await startAttempt({ courseId: "t1-course", userId: wide.userId, language: "fr", now: new Date(at(1).getTime() - 5 * 60_000) });
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: started.attemptId }, select: { deadlineAt: true } })).deadlineAt).toEqual(at(1));
    await expect(startAttempt({ courseId: "t1-course", userId: (await cohortLearner({ opensAt: null, closesAt: null })).userId, language: "fr", now: at(2) })).rejects.toMatchObject({
      code: "exam_closed",
    });

    // A closed cohort window does not touch learners outside that cohort.
    await cohortLearner({ opensAt: at(-48), closesAt: at(-24) });
    const alone = (await createUser()).id;
    expect((await getExamOverview({ courseId: "t1-course", userId: alone, now: t0 })).availableUntil).toBe(at(1).toISOString());
    expect((await startAttempt({ courseId: "t1-course", userId: alone, language: "fr", now: t0 })).resumed).toBe(false);
    await expect(startAttempt({ courseId: "t1-course", userId: (await createUser()).id, language: "fr", now: at(2) })).rejects.toMatchObject({ code: "exam_closed" });
  });

  it("uses the most permissive window of the learner's cohorts, ignoring archived cohorts, other courses and instructor seats", async () => {
    await syncExam();
    const { userId } = await cohortLearner({ opensAt: at(-48), closesAt: at(-24) });
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
    const seat = (name: string, role: "LEARNER" | "INSTRUCTOR", window: { opensAt: Date | null; closesAt: Date | null; courseId?: string }, archivedAt: Date | null = null) =>
      prisma.cohort.create({
        data: { organisationId: centre.id, name, archivedAt, members: { create: { userId, role } }, examWindows: { create: { courseId: "t1-course", ...window } } },
        select: { id: true },
      });
    // None of these may open the exam for this learner: an archived cohort, another course's window, a cohort they teach.
    await seat("Archivée", "LEARNER", { opensAt: at(-1), closesAt: at(1) }, at(-2));
    await seat("Autre cours", "LEARNER", { opensAt: at(-1), closesAt: at(1), courseId: "t2-course" });
    await seat("Enseignée", "INSTRUCTOR", { opensAt: at(-1), closesAt: at(1) });
    await expect(startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 })).rejects.toMatchObject({ code: "exam_closed" });

    // A second cohort of theirs with an open window: the most permissive one applies.
    await seat("Rattrapage", "LEARNER", { opensAt: at(-1), closesAt: at(1) });
    expect((await getExamOverview({ courseId: "t1-course", userId, now: t0 })).availableFrom).toBe(at(-48).toISOString());
    const { attemptId } = await startAttempt({ courseId: "t1-course", userId, language: "fr", now: t0 });
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { deadlineAt: true } })).deadlineAt).toEqual(new Date(t0.getTime() + 30 * 60_000));
  });
});
