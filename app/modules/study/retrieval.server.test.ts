import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { chunkLines, ensureStudyIndex, rebuildStudyIndex, searchPassages } from "./retrieval.server";
import { useShippedCurriculum } from "./test-fixtures";

useShippedCurriculum();

describe("study retrieval", () => {
  it("indexes every published lesson section in its language, self-check excluded", async () => {
    const counts = await prisma.studyPassage.groupBy({ by: ["language"], _count: true });
    expect(counts.map((c) => c.language).sort()).toEqual(["ar", "en", "fr"]);
    const lessons = await prisma.studyPassage.findMany({ distinct: ["courseId", "lessonSlug"], select: { lessonSlug: true } });
    expect(lessons.length).toBe(36);
    expect(await prisma.studyPassage.count({ where: { heading: { in: ["Self-check", "Auto-évaluation", "تقييم ذاتي"] } } })).toBe(0);
    const sample = await prisma.studyPassage.findFirstOrThrow({ where: { lessonSlug: "prompting-well", language: "en", anchor: "section-2" } });
    expect(sample.heading).toBe("The five ingredients");
    expect(sample.text).toContain("Context | Who am I, for whom, in what situation?");
    expect(sample.text).not.toMatch(/\*\*|\|---/);
  });

  it("finds the answering lesson first in French, Arabic and English, with the lesson's anchors", async () => {
    const fr = await searchPassages({ query: "comment verifier une reference inventee par chatgpt", language: "fr" });
    expect(fr.slice(0, 3).map((p) => p.lessonId)).toContain("checking-ai-output");
    const ar = await searchPassages({ query: "ما هي حقوق الأشخاص في القانون 09.08 وما دور اللجنة الوطنية؟", language: "ar" });
    expect(ar.slice(0, 3).map((p) => p.lessonId)).toContain("privacy-and-law-09-08");
    const en = await searchPassages({ query: "what are the five ingredients of a good prompt", language: "en" });
    expect(en[0]).toMatchObject({ lessonId: "prompting-well", courseId: "ai-foundations", language: "en" });
    expect(en[0]?.anchor).toMatch(/^section-\d+$/);
  });

  it("returns at least three passages when any lesson matches, none for nonsense", async () => {
    const rare = await searchPassages({ query: "Tifinagh", language: "en" });
    expect(rare.length).toBeGreaterThanOrEqual(3);
    expect(await searchPassages({ query: "zzqx wobblefrob", language: "fr" })).toEqual([]);
    expect(await searchPassages({ query: "   ", language: "ar" })).toEqual([]);
  });

  it("rebuilds when a lesson changes, and only then", async () => {
    const first = await prisma.studyIndexState.findUniqueOrThrow({ where: { id: 1 } });
    await ensureStudyIndex({ force: true });
    expect((await prisma.studyIndexState.findUniqueOrThrow({ where: { id: 1 } })).builtAt).toEqual(first.builtAt);
    await prisma.lessonTranslation.updateMany({
      where: { language: "en", lesson: { slug: "what-ai-is" } },
      data: { body: "## Zanzibar quokkas\n\nA quokka is not an AI system.", contentHash: "changed" },
    });
    await ensureStudyIndex({ force: true });
    const found = await searchPassages({ query: "quokka", language: "en" });
    expect(found[0]).toMatchObject({ lessonId: "what-ai-is", heading: "Zanzibar quokkas" });
    expect((await rebuildStudyIndex()).passages).toBeGreaterThan(500);
  });

  it("cuts long sections at line ends", () => {
    const line = (n: number) => Array.from({ length: n }, () => "word").join(" ");
    expect(chunkLines([line(100), line(100), line(50)].join("\n"), 180).map((p) => p.split(/\s+/).length)).toEqual([100, 150]);
  });
});
