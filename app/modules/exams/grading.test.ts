import { describe, expect, it } from "vitest";
import type { ContentLanguage, ExamItemDef } from "../catalog/content/types";
import { gradeAttempt, gradeItem, parseNumericAnswer, roundPoints, type ItemGrade } from "./grading";
import {
  exactNumericItem,
  matchingItem,
  multiplePartialItem,
  multipleStrictItem,
  numericItem,
  openItem,
  orderingItem,
  pools,
  shortTextItem,
  singleItem,
  trueFalseItem,
} from "./test-fixtures";

const grade = (item: ExamItemDef, response: unknown) => gradeItem({ item, response, language: "fr" });
const outcome = (g: ItemGrade) => [g.points, g.status];

/** Inputs a browser (or an attacker) might send instead of a well-formed response. */
const MALFORMED: unknown[] = [
  undefined,
  null,
  "",
  "b",
  42,
  true,
  [],
  ["b"],
  {},
  { optionId: null },
  { optionIds: "a" },
  { value: null },
  { text: 12 },
  { order: "s1,s2" },
  { pairs: [] },
  Object.create(null),
];

describe("gradeItem — every type never throws on malformed responses", () => {
  const closed = [
    singleItem,
    multiplePartialItem,
    multipleStrictItem,
    trueFalseItem,
    numericItem,
    shortTextItem,
    orderingItem,
    matchingItem,
    openItem,
  ];
  for (const item of closed) {
    it(`${item.type} (${item.id}) → unanswered with 0 points`, () => {
      for (const response of MALFORMED) {
        const result = grade(item, response);
        expect(result).toEqual({
          itemId: item.id,
          type: item.type,
          maxPoints: item.points,
          points: 0,
          status: "unanswered",
        });
      }
    });
  }
});

describe("gradeItem — single", () => {
  it("gives full points only for the correct option", () => {
    expect(grade(singleItem, { optionId: "b" })).toEqual({
      itemId: "t-single",
      type: "single",
      maxPoints: 1,
      points: 1,
      status: "correct",
    });
    expect(outcome(grade(singleItem, { optionId: "a" }))).toEqual([0, "incorrect"]);
  });
  it("treats an id that is not an option as unanswered", () => {
    expect(outcome(grade(singleItem, { optionId: "z" }))).toEqual([0, "unanswered"]);
    expect(outcome(grade(singleItem, { optionId: "B" }))).toEqual([0, "unanswered"]);
  });
});

describe("gradeItem — multiple, partial scoring (3 correct of 5, 3 points: 1 point per right choice)", () => {
  const cases: Array<[string[], number, string]> = [
    [["a", "b", "c"], 3, "correct"],
    [["c", "b", "a"], 3, "correct"],
    [["a"], 1, "partial"],
    [["a", "b"], 2, "partial"],
    [["a", "b", "c", "d"], 2, "partial"],
    [["a", "d"], 0, "incorrect"],
    [["a", "d", "e"], 0, "incorrect"], // floor 0, never negative
    [["d"], 0, "incorrect"],
    [["a", "b", "c", "d", "e"], 1, "partial"],
    [["a", "a", "a"], 1, "partial"], // duplicates count once
    [["a", "zz"], 1, "partial"], // unknown ids ignored
  ];
  for (const [optionIds, points, status] of cases) {
    it(`${JSON.stringify(optionIds)} → ${points} (${status})`, () => {
      expect(outcome(grade(multiplePartialItem, { optionIds }))).toEqual([points, status]);
    });
  }
  it("treats an empty selection or only unknown ids as unanswered", () => {
    expect(outcome(grade(multiplePartialItem, { optionIds: [] }))).toEqual([0, "unanswered"]);
    expect(outcome(grade(multiplePartialItem, { optionIds: ["zz"] }))).toEqual([0, "unanswered"]);
    expect(outcome(grade(multiplePartialItem, { optionIds: ["a", 3] }))).toEqual([0, "unanswered"]);
  });
  it("rounds thirds to 2 decimals", () => {
    const twoPoints: ExamItemDef = { ...multiplePartialItem, points: 2 };
    expect(outcome(grade(twoPoints, { optionIds: ["a"] }))).toEqual([0.67, "partial"]);
    expect(outcome(grade(twoPoints, { optionIds: ["a", "b"] }))).toEqual([1.33, "partial"]);
    expect(outcome(grade(twoPoints, { optionIds: ["a", "b", "c"] }))).toEqual([2, "correct"]);
  });
});

