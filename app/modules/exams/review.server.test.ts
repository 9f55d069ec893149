import http from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Curriculum } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createOrganisation, createUser } from "../../../tests/factories";
import { getExamOverview, startAttempt, submitAttempt } from "./attempts.server";
import { saveResponse } from "./test-fixtures";
import { createAiGradingAssistant } from "./grading-assistant.server";
import { isRecord } from "./items";
import { decideReview, getReviewCohort, listReviewQueue, ReviewError, reviewScope, suggestForAttempt, suggestPendingReviews, type Reviewer } from "./review.server";

// The suite must use the local assistant unless a test passes the AI one explicitly.
delete process.env.OPENAI_API_KEY;

const t0 = new Date("2026-11-21T09:00:00Z");
const CONSENT_ANSWER = "Il faut le consentement écrit de la personne.";
const PURPOSE_ANSWER = "Je vérifie la finalité du traitement.";

/** Tier-1 exam: one true/false item (1 point) and two open items (2 points each), one per pool; pass mark 70 %. */
function reviewCurriculum(): Curriculum {
  const curriculum = makeCurriculum();
  const exam = curriculum.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.pools = [
    { id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: 1 },
    { id: "p2", title: { fr: "P2" }, skill: "ai-concepts", draw: 1 },
    { id: "p3", title: { fr: "P3" }, skill: "ai-concepts", draw: 1 },
  ];
  exam.items = [
    { id: "tf", pool: "p1", type: "true_false", points: 1, prompt: { fr: "Vrai ?" }, answer: true },
    {
      id: "consent",
      pool: "p2",
      type: "open",
      points: 2,
      prompt: { fr: "Que faut-il avant d'utiliser des données personnelles ?", en: "What is needed before using personal data?" },
      rubric: [{ id: "r1", description: { fr: "Cite le consentement", en: "Mentions consent" }, points: 2, keywords: { fr: ["consentement"], en: ["consent"] } }],
    },
    {
      id: "purpose",
      pool: "p3",
      type: "open",
      points: 2,
      prompt: { fr: "Que vérifiez-vous d'abord ?" },
      rubric: [
        { id: "f1", description: { fr: "Cite la finalité" }, points: 1, keywords: { fr: ["finalité"] } },
        { id: "f2", description: { fr: "Cite la durée de conservation" }, points: 1, keywords: { fr: ["conservation"] } },
      ],
    },
  ];
  exam.raw = { items: exam.items, review: true };
  return curriculum;
}

/** A training centre's cohort (the reviewers' scope is made of cohorts). */
async function createCohort({ centreId, name = "Cohorte A" }: { centreId: string; name?: string }) {
  return prisma.cohort.create({ data: { organisationId: centreId, name }, select: { id: true, name: true } });
}

async function addToCohort({ cohortId, userId, role }: { cohortId: string; userId: string; role: "LEARNER" | "INSTRUCTOR" }) {
  await prisma.cohortMember.create({ data: { cohortId, userId, role } });
}

/** The cohort most tests use: its learners' attempts are in the scope of instructor(). */
let cohort: { id: string; name: string };

/**
 * A learner's attempt with both open items answered, submitted: it is left AWAITING_REVIEW. The learner is a
 * LEARNER of `cohortId` (the shared cohort unless told otherwise; null: in no cohort).
 */
async function awaitingAttempt({ openAnswered = true, cohortId }: { openAnswered?: boolean; cohortId?: string | null } = {}) {
  const learner = await createUser();
  const learnerCohort = cohortId === undefined ? cohort.id : cohortId;
  if (learnerCohort !== null) await addToCohort({ cohortId: learnerCohort, userId: learner.id, role: "LEARNER" });
  const { attemptId } = await startAttempt({ courseId: "t1-course", userId: learner.id, language: "fr", now: t0 });
  await saveResponse({ attemptId, userId: learner.id, itemId: "tf", response: { value: true }, now: t0 });
  if (openAnswered) {
    await saveResponse({ attemptId, userId: learner.id, itemId: "consent", response: { text: CONSENT_ANSWER }, now: t0 });
    await saveResponse({ attemptId, userId: learner.id, itemId: "purpose", response: { text: PURPOSE_ANSWER }, now: t0 });
  }
  const submitted = await submitAttempt({ attemptId, userId: learner.id, now: t0 });
  return { attemptId, learnerId: learner.id, state: submitted.state };
}

