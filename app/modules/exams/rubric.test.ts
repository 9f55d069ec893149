import { describe, expect, it } from "vitest";
import type { ContentLanguage } from "../catalog/content/types";
import { suggestRubricScore } from "./rubric";
import { openItem } from "./test-fixtures";

const rubric = openItem.rubric;

describe("suggestRubricScore", () => {
  it("scores an English answer criterion by criterion", () => {
    const suggestion = suggestRubricScore({
      rubric,
      language: "en",
      text: "First I confirm each figure at the Official Source (the ministry's website). Then I open both reports. Finally I add a note.",
    });
    expect(suggestion.criteria).toEqual([
      { id: "r1", points: 1, maxPoints: 1, matchedKeywords: ["official source", "ministry"] },
      { id: "r2", points: 1, maxPoints: 1, matchedKeywords: ["report"] },
      { id: "r3", points: 0, maxPoints: 1, matchedKeywords: [] },
      { id: "r4", points: 0, maxPoints: 1, matchedKeywords: [] },
    ]);
    expect([suggestion.points, suggestion.maxPoints]).toEqual([2, 4]);
    expect(suggestion.justification).toMatch(/^Keyword-based suggestion/);
    expect(suggestion.justification).toContain("2 of 4 criteria matched, 2/4 points");
    expect(suggestion.justification).toContain('r1 ("official source", "ministry")');
    expect(suggestion.justification).toContain("No keyword found for: r3, r4.");
    expect(suggestion.justification).toContain("An instructor must confirm");
  });

  it("scores an Arabic answer despite hamza forms, diacritics, tatweel and attached prefixes", () => {
    const suggestion = suggestRubricScore({
      rubric,
      language: "ar",
      // "I verify each number with the official source at the ministry, and I open the report, and I delete
      //  the quotation if I do not find it, then I request approval." — written with variants on purpose.
      text: "أتحقق من كل رقم لدى المصدرِ الرسمي بالوزارة، وأفتح والتقرير، وأحذف الاقتبـــاس إن لم أجده، ثم أطلب المصادَقة.",
    });
    expect(suggestion.criteria.map((criterion) => [criterion.id, criterion.points, criterion.matchedKeywords])).toEqual(
      [
        ["r1", 1, ["مصدر رسمي", "الوزارة"]],
        ["r2", 1, ["التقرير"]],
        ["r3", 1, ["الاقتباس"]],
        ["r4", 1, ["المصادقة"]],
      ]
    );
    expect([suggestion.points, suggestion.maxPoints]).toEqual([4, 4]);
    expect(suggestion.justification).toContain("4 of 4 criteria matched, 4/4 points");
  });

  it("matches whole words and phrases only, not substrings of other words", () => {
    const suggestion = suggestRubricScore({
      rubric,
      language: "en",
      text: "The payment was unofficial; sources were quoted; the reportage was good.",
    });
    // "pay" ⊂ "payment", "report" ⊂ "reportage", "quote" ≠ "quoted", "official source" ≠ "unofficial; sources".
    expect(suggestion.criteria.map((criterion) => criterion.points)).toEqual([0, 0, 0, 0]);
    expect(suggestion.points).toBe(0);
  });

  it("falls back to the keywords of other languages when none in the answer's language matches", () => {
    const suggestion = suggestRubricScore({
      rubric,
      language: "fr",
      text: "Je vérifie la citation. Then I check the official source.",
    });
    expect(suggestion.criteria.map((criterion) => [criterion.id, criterion.matchedKeywords])).toEqual([
      ["r1", ["official source"]],
      ["r2", []],
      ["r3", ["citation"]],
      ["r4", []],
    ]);
  });

  it("handles French elision and accents", () => {
    const suggestion = suggestRubricScore({
      rubric,
      language: "fr",
      text: "J’indique l'usage de l’IA et je fais VALIDER ; les références sont vérifiées.",
    });
    expect(suggestion.criteria.map((criterion) => [criterion.id, criterion.matchedKeywords])).toEqual([
      ["r1", []],
      ["r2", ["référence"]],
      ["r3", []],
      ["r4", ["usage de l'IA", "valider"]],
    ]);
  });

  it("suggests 0 for an empty answer and survives an unreadable rubric", () => {
    const empty = suggestRubricScore({ rubric, language: "en", text: "  " });
    expect([empty.points, empty.maxPoints]).toEqual([0, 4]);
    expect(empty.justification).toContain("the answer is empty");
    const broken = suggestRubricScore({ rubric: "nope", language: "en", text: "official source" });
    expect(broken).toMatchObject({ points: 0, maxPoints: 0, criteria: [] });
    expect(broken.justification).toMatch(/^Keyword-based suggestion/);
  });

  it("is deterministic", () => {
    const language: ContentLanguage = "en";
    const input = { rubric, language, text: "official source, report, quote, approval" };
    expect(suggestRubricScore(input)).toEqual(suggestRubricScore(input));
  });
});
