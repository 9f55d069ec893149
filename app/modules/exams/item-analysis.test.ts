import { describe, expect, it } from "vitest";
import type { ExamItemDef } from "../catalog/content/types";
import type { GradeStatus, ItemGrade, ItemResponse } from "./grading";
import { analyseItems, itemAnalysisCsv, pearson, type AnalysedAttempt, type ItemAnalysisRow } from "./item-analysis";

const single: ExamItemDef = {
  id: "q1",
  pool: "p1",
  type: "single",
  points: 1,
  prompt: { fr: "Quel modèle ?", ar: "أي نموذج؟" },
  options: [
    { id: "a", text: { fr: "Un LLM", ar: "نموذج لغوي" }, correct: true },
    { id: "b", text: { fr: "Un tableur" } },
    { id: "c", text: { fr: "Une base" } },
  ],
};
const tf = (id: string, answer: boolean): ExamItemDef => ({ id, pool: "p1", type: "true_false", points: 1, prompt: { fr: `${id} ?` }, answer });

function grade(item: ExamItemDef, points: number, status?: GradeStatus): ItemGrade {
  const computed: GradeStatus = points >= item.points ? "correct" : points <= 0 ? "incorrect" : "partial";
  return { itemId: item.id, type: item.type, maxPoints: item.points, points, status: status ?? computed };
}

/** An attempt with these item points (in `items` order); totalPercent follows from them unless given. */
function attempt(
  attemptId: string,
  items: ExamItemDef[],
  points: number[],
  responses: Record<string, ItemResponse | null> = {},
  totalPercent?: number,
): AnalysedAttempt {
  const grades = items.map((item, i) => grade(item, points[i], responses[item.id] === null ? "unanswered" : undefined));
  const max = items.reduce((sum, item) => sum + item.points, 0);
  const total = points.reduce((sum, p) => sum + p, 0);
  return { attemptId, totalPercent: totalPercent ?? (max > 0 ? (total / max) * 100 : 0), grades, responses };
}