// ---------------------------------------------------------------------------------------------------------------
// A local OpenAI-compatible server for the AI path (real SDK over HTTP).

type Reply = { kind: "scores"; byItem: (system: string) => object } | { kind: "status"; status: number };
let reply: Reply = { kind: "status", status: 500 };
const bodies: unknown[] = [];
let server: http.Server;
let baseURL = "";

function systemContent(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body.messages)) return "";
  const first = body.messages[0];
  return isRecord(first) && typeof first.content === "string" ? first.content : "";
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      bodies.push(body);
      if (req.url !== "/v1/chat/completions" || reply.kind === "status") {
        res.writeHead(reply.kind === "status" ? reply.status : 404, { "content-type": "application/json" }).end("{}");
        return;
      }
      const content = JSON.stringify(reply.byItem(systemContent(body)));
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "chatcmpl-1",
          object: "chat.completion",
          created: 1_790_000_000,
          model: "fake-grader-1",
          choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  baseURL = `http://127.0.0.1:${address.port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function aiAssistant() {
  return createAiGradingAssistant({ client: new OpenAI({ apiKey: "test-key", baseURL, timeout: 2_000, maxRetries: 0 }), model: "gpt-4o-mini" });
}

beforeEach(async () => {
  bodies.length = 0;
  await syncCurriculum({ prisma, curriculum: reviewCurriculum() });
  cohort = await createCohort({ centreId: (await createOrganisation({ kind: "TRAINING_CENTRE" })).id });
});

/** An instructor of `cohortId` (the shared cohort unless told otherwise; null: of no cohort). */
async function instructor({ cohortId }: { cohortId?: string | null } = {}): Promise<Reviewer> {
  const user = await createUser({ role: "INSTRUCTOR" });
  const taught = cohortId === undefined ? cohort.id : cohortId;
  if (taught !== null) await addToCohort({ cohortId: taught, userId: user.id, role: "INSTRUCTOR" });
  return { id: user.id, roles: ["LEARNER", "INSTRUCTOR"] };
}

async function centreAdmin({ centreId }: { centreId: string }): Promise<Reviewer> {
  const user = await createUser({ role: "CENTRE_ADMIN", centreId });
  return { id: user.id, roles: ["LEARNER", "CENTRE_ADMIN"] };
}

async function platformAdmin(): Promise<Reviewer> {
  const user = await createUser({ role: "PLATFORM_ADMIN" });
  return { id: user.id, roles: ["LEARNER", "PLATFORM_ADMIN"] };
}

describe("suggestForAttempt", () => {
  it("sends no answer to a model abroad without the learner's consent (the local suggestion instead)", async () => {
    const { attemptId } = await awaitingAttempt();
    reply = { kind: "scores", byItem: () => ({ criteria: [], justification: "x" }) };
    expect(await suggestForAttempt({ attemptId, assistant: aiAssistant(), abroad: true })).toEqual({ suggested: 2 });
    expect(bodies).toHaveLength(0);
    const rows = await prisma.reviewSuggestion.findMany({ where: { attemptId }, select: { source: true } });
    expect(rows.map((r) => r.source)).toEqual(["local", "local"]);
  });

  it("stores the AI suggestion (source ai, model name) once per open item, through the real SDK", async () => {
    const { attemptId, state } = await awaitingAttempt();
    expect(state).toBe("AWAITING_REVIEW");
    reply = {
      kind: "scores",
      byItem: (system) =>
        system.includes('"id":"r1"')
          ? { criteria: [{ id: "r1", points: 2, reason: "Consentement cité." }], justification: "Complet." }
          : { criteria: [{ id: "f1", points: 1, reason: "Finalité citée." }, { id: "f2", points: 0, reason: "Rien sur la conservation." }], justification: "Partiel." },
    };

    expect(await suggestForAttempt({ attemptId, assistant: aiAssistant() })).toEqual({ suggested: 2 });
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body).toMatchObject({ model: "gpt-4o-mini", response_format: { type: "json_object" }, temperature: 0 });
    }
    const consentRequest = JSON.stringify(bodies.find((b) => systemContent(b).includes('"id":"r1"')));
    expect(consentRequest).toContain("Cite le consentement");
    expect(consentRequest).toContain("Que faut-il avant d'utiliser des données personnelles ?");
    expect(consentRequest).toContain(CONSENT_ANSWER);
    // No personal data: neither the learner's id nor the attempt's travels.
    expect(consentRequest).not.toContain(attemptId);

    const rows = await prisma.reviewSuggestion.findMany({
      where: { attemptId },
      orderBy: { itemId: "asc" },
      select: { itemId: true, source: true, model: true, points: true, maxPoints: true, criteria: true, justification: true },
    });
    expect(rows).toMatchObject([
      { itemId: "consent", source: "ai", model: "fake-grader-1", points: 2, maxPoints: 2, criteria: [{ id: "r1", points: 2 }] },
      { itemId: "purpose", source: "ai", model: "fake-grader-1", points: 1, maxPoints: 2, criteria: [{ id: "f1", points: 1 }, { id: "f2", points: 0 }] },
    ]);
    expect(rows[1].justification).toContain("Partiel.");

    // Idempotent: nothing asked again, nothing stored twice.
    expect(await suggestForAttempt({ attemptId, assistant: aiAssistant() })).toEqual({ suggested: 0 });
    expect(bodies).toHaveLength(2);
    expect(await prisma.reviewSuggestion.count({ where: { attemptId } })).toBe(2);
  });

  it("stores the local suggestion, marked as such, when the AI server fails", async () => {
    const { attemptId } = await awaitingAttempt();
    reply = { kind: "status", status: 500 };
    expect(await suggestForAttempt({ attemptId, assistant: aiAssistant() })).toEqual({ suggested: 2 });
    const row = await prisma.reviewSuggestion.findUniqueOrThrow({
      where: { attemptId_itemId: { attemptId, itemId: "consent" } },
      select: { source: true, model: true, points: true, justification: true },
    });
    expect(row).toMatchObject({ source: "local", model: null, points: 2 });
    expect(row.justification).toMatch(/^The AI grading assistant was unavailable because it answered with an HTTP 500 status/);
  });

  it("uses the local keyword assistant when no API key is configured", async () => {
    const { attemptId } = await awaitingAttempt();
    expect(await suggestForAttempt({ attemptId })).toEqual({ suggested: 2 });
    expect(bodies).toHaveLength(0);
    const rows = await prisma.reviewSuggestion.findMany({ where: { attemptId }, orderBy: { itemId: "asc" }, select: { itemId: true, source: true, model: true, points: true, justification: true } });
    expect(rows).toMatchObject([
      { itemId: "consent", source: "local", model: null, points: 2 },
      { itemId: "purpose", source: "local", model: null, points: 1 },
    ]);
    expect(rows[0].justification).toMatch(/^Keyword-based suggestion/);
  });

  it("the background sweep suggests for attempts still without suggestions, once", async () => {
    const { attemptId } = await awaitingAttempt();
    expect(await suggestPendingReviews()).toEqual({ attempts: 1, suggested: 2 });
    expect(await suggestPendingReviews()).toEqual({ attempts: 0, suggested: 0 });
    expect(await prisma.reviewSuggestion.count({ where: { attemptId } })).toBe(2);
  });

  it("leaves alone an attempt that is not awaiting review, and an unanswered open item needs no review", async () => {
    const { attemptId, state } = await awaitingAttempt({ openAnswered: false });
    expect(state).toBe("GRADED");
    expect(await suggestForAttempt({ attemptId })).toEqual({ suggested: 0 });
    expect(await prisma.reviewSuggestion.count()).toBe(0);
  });
});

describe("listReviewQueue", () => {
  it("lists attempts awaiting review with prompt, rubric, answer and suggestion, for reviewers only", async () => {
    const { attemptId, learnerId } = await awaitingAttempt();
    await awaitingAttempt({ openAnswered: false }); // graded at once: not in the queue
    await suggestForAttempt({ attemptId });
    const reviewer = await instructor();

    const queue = await listReviewQueue({ reviewer });
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ attemptId, learnerId, courseId: "t1-course", examSlug: "t1-final", number: 1, language: "fr" });
    expect(queue[0].items).toEqual([
      {
        itemId: "consent",
        maxPoints: 2,
        prompt: "Que faut-il avant d'utiliser des données personnelles ?",
        rubric: [{ id: "r1", description: "Cite le consentement", points: 2 }],
        answer: CONSENT_ANSWER,
        suggestion: expect.objectContaining({ source: "local", model: null, points: 2, maxPoints: 2, suggestedPoints: 2, criteria: [{ id: "r1", points: 2 }] }),
        decision: null,
      },
      expect.objectContaining({ itemId: "purpose", maxPoints: 2, answer: PURPOSE_ANSWER, suggestion: expect.objectContaining({ points: 1 }), decision: null }),
    ]);

    expect(await listReviewQueue({ reviewer: await platformAdmin() })).toHaveLength(1);
    // An English-speaking reviewer reads the rubric in English; the answer stays as the learner wrote it.
    const [english] = await listReviewQueue({ reviewer, readerLanguage: "en" });
    expect(english?.shownLanguage).toBe("en");
    expect(english?.items[0]).toMatchObject({ rubric: [{ id: "r1", description: "Mentions consent", points: 2 }], answer: CONSENT_ANSWER });
    await expect(listReviewQueue({ reviewer: { id: learnerId, roles: ["LEARNER"] } })).rejects.toMatchObject({ code: "forbidden", status: 403 });
  });
});

describe("decideReview", () => {
  it("keeps the attempt awaiting review until every item is decided, then grades it and certifies exactly once", async () => {
    const { attemptId, learnerId } = await awaitingAttempt();
    const reviewer = await instructor();
    const later = new Date(t0.getTime() + 3_600_000);

    const first = await decideReview({ attemptId, itemId: "consent", reviewer, points: 2, comment: " Bien. ", now: later });
    expect(first).toEqual({ attemptId, itemId: "consent", state: "AWAITING_REVIEW", isPassed: null, percent: null });
    const overview = await getExamOverview({ courseId: "t1-course", userId: learnerId, now: later });
    expect(overview.attempts).toMatchObject([{ id: attemptId, state: "AWAITING_REVIEW", isPassed: null }]);
    expect(await prisma.certification.count()).toBe(0);
    expect((await listReviewQueue({ reviewer }))[0].items[0].decision).toMatchObject({ reviewerId: reviewer.id, points: 2, comment: "Bien." });

    const second = await decideReview({ attemptId, itemId: "purpose", reviewer, points: 1.5, now: later });
    // 1 (true/false) + 2 + 1.5 = 4.5 of 5 = 90 %.
    expect(second).toEqual({ attemptId, itemId: "purpose", state: "GRADED", isPassed: true, percent: 90 });
    const attempt = await prisma.examAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, isPassed: true, percent: true, points: true, maxPoints: true, grades: true, gradedAt: true },
    });
    expect(attempt).toMatchObject({ state: "GRADED", isPassed: true, percent: 90, points: 4.5, maxPoints: 5, gradedAt: later });
    expect(attempt.grades).toMatchObject({
      items: expect.arrayContaining([
        { itemId: "consent", type: "open", maxPoints: 2, points: 2, status: "correct" },
        { itemId: "purpose", type: "open", maxPoints: 2, points: 1.5, status: "partial" },
      ]),
      perSkill: [{ skill: "ai-concepts", points: 4.5, maxPoints: 5 }],
    });
    const graded = await prisma.attemptEvent.findMany({ where: { attemptId, type: "graded" }, orderBy: { at: "asc" }, select: { actorId: true, data: true } });
    expect(graded).toHaveLength(2); // on submit (awaiting review), then after review
    expect(graded[1]).toMatchObject({ actorId: reviewer.id, data: { reviewedBy: [reviewer.id], isPassed: true, percent: 90, state: "GRADED" } });
    expect(await prisma.certification.count({ where: { userId: learnerId, courseId: "t1-course" } })).toBe(1);
    expect(await prisma.certificationEvent.count({ where: { attemptId } })).toBe(1);
    expect(await listReviewQueue({ reviewer })).toHaveLength(0);
    // The learner is told, in the centre and by e-mail, once (the first decision told nothing).
    expect(await prisma.notification.findMany({ where: { userId: learnerId }, select: { kind: true, href: true } })).toEqual([
      { kind: "open_answer_graded", href: `/exams/${attemptId}/result` },
    ]);
    const learner = await prisma.user.findUniqueOrThrow({ where: { id: learnerId }, select: { email: true } });
    expect(await prisma.outboxEmail.findMany({ where: { to: learner.email }, select: { subject: true } })).toEqual([{ subject: expect.stringContaining("résultat définitif") }]);

    // Nothing more once graded.
    await expect(decideReview({ attemptId, itemId: "purpose", reviewer, points: 2 })).rejects.toMatchObject({ code: "not_awaiting_review", status: 409 });
    expect(await prisma.certificationEvent.count()).toBe(1);
    expect(await prisma.reviewDecision.count()).toBe(2);
  });

  it("fails an attempt the reviewers score below the pass mark, and certifies nothing", async () => {
    const { attemptId } = await awaitingAttempt();
    const reviewer = await instructor();
    await decideReview({ attemptId, itemId: "consent", reviewer, points: 0 });
    expect(await decideReview({ attemptId, itemId: "purpose", reviewer, points: 1 })).toMatchObject({ state: "GRADED", isPassed: false, percent: 40 });
    expect(await prisma.certification.count()).toBe(0);
    expect(await prisma.certificationEvent.count()).toBe(0);
  });

  it("refuses out-of-range points and saves nothing", async () => {
    const { attemptId } = await awaitingAttempt();
    const reviewer = await instructor();
    for (const points of [2.01, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(decideReview({ attemptId, itemId: "consent", reviewer, points })).rejects.toMatchObject({ code: "points_out_of_range", status: 400 });
    }
    expect(await prisma.reviewDecision.count()).toBe(0);
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true } })).state).toBe("AWAITING_REVIEW");
  });

  it("refuses a second decision on an item, an item not needing review, the learner's own attempt and unknown attempts", async () => {
    const { attemptId, learnerId } = await awaitingAttempt();
    const reviewer = await instructor();
    await decideReview({ attemptId, itemId: "consent", reviewer, points: 1 });
    const error = await decideReview({ attemptId, itemId: "consent", reviewer, points: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewError);
    expect(error).toMatchObject({ code: "already_decided", status: 409 });
    expect((await prisma.reviewDecision.findFirstOrThrow({ where: { attemptId, itemId: "consent" }, select: { points: true } })).points).toBe(1);

    await expect(decideReview({ attemptId, itemId: "tf", reviewer, points: 1 })).rejects.toMatchObject({ code: "not_reviewable" });
    // Their own attempt, even for someone whose scope holds it (a platform admin who took the exam).
    await expect(decideReview({ attemptId, itemId: "purpose", reviewer: { id: learnerId, roles: ["LEARNER", "PLATFORM_ADMIN"] }, points: 2 })).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    await expect(decideReview({ attemptId, itemId: "purpose", reviewer: { id: learnerId, roles: ["LEARNER"] }, points: 2 })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(decideReview({ attemptId: "nope", itemId: "purpose", reviewer, points: 2 })).rejects.toMatchObject({ code: "attempt_not_found", status: 404 });
    await expect(decideReview({ attemptId, itemId: "purpose", reviewer, points: 2, comment: "x".repeat(2_001) })).rejects.toMatchObject({ code: "comment_too_long" });
    expect(await prisma.reviewDecision.count()).toBe(1);
  });

  it("grades once when two reviewers decide the last items at the same time", async () => {
    const { attemptId } = await awaitingAttempt();
    const [a, b] = [await instructor(), await instructor()];
    const results = await Promise.all([
      decideReview({ attemptId, itemId: "consent", reviewer: a, points: 2 }),
      decideReview({ attemptId, itemId: "purpose", reviewer: b, points: 2 }),
    ]);
    expect(results.filter((r) => r.state === "GRADED")).toHaveLength(1);
    const graded = await prisma.attemptEvent.findMany({ where: { attemptId, type: "graded" }, orderBy: { at: "asc" }, select: { data: true } });
    expect(graded).toHaveLength(2);
    const data = graded[1].data;
    expect(isRecord(data) && Array.isArray(data.reviewedBy) ? [...data.reviewedBy].sort() : null).toEqual([a.id, b.id].sort());
    expect(await prisma.certificationEvent.count({ where: { attemptId } })).toBe(1);
  });
});

describe("review scope", () => {
  /** Centre X with cohorts A and B, centre Y with cohort C, and an attempt awaiting review in each cohort. */
  async function twoCentres() {
    const centreX = (await createOrganisation({ kind: "TRAINING_CENTRE" })).id;
    const centreY = (await createOrganisation({ kind: "TRAINING_CENTRE" })).id;
    const [a, b, c] = [await createCohort({ centreId: centreX, name: "A" }), await createCohort({ centreId: centreX, name: "B" }), await createCohort({ centreId: centreY, name: "C" })];
    const [inA, inB, inC] = [await awaitingAttempt({ cohortId: a.id }), await awaitingAttempt({ cohortId: b.id }), await awaitingAttempt({ cohortId: c.id })];
    return { centreX, centreY, cohorts: { a, b, c }, attempts: { inA, inB, inC } };
  }
  const queued = async (reviewer: Reviewer, cohortId?: string) => (await listReviewQueue({ reviewer, cohortId })).map((entry) => entry.attemptId).sort();

  it("an instructor of cohort A sees and decides the attempts of A's learners, not those of cohort B of the same centre", async () => {
    const { cohorts, attempts } = await twoCentres();
    const reviewer = await instructor({ cohortId: cohorts.a.id });
    expect(await reviewScope(reviewer)).toEqual([cohorts.a.id]);
    expect(await queued(reviewer)).toEqual([attempts.inA.attemptId]);

    // Out of scope: 404 like an unknown attempt, whatever else would be wrong with the request.
    for (const points of [1, 99]) {
      await expect(decideReview({ attemptId: attempts.inB.attemptId, itemId: "consent", reviewer, points })).rejects.toMatchObject({ code: "attempt_not_found", status: 404 });
    }
    await expect(decideReview({ attemptId: attempts.inC.attemptId, itemId: "consent", reviewer, points: 1 })).rejects.toMatchObject({ code: "attempt_not_found", status: 404 });
    expect(await prisma.reviewDecision.count()).toBe(0);

    expect(await decideReview({ attemptId: attempts.inA.attemptId, itemId: "consent", reviewer, points: 1 })).toMatchObject({ state: "AWAITING_REVIEW" });
    expect(await prisma.reviewDecision.count()).toBe(1);
  });

  it("a centre admin sees every cohort of their centre and none of another centre", async () => {
    const { centreX, cohorts, attempts } = await twoCentres();
    const reviewer = await centreAdmin({ centreId: centreX });
    expect(await reviewScope(reviewer)).toEqual([cohorts.a.id, cohorts.b.id].sort());
    expect(await queued(reviewer)).toEqual([attempts.inA.attemptId, attempts.inB.attemptId].sort());
    await expect(decideReview({ attemptId: attempts.inC.attemptId, itemId: "consent", reviewer, points: 1 })).rejects.toMatchObject({ code: "attempt_not_found", status: 404 });
    expect(await decideReview({ attemptId: attempts.inB.attemptId, itemId: "consent", reviewer, points: 1 })).toMatchObject({ state: "AWAITING_REVIEW" });
  });

  it("someone both instructor of a cohort and admin of another centre gets the union", async () => {
    const { centreY, cohorts, attempts } = await twoCentres();
    const user = await createUser({ role: "CENTRE_ADMIN", centreId: centreY });
    await prisma.membership.create({ data: { userId: user.id, organisationId: (await prisma.cohort.findUniqueOrThrow({ where: { id: cohorts.a.id }, select: { organisationId: true } })).organisationId, role: "INSTRUCTOR" } });
    await addToCohort({ cohortId: cohorts.a.id, userId: user.id, role: "INSTRUCTOR" });
    const reviewer: Reviewer = { id: user.id, roles: ["LEARNER", "INSTRUCTOR", "CENTRE_ADMIN"] };
    expect(await reviewScope(reviewer)).toEqual([cohorts.a.id, cohorts.c.id].sort());
    expect(await queued(reviewer)).toEqual([attempts.inA.attemptId, attempts.inC.attemptId].sort());
  });

  it("a platform admin sees every attempt, of learners in a cohort or in none", async () => {
    const { attempts } = await twoCentres();
    const alone = await awaitingAttempt({ cohortId: null });
    const reviewer = await platformAdmin();
    expect(await reviewScope(reviewer)).toBe("all");
    expect(await queued(reviewer)).toEqual([attempts.inA.attemptId, attempts.inB.attemptId, attempts.inC.attemptId, alone.attemptId].sort());
    expect(await decideReview({ attemptId: alone.attemptId, itemId: "consent", reviewer, points: 1 })).toMatchObject({ state: "AWAITING_REVIEW" });
  });

  it("an instructor of no cohort sees an empty queue and can decide nothing", async () => {
    const { attempts } = await twoCentres();
    const alone = await awaitingAttempt({ cohortId: null });
    const reviewer = await instructor({ cohortId: null });
    expect(await reviewScope(reviewer)).toEqual([]);
    expect(await listReviewQueue({ reviewer })).toEqual([]);
    for (const { attemptId } of [attempts.inA, alone]) {
      await expect(decideReview({ attemptId, itemId: "consent", reviewer, points: 1 })).rejects.toMatchObject({ code: "attempt_not_found", status: 404 });
    }
    // A learner who is an INSTRUCTOR member of a cohort still has no role to review with.
    const learner = await createUser();
    await addToCohort({ cohortId: cohort.id, userId: learner.id, role: "INSTRUCTOR" });
    expect(await reviewScope({ id: learner.id, roles: ["LEARNER"] })).toEqual([]);
  });

  it("filters the queue by a cohort of the scope, and answers 404 for any other cohort", async () => {
    const { centreX, cohorts, attempts } = await twoCentres();
    const admin = await centreAdmin({ centreId: centreX });
    expect(await queued(admin, cohorts.b.id)).toEqual([attempts.inB.attemptId]);
    expect(await getReviewCohort({ reviewer: admin, cohortId: cohorts.b.id })).toMatchObject({ id: cohorts.b.id, name: "B" });
    for (const cohortId of [cohorts.c.id, "no-such-cohort"]) {
      await expect(listReviewQueue({ reviewer: admin, cohortId })).rejects.toMatchObject({ code: "cohort_not_found", status: 404 });
      await expect(getReviewCohort({ reviewer: admin, cohortId })).rejects.toMatchObject({ code: "cohort_not_found", status: 404 });
    }
    const teacher = await instructor({ cohortId: cohorts.a.id });
    await expect(listReviewQueue({ reviewer: teacher, cohortId: cohorts.b.id })).rejects.toMatchObject({ code: "cohort_not_found", status: 404 });

    const root = await platformAdmin();
    expect(await queued(root, cohorts.c.id)).toEqual([attempts.inC.attemptId]);
    await expect(listReviewQueue({ reviewer: root, cohortId: "no-such-cohort" })).rejects.toMatchObject({ code: "cohort_not_found", status: 404 });
  });
});
