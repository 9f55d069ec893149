import { describe, expect, it } from "vitest";
import { findGlossaryProblems, type Glossary } from "./glossary";

const glossary: Glossary = {
  terms: [
    { id: "personal-data", ar: "المعطيات الشخصية", fr: "données personnelles", en: "personal data", avoid: ["البيانات الشخصية"] },
    { id: "pseudonymisation", ar: "الترميز", fr: "pseudonymisation", en: "pseudonymisation", avoid: ["التسمية المستعارة"] },
  ],
};

describe("the Arabic glossary check", () => {
  it("flags an avoided variant in a lesson, with its line, whatever its diacritics or hamza spelling", () => {
    const text = "---\ntitle: \"درس\"\n---\n## مقدمة\nتُعَدّ البيـانات الشخصيّة محمية.\nالمعطيات الشخصية محمية.\n";
    expect(findGlossaryProblems({ glossary, file: "courses/x/lessons/a.ar.md", text, kind: "lesson" })).toEqual([
      {
        file: "courses/x/lessons/a.ar.md",
        line: 5,
        message: 'uses "البيانات الشخصية"; the glossary term for personal data is "المعطيات الشخصية" (glossary: personal-data)',
      },
    ]);
  });

  it("checks Arabic strings of YAML files but not accepted-answer or keyword lists", () => {
    const text = [
      "    prompt:",
      '      fr: "La pseudonymisation…"',
      '      ar: "ما التسمية المستعارة؟"',
      "    accepted:",
      '      ar: ["الترميز", "التسمية المستعارة"]',
      '      - { id: a, text: { fr: "Données", ar: "البيانات الشخصية", en: "Personal data" } }',
    ].join("\n");
    const problems = findGlossaryProblems({ glossary, file: "courses/x/exam.yaml", text, kind: "yaml" });
    expect(problems.map((problem) => problem.line)).toEqual([3, 6]);
  });
});