describe("gradeItem — multiple, all or nothing", () => {
  it("gives full points only for exactly the correct set", () => {
    expect(outcome(grade(multipleStrictItem, { optionIds: ["c", "a", "b"] }))).toEqual([3, "correct"]);
    expect(outcome(grade(multipleStrictItem, { optionIds: ["a", "b"] }))).toEqual([0, "incorrect"]);
    expect(outcome(grade(multipleStrictItem, { optionIds: ["a", "b", "c", "d"] }))).toEqual([0, "incorrect"]);
  });
});

describe("gradeItem — true/false", () => {
  it("compares with the answer, also from form strings", () => {
    expect(outcome(grade(trueFalseItem, { value: false }))).toEqual([1, "correct"]);
    expect(outcome(grade(trueFalseItem, { value: true }))).toEqual([0, "incorrect"]);
    expect(outcome(grade(trueFalseItem, { value: "false" }))).toEqual([1, "correct"]);
    expect(outcome(grade(trueFalseItem, { value: "no" }))).toEqual([0, "unanswered"]);
  });
});

describe("gradeItem — numeric", () => {
  it("accepts values within the tolerance, inclusive, despite binary floating point", () => {
    for (const value of [0.49, 0.48, 0.5, "0,5", "0,48", " 0.49 ", "٠٫٤٩"]) {
      expect(outcome(grade(numericItem, { value }))).toEqual([2, "correct"]);
    }
  });
  it("rejects values outside the tolerance", () => {
    for (const value of [0.47, 0.51, 0.5000001, -0.49, "49"]) {
      expect(outcome(grade(numericItem, { value }))).toEqual([0, "incorrect"]);
    }
  });
  it("handles a zero tolerance and thousands separators", () => {
    for (const value of [38000, "38000", "38 000", "38\u202f000", "38,000.0", "38.000,0"]) {
      expect(outcome(grade(exactNumericItem, { value }))).toEqual([1, "correct"]);
    }
    expect(outcome(grade(exactNumericItem, { value: 38000.5 }))).toEqual([0, "incorrect"]);
    // A lone separator is a decimal separator (French usage), so "38.000" reads as 38.
    expect(outcome(grade(exactNumericItem, { value: "38.000" }))).toEqual([0, "incorrect"]);
  });
  it("treats text that is not a number as unanswered", () => {
    for (const value of ["", "  ", "abc", "12abc", "1e3", "1,2,3.4", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(outcome(grade(numericItem, { value }))).toEqual([0, "unanswered"]);
    }
  });
});

describe("parseNumericAnswer", () => {
  it("reads numbers the way learners type them", () => {
    expect(parseNumericAnswer("12,5")).toBe(12.5);
    expect(parseNumericAnswer("12.5")).toBe(12.5);
    expect(parseNumericAnswer(" -3 ")).toBe(-3);
    expect(parseNumericAnswer("−3,25")).toBe(-3.25);
    expect(parseNumericAnswer("+7")).toBe(7);
    expect(parseNumericAnswer(".5")).toBe(0.5);
    expect(parseNumericAnswer("20 %")).toBe(20);
    expect(parseNumericAnswer("٢٠٪")).toBe(20);
    expect(parseNumericAnswer("١٢٫٥")).toBe(12.5);
    expect(parseNumericAnswer("۱۲")).toBe(12);
    expect(parseNumericAnswer("1 234,5")).toBe(1234.5);
    expect(parseNumericAnswer("1.234,5")).toBe(1234.5);
    expect(parseNumericAnswer("1,234.5")).toBe(1234.5);
    expect(parseNumericAnswer("1,000,000")).toBe(1000000);
    expect(parseNumericAnswer(3)).toBe(3);
  });
  it("returns null for anything else", () => {
    for (const value of [
      "",
      "-",
      ".",
      "1e3",
      "0x10",
      "12 kg",
      "1.2.3,4",
      "1,2,3.4",
      "12 5",
      "1,23,456",
      "1.000,5,6",
      "- 3",
      null,
      undefined,
      {},
      [],
      Number.NaN,
    ]) {
      expect(parseNumericAnswer(value)).toBeNull();
    }
  });
});

describe("gradeItem — short text", () => {
  it("matches an accepted answer ignoring case, accents, punctuation and spacing", () => {
    for (const text of [
      "apprentissage supervisé",
      "Apprentissage  SUPERVISE.",
      "« apprentissage supervisé »",
      "CNDP",
      "c.n.d.p",
    ]) {
      expect(outcome(grade(shortTextItem, { text }))).toEqual([1, "correct"]);
    }
  });
  it("accepts an answer written in any language of the item", () => {
    expect(outcome(grade(shortTextItem, { text: "Supervised learning" }))).toEqual([1, "correct"]);
    expect(outcome(grade(shortTextItem, { text: "التعلم الخاضع للاشراف" }))).toEqual([1, "correct"]);
    expect(
      gradeItem({ item: shortTextItem, response: { text: "apprentissage supervise" }, language: "ar" }).status
    ).toBe("correct");
  });
  it("matches Arabic across hamza forms, diacritics and tatweel", () => {
    for (const text of ["التَّعَلُّمُ الخَاضِعُ لِلإِشْرَافِ", "التعلـــم الخاضع للإشراف", "المسوولية", "المسؤوليه؟"]) {
      expect(outcome(grade(shortTextItem, { text }))).toEqual([1, "correct"]);
    }
  });
  it("rejects other answers and treats blank text as unanswered", () => {
    expect(outcome(grade(shortTextItem, { text: "apprentissage non supervisé" }))).toEqual([0, "incorrect"]);
    expect(outcome(grade(shortTextItem, { text: "supervised" }))).toEqual([0, "incorrect"]);
    expect(outcome(grade(shortTextItem, { text: " ?! " }))).toEqual([0, "unanswered"]);
  });
});

describe("gradeItem — ordering (4 entries, 2 points: 0.5 per entry in its correct position)", () => {
  const cases: Array<[string[], number, string]> = [
    [["s1", "s2", "s3", "s4"], 2, "correct"],
    [["s1", "s2", "s4", "s3"], 1, "partial"],
    [["s1", "s3", "s2", "s4"], 1, "partial"],
    [["s2", "s3", "s4", "s1"], 0, "incorrect"], // everything shifted by one: no absolute position right
    [["s4", "s2", "s3", "s1"], 1, "partial"],
    [["s1", "s3", "s4", "s2"], 0.5, "partial"],
    [["s4", "s3", "s2", "s1"], 0, "incorrect"],
  ];
  for (const [order, points, status] of cases) {
    it(`${order.join(" ")} → ${points} (${status})`, () => {
      expect(outcome(grade(orderingItem, { order }))).toEqual([points, status]);
    });
  }
  it("treats an order that is not a permutation of the entries as unanswered", () => {
    for (const order of [
      [],
      ["s1", "s2", "s3"],
      ["s1", "s1", "s1", "s1"],
      ["s1", "s2", "s3", "s9"],
      ["s1", "s2", "s3", "s4", "s4"],
    ]) {
      expect(outcome(grade(orderingItem, { order }))).toEqual([0, "unanswered"]);
    }
  });
});

describe("gradeItem — matching (4 pairs, 2 points: 0.5 per correct pair)", () => {
  it("gives credit in proportion to correctly matched pairs", () => {
    expect(outcome(grade(matchingItem, { pairs: { p1: "p1", p2: "p2", p3: "p3", p4: "p4" } }))).toEqual([2, "correct"]);
    expect(outcome(grade(matchingItem, { pairs: { p1: "p1", p2: "p2", p3: "p4", p4: "p3" } }))).toEqual([1, "partial"]);
    expect(outcome(grade(matchingItem, { pairs: { p1: "p1" } }))).toEqual([0.5, "partial"]);
    expect(outcome(grade(matchingItem, { pairs: { p1: "p2", p2: "p1" } }))).toEqual([0, "incorrect"]);
    // The same right chosen for every left earns at most one pair.
    expect(outcome(grade(matchingItem, { pairs: { p1: "p1", p2: "p1", p3: "p1", p4: "p1" } }))).toEqual([
      0.5,
      "partial",
    ]);
  });
  it("ignores unknown lefts, non-string rights and inherited keys", () => {
    expect(outcome(grade(matchingItem, { pairs: { p1: "p1", zz: "p2", p2: 2, toString: "p3" } }))).toEqual([
      0.5,
      "partial",
    ]);
    expect(outcome(grade(matchingItem, { pairs: { zz: "p1", p2: null } }))).toEqual([0, "unanswered"]);
    expect(outcome(grade(matchingItem, { pairs: {} }))).toEqual([0, "unanswered"]);
  });
});

describe("gradeItem — open", () => {
  it("needs review with 0 points whatever the text; blank text is unanswered", () => {
    expect(grade(openItem, { text: "I check every figure at the official source." })).toEqual({
      itemId: "t-open",
      type: "open",
      maxPoints: 4,
      points: 0,
      status: "needs_review",
    });
    expect(outcome(grade(openItem, { text: "   " }))).toEqual([0, "unanswered"]);
  });
});

describe("gradeItem — broken item definitions", () => {
  it("asks for a human review instead of throwing", () => {
    const broken: ExamItemDef = { ...singleItem, id: "broken", options: "nope" };
    expect(grade(broken, { optionId: "a" })).toEqual({
      itemId: "broken",
      type: "single",
      maxPoints: 1,
      points: 0,
      status: "needs_review",
    });
    const twoCorrect: ExamItemDef = {
      ...singleItem,
      id: "two-correct",
      options: [
        { id: "a", text: { en: "A" }, correct: true },
        { id: "b", text: { en: "B" }, correct: true },
      ],
    };
    expect(grade(twoCorrect, { optionId: "a" }).status).toBe("needs_review");
  });
});

describe("roundPoints", () => {
  it("rounds to 2 decimals", () => {
    expect(roundPoints(2 / 3)).toBe(0.67);
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
    expect(roundPoints(Number.NaN)).toBe(0);
  });
});

describe("gradeAttempt", () => {
  const items = [singleItem, multiplePartialItem, numericItem, orderingItem, matchingItem];
  // Max: 1 + 3 + 2 + 2 + 2 = 10.

  it("totals the points, the percent, the pass decision and the per-skill breakdown", () => {
    const result = gradeAttempt({
      items,
      pools,
      language: "fr",
      passMarkPercent: 70,
      responses: {
        "t-single": { optionId: "b" }, // 1/1
        "t-multiple-partial": { optionIds: ["a", "b"] }, // 2/3
        "t-numeric": { value: "0,49" }, // 2/2
        "t-ordering": { order: ["s1", "s2", "s4", "s3"] }, // 1/2
        // t-matching missing → unanswered 0/2
      },
    });
    expect(result.grades.map((g) => [g.itemId, g.points, g.status])).toEqual([
      ["t-single", 1, "correct"],
      ["t-multiple-partial", 2, "partial"],
      ["t-numeric", 2, "correct"],
      ["t-ordering", 1, "partial"],
      ["t-matching", 0, "unanswered"],
    ]);
    expect(result.points).toBe(6);
    expect(result.maxPoints).toBe(10);
    expect(result.percent).toBe(60);
    expect(result.isPassed).toBe(false);
    expect(result.perSkill).toEqual([
      { skill: "ai-concepts", points: 3, maxPoints: 4 },
      { skill: "data-literacy", points: 2, maxPoints: 2 },
      { skill: "llm-fundamentals", points: 1, maxPoints: 4 },
    ]);
  });

  it("passes at exactly the pass mark", () => {
    const result = gradeAttempt({
      items,
      pools,
      language: "ar",
      passMarkPercent: 70,
      responses: {
        "t-single": { optionId: "b" },
        "t-multiple-partial": { optionIds: ["a", "b", "c"] },
        "t-numeric": { value: 0.49 },
        "t-ordering": { order: ["s1", "s2", "s4", "s3"] },
      },
    });
    expect([result.points, result.percent, result.isPassed]).toEqual([7, 70, true]);
  });

  it("leaves the pass decision open while an open answer awaits review, then applies the reviewer's score", () => {
    const language: ContentLanguage = "en";
    const input = {
      items: [singleItem, openItem],
      pools,
      language,
      passMarkPercent: 50,
      responses: { "t-single": { optionId: "b" }, "t-open": { text: "I would check the sources." } },
    };
    const pending = gradeAttempt(input);
    expect([pending.points, pending.maxPoints, pending.percent, pending.isPassed]).toEqual([1, 5, 20, null]);
    expect(pending.grades[1].status).toBe("needs_review");

    const reviewed = gradeAttempt({ ...input, reviewedPoints: { "t-open": 2.5, "t-single": 0 } });
    expect(reviewed.grades.map((g) => [g.points, g.status])).toEqual([
      [1, "correct"], // a reviewed score for an auto-graded item is ignored
      [2.5, "partial"],
    ]);
    expect([reviewed.points, reviewed.percent, reviewed.isPassed]).toEqual([3.5, 70, true]);
    expect(reviewed.perSkill).toEqual([
      { skill: "ai-concepts", points: 1, maxPoints: 1 },
      { skill: "output-verification", points: 2.5, maxPoints: 4 },
    ]);

    const clamped = gradeAttempt({ ...input, reviewedPoints: { "t-open": 99 } });
    expect(clamped.grades[1]).toMatchObject({ points: 4, status: "correct" });
    const zero = gradeAttempt({ ...input, reviewedPoints: { "t-open": -3 } });
    expect(zero.grades[1]).toMatchObject({ points: 0, status: "incorrect" });
  });

  it("does not wait for review of a blank open answer", () => {
    const result = gradeAttempt({
      items: [singleItem, openItem],
      pools,
      language: "fr",
      passMarkPercent: 20,
      responses: { "t-single": { optionId: "b" } },
    });
    expect(result.grades[1].status).toBe("unanswered");
    expect(result.isPassed).toBe(true);
  });

  it("handles an empty attempt, a hostile responses object and an item outside the listed pools", () => {
    expect(gradeAttempt({ items: [], pools, language: "fr", passMarkPercent: 70, responses: {} })).toEqual({
      grades: [],
      points: 0,
      maxPoints: 0,
      percent: 0,
      isPassed: false,
      perSkill: [],
    });
    const stray: ExamItemDef = { ...trueFalseItem, id: "stray", pool: "nowhere" };
    const hostile: Record<string, unknown> = JSON.parse('{"__proto__": {"value": false}, "stray": {"value": "false"}}');
    const result = gradeAttempt({ items: [stray], pools, language: "fr", passMarkPercent: 70, responses: hostile });
    expect(result.perSkill).toEqual([{ skill: "nowhere", points: 1, maxPoints: 1 }]);
    expect(result.isPassed).toBe(true);
  });
});
