import { describe, expect, it } from "vitest";
import { matchesQuery, normalizeForSearch } from "./search";

describe("normalizeForSearch", () => {
  it("drops French accents and case", () => {
    expect(normalizeForSearch("Données Personnelles  ÉTHIQUE")).toBe("donnees personnelles ethique");
  });
  it("unifies Arabic alef and hamza forms, yaa, taa marbuta, and drops diacritics and tatweel", () => {
    expect(normalizeForSearch("الإدارة")).toBe(normalizeForSearch("الادارة"));
    expect(normalizeForSearch("أساسيّات")).toBe("اساسيات");
    expect(normalizeForSearch("الذكـــاء")).toBe("الذكاء");
    expect(normalizeForSearch("مستوى")).toBe(normalizeForSearch("مستوي"));
    expect(normalizeForSearch("فلاحة")).toBe(normalizeForSearch("فلاحه"));
  });
});

describe("matchesQuery", () => {
  it("needs every word, in any order", () => {
    expect(matchesQuery("AI in agriculture and agritech", "agritech ai")).toBe(true);
    expect(matchesQuery("AI in agriculture and agritech", "tourism ai")).toBe(false);
  });
  it("finds Arabic text typed without hamza", () => {
    expect(matchesQuery("أساسيات الذكاء الاصطناعي", "اساسيات")).toBe(true);
  });
  it("matches everything for an empty query", () => {
    expect(matchesQuery("anything", "   ")).toBe(true);
  });
});