describe("analyseItems: facility, rest-score discrimination, 27 % index, option frequencies", () => {
  // Three 1-point items, five attempts:
  //          q1  q2  q3 | total
  //   a1      1   1   0 |  2
  //   a2      1   1   1 |  3
  //   a3      1   0   0 |  1
  //   a4      0   0   1 |  1
  //   a5      0   0   1 |  1   (q1 and q2 unanswered)
  const items = [single, tf("q2", true), tf("q3", false)];
  const attempts = [
    attempt("a1", items, [1, 1, 0], { q1: { optionId: "a" }, q2: { value: true }, q3: { value: true } }),
    attempt("a2", items, [1, 1, 1], { q1: { optionId: "a" }, q2: { value: true }, q3: { value: false } }),
    attempt("a3", items, [1, 0, 0], { q1: { optionId: "a" }, q2: { value: false }, q3: { value: true } }),
    attempt("a4", items, [0, 0, 1], { q1: { optionId: "b" }, q2: { value: false }, q3: { value: false } }),
    attempt("a5", items, [0, 0, 1], { q1: null, q3: { value: false } }),
  ];
  const rows = analyseItems({ attempts, items });
  const row = (id: string) => rows.find((r) => r.itemId === id) as ItemAnalysisRow;

  it("facility is the mean of points / maxPoints", () => {
    expect(rows.map((r) => r.itemId)).toEqual(["q1", "q2", "q3"]);
    expect(rows.map((r) => r.attempts)).toEqual([5, 5, 5]);
    expect(row("q1").facility).toBeCloseTo(3 / 5, 10);
    expect(row("q2").facility).toBeCloseTo(2 / 5, 10);
    expect(row("q3").facility).toBeCloseTo(3 / 5, 10);
    expect(row("q1").meanPoints).toBe(0.6);
  });

  it("discrimination is the Pearson correlation of the item with the rest of the test", () => {
    // q1: x = 1,1,1,0,0 (x̄ .6); rest = q2+q3 = 1,2,0,1,1 (ȳ 1); Σdxdy = .4·0 + .4·1 + .4·(−1) + 0 + 0 = 0 → r = 0.
    expect(row("q1").discrimination).toBeCloseTo(0, 10);
    // q2: x = 1,1,0,0,0 (x̄ .4); rest = q1+q3 = 1,2,1,1,1 (ȳ 1.2).
    //   Σdxdy = .6·(−.2) + .6·.8 + (−.4)(−.2)·3 = −.12 + .48 + .24 = .6; Σdx² = .36·2 + .16·3 = 1.2;
    //   Σdy² = .04·4 + .64 = .8 → r = .6 / √(1.2 · .8) = .6 / √.96 ≈ 0.6124.
    expect(row("q2").discrimination).toBeCloseTo(0.6 / Math.sqrt(0.96), 10);
    expect(row("q2").discrimination).toBeCloseTo(0.6124, 4);
    // q3: x = 0,1,0,1,1 (x̄ .6); rest = q1+q2 = 2,2,1,0,0 (ȳ 1).
    //   Σdxdy = (−.6)(1) + (.4)(1) + (−.6)(0) + (.4)(−1)·2 = −.6 + .4 − .8 = −1; Σdx² = 1.2; Σdy² = 1+1+0+1+1 = 4
    //   → r = −1 / √4.8 ≈ −0.4564: the learners doing better elsewhere do worse here.
    expect(row("q3").discrimination).toBeCloseTo(-1 / Math.sqrt(4.8), 10);
    expect(row("q3").discrimination).toBeCloseTo(-0.4564, 4);
  });

  it("flags a negative discrimination whatever the number of attempts, and nothing else below 10 attempts", () => {
    expect(row("q3").flags).toEqual(["negative_discrimination"]);
    expect(row("q1").flags).toEqual([]);
    expect(row("q2").flags).toEqual([]);
  });

  it("the 27 % index compares the best and worst k = round(.27 n) attempts by total", () => {
    // n = 5 → k = 1. Upper: a2 (100 %). Lower: a5 (a3, a4, a5 tie at 33 %; ties go by attempt id, a5 last).
    expect(row("q1").discriminationIndex27).toBeCloseTo(1 - 0, 10);
    expect(row("q2").discriminationIndex27).toBeCloseTo(1 - 0, 10);
    expect(row("q3").discriminationIndex27).toBeCloseTo(1 - 1, 10);
  });

  it("counts each option / value chosen and the attempts without an answer", () => {
    expect(row("q1").optionFrequencies).toEqual({
      options: [
        { id: "a", text: { fr: "Un LLM", ar: "نموذج لغوي" }, correct: true, count: 3 },
        { id: "b", text: { fr: "Un tableur" }, correct: false, count: 1 },
        { id: "c", text: { fr: "Une base" }, correct: false, count: 0 },
      ],
      noAnswer: 1,
    });
    expect(row("q2").optionFrequencies).toEqual({
      options: [
        { id: "true", text: null, correct: true, count: 2 },
        { id: "false", text: null, correct: false, count: 2 },
      ],
      noAnswer: 1,
    });
    expect(row("q3").optionFrequencies?.options.map((o) => [o.id, o.correct, o.count])).toEqual([
      ["true", false, 2],
      ["false", true, 3],
    ]);
  });
});

