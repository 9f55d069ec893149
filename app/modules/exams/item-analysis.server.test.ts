import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Curriculum, ExamItemDef } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createUser } from "../../../tests/factories";
import { startAttempt, submitAttempt } from "./attempts.server";
import { saveResponse } from "./test-fixtures";
import { itemAnalysisCsv } from "./item-analysis";
import { getItemAnalysis } from "./item-analysis.server";
import { toDisplayResponse } from "./view";

const t0 = new Date("2026-11-21T09:00:00Z");

const ITEMS: ExamItemDef[] = [
  {
    id: "s",
    pool: "p1",
    type: "single",
    points: 1,
    prompt: { fr: "Quel outil ?", ar: "أي أداة؟" },
    options: [
      { id: "A", text: { fr: "Un modèle de langue", ar: "نموذج لغوي" }, correct: true },
      { id: "B", text: { fr: "Un tableur, bien sûr", ar: "جدول" } },
      { id: "C", text: { fr: "Une calculatrice", ar: "آلة حاسبة" } },
    ],
  },
  { id: "t", pool: "p1", type: "true_false", points: 1, prompt: { fr: "T ?" }, answer: true },
  { id: "u", pool: "p2", type: "true_false", points: 1, prompt: { fr: "U ?" }, answer: true },
];

/** Every attempt draws all three items (p1: 2 of 2, p2: 1 of 1); options are shuffled per attempt. */
function examCurriculum(): Curriculum {
  const curriculum = makeCurriculum();
  const exam = curriculum.courses[0].exam;
  if (!exam) throw new Error("fixture has an exam");
  exam.shuffleOptions = true;
  exam.pools = [
    { id: "p1", title: { fr: "P1" }, skill: "ai-concepts", draw: 2 },
    { id: "p2", title: { fr: "P2" }, skill: "ai-concepts", draw: 1 },
  ];
  exam.items = ITEMS;
  exam.raw = { items: exam.items, analysis: true };
  return curriculum;
}

/** One learner's graded attempt; answers are given with real ids and sent as display keys, as a browser would. */
async function gradedAttempt(answers: Record<string, unknown>, { submit = true } = {}) {
  const user = await createUser();
  const { attemptId } = await startAttempt({ courseId: "t1-course", userId: user.id, language: "fr", now: t0 });
  const { displayOrders } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { displayOrders: true } });
  const orders = displayOrders as Record<string, string[]>;
  for (const [itemId, response] of Object.entries(answers)) {
    const item = ITEMS.find((i) => i.id === itemId) as ExamItemDef;
    const display = toDisplayResponse({ item, order: orders[itemId] ?? null, response });
    await saveResponse({ attemptId, userId: user.id, itemId, response: display ?? {}, now: t0 });
  }
  if (submit) await submitAttempt({ attemptId, userId: user.id, now: t0 });
  return attemptId;
}

