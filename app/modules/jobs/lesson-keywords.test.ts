import { describe, expect, it } from "vitest";
import { loadCurriculum } from "~/modules/catalog/content/load";
import { suggestSkillsByKeywords } from "./keyword-suggester";
import { mineLessonKeywords, withLessonKeywords, type LessonText } from "./lesson-keywords";
import { SKILL_KEYWORDS } from "./skill-keywords";

const body = (...sentences: string[]) => sentences.join(" ");

describe("mineLessonKeywords", () => {
  const lessons: LessonText[] = [
    { skills: ["tourism"], language: "fr", body: body("La tarification dynamique change les prix.", "Une tarification dynamique juste.", "Huile d'argan, huile d'argan, huile d'argan.") },
    { skills: ["tourism"], language: "fr", body: body("Expliquer la tarification dynamique aux clients.", "La qualité des données compte.") },
    { skills: ["analysis"], language: "fr", body: body("La qualité des données d'abord, sur le tableau de bord.", "La qualité des données ensuite.", "La qualité des données enfin.") },
    { skills: ["analysis"], language: "fr", body: body("Nettoyer le tableau de bord.", "La qualité des données, encore.", "Un tableau de bord, deux tableaux de bord.") },
    { skills: ["tourism"], language: "en", body: body("Dynamic pricing here.", "Dynamic pricing there.") },
    { skills: ["tourism"], language: "en", body: body("Dynamic pricing, with care.", "See https://example.org/dynamic-pricing") },
  ];
  const mined = mineLessonKeywords(lessons);

  it("keeps phrases several lessons of a skill use and the others hardly do", () => {
    expect(mined.tourism.fr).toContain("tarification dynamique");
    expect(mined.tourism.en).toEqual(["dynamic pricing"]);
    // Used mostly by the other skill's lessons (4 of 5 uses): not the tourism skill's vocabulary.
    expect(mined.tourism.fr).not.toContain("qualite des donnees");
    expect(mined.analysis.fr).toContain("qualite des donnees");
  });

  it("leaves out one lesson's worked example, single words, grammatical edges and languages without lessons", () => {
    expect(mined.tourism.fr).not.toContain("huile d argan");
    expect(mined.analysis.fr).toContain("tableau de bord");
    for (const lists of Object.values(mined)) {
      for (const phrase of [...lists.fr, ...lists.ar, ...lists.en]) {
        expect(phrase.split(" ").length).toBeGreaterThanOrEqual(2);
        expect(phrase).not.toMatch(/^(la|le|des|de|the|with) |(la|le|des|de|the) $/);
      }
    }
    expect(mined.tourism.ar).toEqual([]);
  });

  it("adds mined phrases after the written ones, without repeating them", () => {
    const merged = withLessonKeywords({ tourism: { fr: ["Tarification dynamique", "hôtel"], ar: [], en: [] } }, mined);
    expect(merged.tourism.fr.filter((p) => p.toLowerCase().startsWith("tarification"))).toEqual(["Tarification dynamique"]);
    expect(merged.tourism.fr[1]).toBe("hôtel");
    expect(merged.analysis.fr).toContain("tableau de bord");
  });
});

describe("the lists grown from the real lessons", () => {
  it("suggest a skill from words its lessons teach that the written lists lack", async () => {
    const { curriculum } = await loadCurriculum("content");
    const lessons = curriculum.courses.flatMap((course) =>
      course.lessons.flatMap((lesson) => Object.values(lesson.translations).map((t) => ({ skills: t.skills, language: t.language, body: t.body }))),
    );
    const keywords = withLessonKeywords(SKILL_KEYWORDS, mineLessonKeywords(lessons));
    const skills = curriculum.skills.map((s) => ({ id: s.id, label: s.label }));
    const text = "Agent d'accueil pour le service de l'état civil : saisie des actes, transcription automatique des registres.";
    const written = suggestSkillsByKeywords({ text, skills }).map((s) => s.skillId);
    const grown = suggestSkillsByKeywords({ text, skills, keywords });
    expect(written).not.toContain("ai-public-services");
    expect(grown.find((s) => s.skillId === "ai-public-services")?.matched).toEqual(expect.arrayContaining(["etat civil"]));
    // Every mined phrase belongs to a skill of the taxonomy.
    const ids = new Set(curriculum.skills.map((s) => s.id));
    expect(Object.keys(keywords).every((id) => ids.has(id))).toBe(true);
  });
});