describe("analyseItems: more cases", () => {
  it("uses partial credit for the facility and counts every ticked option of a multiple-response item", () => {
    const multiple: ExamItemDef = {
      id: "m",
      pool: "p1",
      type: "multiple",
      points: 2,
      scoring: "partial",
      prompt: { fr: "Lesquels ?" },
      options: [
        { id: "x", text: { fr: "X" }, correct: true },
        { id: "y", text: { fr: "Y" }, correct: true },
        { id: "z", text: { fr: "Z" } },
      ],
    };
    const attempts = [
      attempt("a1", [multiple], [2], { m: { optionIds: ["x", "y"] } }),
      attempt("a2", [multiple], [1], { m: { optionIds: ["x"] } }),
      attempt("a3", [multiple], [0], { m: { optionIds: ["z", "unknown"] } }),
      attempt("a4", [multiple], [1], { m: { optionIds: ["y"] } }),
    ];
    const [row] = analyseItems({ attempts, items: [multiple] });
    // (2/2 + 1/2 + 0/2 + 1/2) / 4 = 0.5; mean points (2+1+0+1)/4 = 1.
    expect(row.facility).toBeCloseTo(0.5, 10);
    expect(row.meanPoints).toBe(1);
    expect(row.maxPoints).toBe(2);
    expect(row.optionFrequencies).toMatchObject({ options: [{ id: "x", count: 2 }, { id: "y", count: 2 }, { id: "z", count: 1 }], noAnswer: 0 });
    // A single-item test has no rest score: the correlation is undefined.
    expect(row.discrimination).toBeNull();
  });

  it("only counts attempts that drew the item and have a score for it; nothing defined without attempts", () => {
    const a = tf("a", true);
    const b = tf("b", true);
    const open: ExamItemDef = { id: "o", pool: "p1", type: "open", points: 2, prompt: { fr: "Expliquez." }, rubric: [] };
    const attempts: AnalysedAttempt[] = [
      attempt("t1", [a, b], [1, 1]),
      attempt("t2", [a], [0]),
      { attemptId: "t3", totalPercent: 50, grades: [grade(a, 1), grade(open, 0, "needs_review")], responses: {} },
    ];
    const rows = analyseItems({ attempts, items: [a, b, open, tf("never", true)] });
    expect(rows.map((r) => [r.itemId, r.attempts])).toEqual([
      ["a", 3],
      ["b", 1],
      ["o", 0],
      ["never", 0],
    ]);
    expect(rows[3]).toMatchObject({ facility: null, meanPoints: null, discrimination: null, discriminationIndex27: null, flags: [] });
    expect(rows[2].optionFrequencies).toBeNull();
    expect(rows[3].optionFrequencies).toEqual({ options: [{ id: "true", text: null, correct: true, count: 0 }, { id: "false", text: null, correct: false, count: 0 }], noAnswer: 0 });
  });

  it("the rest score is a share of the rest's maximum, so attempts with different draws compare fairly", () => {
    const q = tf("q", true);
    const big: ExamItemDef = { ...tf("big", true), points: 4 };
    const small = tf("small", true);
    // Rest shares: s1 = 4/4 = 1, s2 = 0/1 = 0, s3 = 1/1 = 1, s4 = 0/4 = 0; q = 1, 0, 1, 0 → r = 1 exactly
    // (raw rest points 4, 0, 1, 0 would give r ≈ 0.76 and reward the draw, not the learner).
    const attempts = [attempt("s1", [q, big], [1, 4]), attempt("s2", [q, small], [0, 0]), attempt("s3", [q, small], [1, 1]), attempt("s4", [q, big], [0, 0])];
    const [row] = analyseItems({ attempts, items: [q] });
    expect(row.discrimination).toBeCloseTo(1, 10);
  });

  it("the 27 % index: k = 3 of 10, k = 1 of 4, undefined below 4", () => {
    const q = tf("q", true);
    // Totals 100, 90, …, 10 (distinct); q right for 100, 90 | 70, 50 | 30.
    const scores = [1, 1, 0, 1, 0, 1, 0, 1, 0, 0];
    const ten = scores.map((s, i) => attempt(`a${i}`, [q], [s], {}, 100 - 10 * i));
    // Upper 3 (100, 90, 80): 1, 1, 0 → 2/3; lower 3 (30, 20, 10): 1, 0, 0 → 1/3; D = 1/3.
    expect(analyseItems({ attempts: ten, items: [q] })[0].discriminationIndex27).toBeCloseTo(1 / 3, 10);
    // First four (100, 90, 80, 70): upper 100 → 1, lower 70 → 1; D = 0.
    expect(analyseItems({ attempts: ten.slice(0, 4), items: [q] })[0].discriminationIndex27).toBeCloseTo(0, 10);
    // Reversed ranking gives −D.
    const reversed = ten.map((a, i) => ({ ...a, totalPercent: 10 + 10 * i }));
    expect(analyseItems({ attempts: reversed, items: [q] })[0].discriminationIndex27).toBeCloseTo(-1 / 3, 10);
    expect(analyseItems({ attempts: ten.slice(0, 3), items: [q] })[0].discriminationIndex27).toBeNull();
  });

  it("flags too easy, too hard and low discrimination from 10 attempts on", () => {
    const easy = tf("easy", true);
    const hard = tf("hard", true);
    const flat = tf("flat", true);
    const anchor = tf("anchor", true);
    const items = [easy, hard, flat, anchor];
    const anchorScores = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
    const flatScores = [1, 1, 1, 1, 0, 0, 1, 1, 0, 0];
    const attempts = anchorScores.map((s, i) => attempt(`f${i}`, items, [1, 0, flatScores[i], s]));
    const rows = analyseItems({ attempts, items });
    // The rest of "flat" is 1 + 0 + anchor, so r(flat, rest) = r(flat, anchor) = φ of the 2×2 table
    // (both 1: 4, flat only: 2, anchor only: 2, neither: 2) = (4·2 − 2·2) / √(6·4·6·4) = 4/24 ≈ 0.167 < 0.2.
    expect(rows[2].discrimination).toBeCloseTo(1 / 6, 10);
    expect(rows[3].discrimination).toBeCloseTo(1 / 6, 10);
    expect(rows.map((r) => [r.itemId, r.flags])).toEqual([
      ["easy", ["too_easy"]],
      ["hard", ["too_hard"]],
      ["flat", ["low_discrimination"]],
      ["anchor", ["low_discrimination"]],
    ]);
    // Everyone scored the same on "easy": facility 1, no correlation.
    expect(rows[0]).toMatchObject({ facility: 1, discrimination: null });
    // With 9 attempts none of these flags is raised.
    expect(analyseItems({ attempts: attempts.slice(0, 9), items }).map((r) => r.flags)).toEqual([[], [], [], []]);
  });

  it("pearson: exact cases", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1], [1])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe("itemAnalysisCsv", () => {
  const row: ItemAnalysisRow = {
    itemId: "q1",
    type: "single",
    pool: "p1",
    prompt: { fr: 'Choisissez "le bon", puis\nexpliquez', ar: "ما هو النموذج، \"الأفضل\"؟" },
    maxPoints: 1,
    attempts: 12,
    meanPoints: 0.5,
    facility: 0.5,
    discrimination: -0.45643,
    discriminationIndex27: 0.3333333,
    optionFrequencies: {
      options: [
        { id: "a", text: { fr: "Un LLM", ar: "نموذج لغوي" }, correct: true, count: 6 },
        { id: "b", text: { fr: "=SUM(A1)", ar: "جدول" }, correct: false, count: 5 },
      ],
      noAnswer: 1,
    },
    flags: ["negative_discrimination"],
  };
  const open: ItemAnalysisRow = { ...row, itemId: "o1", type: "open", prompt: { fr: "=1+1, expliquez." }, attempts: 0, meanPoints: null, facility: null, discrimination: null, discriminationIndex27: null, optionFrequencies: null, flags: [] };

  it("starts with a BOM, quotes commas, quotes and newlines (RFC 4180), formats numbers and ends lines with CRLF", () => {
    const csv = itemAnalysisCsv([row, open], { language: "fr", separator: "comma" });
    expect(csv.startsWith("\uFEFFItem,Type,Pool,Énoncé,Points max,Tentatives,Points moyens,Facilité,Discrimination,Indice 27 %,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(lines[1]).toBe(
      'q1,single,p1,"Choisissez ""le bon"", puis\nexpliquez",1.00,12,0.50,0.500,-0.456,0.333,a Un LLM (✓): 6; b =SUM(A1): 5,1,negative_discrimination',
    );
    // A text cell that a spreadsheet would take for a formula is prefixed with an apostrophe.
    expect(lines[2]).toBe(`o1,open,p1,"'=1+1, expliquez.",1.00,0,,,,,,,`);
  });

  it("writes Arabic headers and texts unchanged (UTF-8), with the true/false labels of the language", () => {
    const tfRow: ItemAnalysisRow = {
      ...open,
      itemId: "t",
      type: "true_false",
      prompt: { ar: "الذكاء الاصطناعي يفكر؟" },
      optionFrequencies: { options: [{ id: "true", text: null, correct: false, count: 2 }, { id: "false", text: null, correct: true, count: 3 }], noAnswer: 0 },
    };
    const csv = itemAnalysisCsv([row, tfRow], { language: "ar", separator: "comma" });
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0].split(",")[0]).toBe("البند");
    expect(lines[0]).toContain("معامل السهولة");
    expect(lines[1]).toContain('"ما هو النموذج، ""الأفضل""؟"');
    expect(lines[1]).toContain("a نموذج لغوي (✓): 6; b جدول: 5");
    expect(lines[2]).toContain("الذكاء الاصطناعي يفكر؟");
    expect(lines[2]).toContain("صحيح: 2; خطأ (✓): 3");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("uses semicolons and decimal commas for French Excel", () => {
    const lines = itemAnalysisCsv([row], { language: "fr", separator: "semicolon" }).slice(1).split("\r\n");
    expect(lines[0]?.startsWith("Item;Type;Pool;Énoncé;Points max;")).toBe(true);
    expect(lines[1]).toBe('q1;single;p1;"Choisissez ""le bon"", puis\nexpliquez";1,00;12;0,50;0,500;-0,456;0,333;"a Un LLM (✓): 6; b =SUM(A1): 5";1;negative_discrimination');
  });
});