describe("getItemAnalysis", () => {
  it("analyses the GRADED attempts of a version from their stored (display-key) responses", async () => {
    await syncCurriculum({ prisma, curriculum: examCurriculum() });
    //           s  t  u | total
    //   L1      A  ✓  ✓ |  3   (100 %)
    //   L2      A  ✓  ✗ |  2
    //   L3      B  ✗  ✓ |  1
    //   L4      –  ✓  ✗ |  1   (s unanswered)
    await gradedAttempt({ s: { optionId: "A" }, t: { value: true }, u: { value: true } });
    await gradedAttempt({ s: { optionId: "A" }, t: { value: true }, u: { value: false } });
    await gradedAttempt({ s: { optionId: "B" }, t: { value: false }, u: { value: true } });
    await gradedAttempt({ t: { value: true }, u: { value: false } });
    // Not graded yet: left out.
    await gradedAttempt({ s: { optionId: "C" }, t: { value: false }, u: { value: false } }, { submit: false });

    const version = await prisma.examVersion.findFirstOrThrow({ where: { examSlug: "t1-final" }, select: { id: true } });
    const analysis = await getItemAnalysis({ examVersionId: version.id });
    expect(analysis.version).toMatchObject({ id: version.id, examSlug: "t1-final", courseId: "t1-course", version: 1, archivedAt: null });
    expect(analysis.attemptCount).toBe(4);
    const [s, t, u] = analysis.rows;
    expect(analysis.rows.map((r) => [r.itemId, r.attempts])).toEqual([
      ["s", 4],
      ["t", 4],
      ["u", 4],
    ]);
    expect(s.facility).toBeCloseTo(0.5, 10);
    expect(t.facility).toBeCloseTo(0.75, 10);
    expect(u.facility).toBeCloseTo(0.5, 10);
    // s: x = 1,1,0,0; rest share (t+u)/2 = 1, .5, .5, .5 (ȳ .625): Σdxdy = .5·.375 + .5·(−.125) + (−.5)(−.125)·2 = .25,
    // Σdx² = 1, Σdy² = .375² + 3·.125² = .1875 → r = .25/√.1875 = 1/√3 ≈ 0.577.
    expect(s.discrimination).toBeCloseTo(1 / Math.sqrt(3), 10);
    // 27 %: k = 1; upper L1 (s right), lower L3 or L4 (tied; both got s wrong) → 1.
    expect(s.discriminationIndex27).toBeCloseTo(1, 10);
    // The display keys were translated back with each attempt's own option order.
    expect(s.optionFrequencies).toEqual({
      options: [
        { id: "A", text: { fr: "Un modèle de langue", ar: "نموذج لغوي" }, correct: true, count: 2 },
        { id: "B", text: { fr: "Un tableur, bien sûr", ar: "جدول" }, correct: false, count: 1 },
        { id: "C", text: { fr: "Une calculatrice", ar: "آلة حاسبة" }, correct: false, count: 0 },
      ],
      noAnswer: 1,
    });
    expect(t.optionFrequencies).toMatchObject({ options: [{ id: "true", count: 3 }, { id: "false", count: 1 }], noAnswer: 0 });
    expect(u.optionFrequencies).toMatchObject({ options: [{ id: "true", count: 2 }, { id: "false", count: 2 }], noAnswer: 0 });

    const csv = itemAnalysisCsv(analysis.rows, { language: "ar", separator: "comma" });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(",A نموذج لغوي (✓): 2; B جدول: 1; C آلة حاسبة: 0,1,");
  });

  it("narrows to some learners' attempts (a cohort's) when asked", async () => {
    await syncCurriculum({ prisma, curriculum: examCurriculum() });
    const first = await gradedAttempt({ s: { optionId: "A" }, t: { value: true }, u: { value: true } });
    await gradedAttempt({ s: { optionId: "B" }, t: { value: false }, u: { value: false } });
    const { userId, examVersionId } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: first }, select: { userId: true, examVersionId: true } });
    const all = await getItemAnalysis({ examVersionId });
    const mine = await getItemAnalysis({ examVersionId, userIds: [userId] });
    expect(all.attemptCount).toBe(2);
    expect(mine.attemptCount).toBe(1);
    expect(mine.rows.find((r) => r.itemId === "t")?.facility).toBe(1);
    expect((await getItemAnalysis({ examVersionId, userIds: [] })).attemptCount).toBe(0);
  });

  it("refuses an unknown version and reports none analysed for a version without graded attempts", async () => {
    await expect(getItemAnalysis({ examVersionId: "nope" })).rejects.toMatchObject({ code: "exam_not_found", status: 404 });
    await syncCurriculum({ prisma, curriculum: examCurriculum() });
    const version = await prisma.examVersion.findFirstOrThrow({ where: { examSlug: "t1-final" }, select: { id: true } });
    const analysis = await getItemAnalysis({ examVersionId: version.id });
    expect(analysis.attemptCount).toBe(0);
    expect(analysis.rows.map((r) => [r.itemId, r.attempts, r.facility])).toEqual([
      ["s", 0, null],
      ["t", 0, null],
      ["u", 0, null],
    ]);
  });
});
