import { describe, expect, it } from "vitest";
import { prepareForIndex, stripArabicClitics } from "./text";

describe("retrieval text preparation", () => {
  it("strips the Arabic article and the clitics before it, keeping short words whole", () => {
    expect(stripArabicClitics("والمعطيات")).toBe("معطيات");
    expect(stripArabicClitics("بالذكاء")).toBe("ذكاء");
    expect(stripArabicClitics("للمتعلمين")).toBe("متعلمين");
    expect(stripArabicClitics("الاصطناعي")).toBe("اصطناعي");
    expect(stripArabicClitics("وزارة")).toBe("وزارة");
    expect(stripArabicClitics("الى")).toBe("الى");
  });
  it("unifies diacritics, tatweel and letter variants before stemming, in every language", () => {
    expect(prepareForIndex("الذَّكاءُ الاصطـناعيّ وإدارة المعلومة", "ar")).toBe("ذكاء اصطناعي واداره معلومه");
    expect(prepareForIndex("Données PERSONNELLES vérifiées", "fr")).toBe("donnees personnelles verifiees");
    expect(prepareForIndex("Hallucination", "en")).toBe("hallucination");
  });
});
