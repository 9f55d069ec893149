import { describe, expect, it } from "vitest";
import { optionLetterReferences } from "./explanations";

describe("explanations name options by their content", () => {
  const ids = ["a", "b", "c", "d"];
  it("finds letter references in French, English and Arabic", () => {
    expect(optionLetterReferences("La bonne réponse est (c) : le contexte.", ids)).toEqual(["(c)"]);
    expect(optionLetterReferences("Answer b is wrong because…", ids)).toEqual(["Answer b"]);
    expect(optionLetterReferences("الخيار (a) خاطئ", ids)).toEqual(["الخيار (a)"]);
    expect(optionLetterReferences("Réponses a et b", ids)).toEqual(["Réponses a"]);
  });
  it("leaves law paragraphs and ordinary words alone", () => {
    expect(optionLetterReferences("le droit d'accès (article 7(c)) et l'article 7, c", ids)).toEqual([]);
    expect(optionLetterReferences("an answer based on the options below", ids)).toEqual([]);
    expect(optionLetterReferences("Option A est correcte", ["opt-1", "opt-2"])).toEqual([]);
  });
});
