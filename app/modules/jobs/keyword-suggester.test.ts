import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { mentions, suggestSkillsByKeywords, type TaxonomySkill, tokenize } from "./keyword-suggester";
import { SKILL_KEYWORDS } from "./skill-keywords";

// The real taxonomy, so the keyword lists are tested against the labels employers will see.
type SkillsFile = { skills: Array<{ id: string; label: { fr: string; ar: string; en: string } }> };
const skillsFile: SkillsFile = parse(fs.readFileSync(path.resolve("content", "skills.yaml"), "utf8"));
const skills: TaxonomySkill[] = skillsFile.skills.map((s) => ({ id: s.id, label: s.label }));
const ids = (text: string) => suggestSkillsByKeywords({ text, skills }).map((s) => s.skillId);

describe("keyword lists", () => {
  it("cover every skill of content/skills.yaml in fr, ar and en, and nothing else", () => {
    expect(Object.keys(SKILL_KEYWORDS).sort()).toEqual(skills.map((s) => s.id).sort());
    for (const [id, lists] of Object.entries(SKILL_KEYWORDS)) {
      for (const language of ["fr", "ar", "en"] as const) expect(lists[language].length, `${id} ${language}`).toBeGreaterThan(0);
    }
  });

  it("hold no variant, within one language, that the matching rules already cover", () => {
    const redundant: string[] = [];
    for (const [id, lists] of Object.entries(SKILL_KEYWORDS)) {
      for (const phrases of [lists.fr, lists.ar, lists.en]) {
        for (const a of phrases) {
          for (const b of phrases) {
            if (a !== b && tokenize(a).length === tokenize(b).length && mentions(b, a)) redundant.push(`${id}: "${a}" already matches "${b}"`);
          }
        }
      }
    }
    expect(redundant).toEqual([]);
  });
});

describe("local skill suggester", () => {
  it("ignores case, accents and punctuation, and accepts plurals", () => {
    expect(ids("Nous recrutons un·e chargé·e de DONNEES AGRICOLES : pilotage de l'IRRIGATION, capteurs et parcelles.")).toEqual(["agri-data", "ai-agriculture"]);
    expect(ids("Tableaux de bord sous Power BI ; analyse des données de ventes.")).toEqual(["ai-data-analysis"]);
  });

  it("finds what an SME owner writes: checking the assistant's answers, customer service", () => {
    expect(ids("Vous devrez vérifier les réponses de l'assistant avant envoi et assurer le service clientèle.").sort()).toEqual(["multilingual-service", "output-verification"]);
  });

  it("reads Arabic with attached prefixes, endings and spelling variants", () => {
    // و+ال+سقي, ال+بيانات ال+فلاحية, ل+ل+معطيات; diacritics and hamza forms ignored.
    expect(ids("نبحث عن مسؤول عن البيانات الفلاحيّة والسقي، مع احترام حماية المعطيات الشخصية.")).toEqual(["ai-agriculture", "data-protection", "agri-data"]);
    expect(ids("خدمة الزبناء بالدارجة والأمازيغية في فندق بمراكش")).toEqual(["multilingual-service", "ai-tourism", "language-data"]);
  });

  it("reads English", () => {
    expect(ids("Hotel front desk agent: bookings, guest reviews, customer service in Darija and French.")).toEqual(["ai-tourism", "multilingual-service", "language-data"]);
  });

  it("counts each stretch of text once, whichever phrases or languages match it", () => {
    // "protection des données personnelles" holds two keywords; "hotel" is both French and English.
    expect(suggestSkillsByKeywords({ text: "Protection des données personnelles.", skills })).toEqual([{ skillId: "data-protection", matched: ["protection des données"] }]);
    expect(suggestSkillsByKeywords({ text: "Réception d'hôtel", skills })).toEqual([{ skillId: "ai-tourism", matched: ["hôtel"] }]);
  });

  it("says which phrases suggested each skill, most mentioned first", () => {
    const found = suggestSkillsByKeywords({ text: "Protection des données personnelles, loi 09-08 et déclarations à la CNDP. Conformité et audit.", skills });
    expect(found).toEqual([
      { skillId: "data-protection", matched: ["Protection des données personnelles (loi 09-08)", "CNDP"] },
      { skillId: "ai-risk-management", matched: ["conformité", "audit"] },
    ]);
  });

  it("matches a skill's own label even without a keyword entry, and whole words only", () => {
    const custom: TaxonomySkill[] = [{ id: "beekeeping", label: { fr: "Apiculture de précision" } }];
    expect(suggestSkillsByKeywords({ text: "Projet d'APICULTURE DE PRECISION à Ifrane", skills: custom, keywords: {} })).toEqual([{ skillId: "beekeeping", matched: ["Apiculture de précision"] }]);
    // "rag" (retrieval-augmented generation) must not fire inside "garage" or "outrage".
    expect(ids("Mécanicien de garage, outrage, storage")).not.toContain("rag-knowledge");
  });

  it("suggests nothing for an unrelated or empty text, and at most eight skills", () => {
    expect(ids("Boulanger pâtissier, travail de nuit.")).toEqual([]);
    expect(ids("   ")).toEqual([]);
    const everything = skills.map((s) => s.label.fr).join(". ");
    expect(ids(everything)).toHaveLength(8);
  });

  it("tokenizes to normalised words", () => {
    expect(tokenize("L'IA générative — «ChatGPT» !")).toEqual(["l", "ia", "generative", "chatgpt"]);
    expect(tokenize("الذَّكاء الاصطناعيّ")).toEqual(["الذكاء", "الاصطناعي"]);
  });
});
