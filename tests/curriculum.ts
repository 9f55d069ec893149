import type { CourseDef, Curriculum, LessonDef } from "~/modules/catalog/content/types";

function lesson(id: string, moduleId: string, position: number, languages: Array<"fr" | "ar" | "en">): LessonDef {
  return {
    id,
    moduleId,
    position,
    translations: Object.fromEntries(
      languages.map((language) => [
        language,
        {
          language,
          file: `courses/x/lessons/${id}.${language}.md`,
          title: `${id} (${language})`,
          summary: `Résumé ${id}`,
          durationMinutes: 20,
          skills: ["ai-concepts"],
          updated: "2026-11-21",
          sources: [{ title: "CNDP", url: "https://www.cndp.ma" }],
          body: `## ${id}\n\nCorps de la leçon ${id} en ${language}. Voir [la suite](lesson:${id === "l1" ? "l2" : "l1"}).`,
        },
      ]),
    ),
  };
}

/** A small two-course curriculum for tests: tier 1 in fr/ar/en, tier 2 (needs tier 1) in fr/en only. */
export function makeCurriculum(): Curriculum {
  const foundations: CourseDef = {
    id: "t1-course",
    dir: "courses/t1-course",
    tier: 1,
    track: null,
    title: { fr: "Fondamentaux", ar: "الأساسيات", en: "Foundations" },
    summary: { fr: "Résumé agriculture", ar: "ملخص", en: "Summary" },
    outcomes: [{ fr: "Expliquer", ar: "أن يشرح", en: "Explain" }],
    skills: ["ai-concepts"],
    durationMinutes: 60,
    languages: ["fr", "ar", "en"],
    prerequisites: [],
    modules: [
      { id: "m1", title: { fr: "Module 1", ar: "الوحدة 1", en: "Module 1" }, lessonIds: ["l1", "l2"] },
      { id: "m2", title: { fr: "Module 2", ar: "الوحدة 2", en: "Module 2" }, lessonIds: ["l3"] },
    ],
    lessons: [lesson("l1", "m1", 0, ["fr", "ar", "en"]), lesson("l2", "m1", 1, ["fr", "ar", "en"]), lesson("l3", "m2", 2, ["fr", "ar", "en"])],
    exam: {
      id: "t1-final",
      file: "courses/t1-course/exam.yaml",
      title: { fr: "Examen", ar: "امتحان", en: "Exam" },
      timeLimitMinutes: 30,
      passMarkPercent: 70,
      attemptsAllowed: 3,
      cooldownHours: 24,
      availableFrom: null,
      availableUntil: null,
      gradeMethod: "highest",
      feedback: "after_submit",
      shuffleOptions: true,
      pools: [{ id: "p1", title: { fr: "P1", ar: "P1", en: "P1" }, skill: "ai-concepts", draw: 1 }],
      items: [{ id: "q1", pool: "p1", type: "true_false", points: 1, prompt: { fr: "Vrai ?", ar: "صحيح؟", en: "True?" }, answer: true }],
      raw: { exam: { id: "t1-final" }, items: [{ id: "q1", answer: true }] },
    },
  };
  const practitioner: CourseDef = {
    ...foundations,
    id: "t2-course",
    dir: "courses/t2-course",
    tier: 2,
    title: { fr: "Praticien", en: "Practitioner" },
    summary: { fr: "Résumé tourisme", en: "Tourism summary" },
    languages: ["fr", "en"],
    prerequisites: ["t1-course"],
    modules: [{ id: "m1", title: { fr: "Module", en: "Module" }, lessonIds: ["l1", "l2"] }],
    lessons: [lesson("l1", "m1", 0, ["fr", "en"]), lesson("l2", "m1", 1, ["fr", "en"])],
    exam: null,
  };
  return {
    skills: [{ id: "ai-concepts", label: { fr: "Notions d'IA", ar: "مفاهيم", en: "AI concepts" }, description: { fr: "d", ar: "d", en: "d" }, esco: null }],
    tiers: [
      { level: 1, id: "foundations", title: { fr: "Fondamentaux", ar: "الأساسيات", en: "Foundations" }, description: { fr: "d", ar: "d", en: "d" } },
      { level: 2, id: "practitioner", title: { fr: "Praticien", ar: "ممارس", en: "Practitioner" }, description: { fr: "d", ar: "d", en: "d" } },
    ],
    courses: [foundations, practitioner],
  };
}
