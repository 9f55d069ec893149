import { describe, expect, it } from "vitest";
import { loadCurriculum } from "~/modules/catalog/content/load";
import { CONTENT_LANGUAGES, type PracticeTaskDef } from "~/modules/catalog/content/types";
import { checkMarkedAnswer, checkWrittenAnswer, countWords } from "./practice-feedback";

const { curriculum } = await loadCurriculum("content");
const tasks: PracticeTaskDef[] = curriculum.courses.flatMap((course) => course.practice?.tasks ?? []);

describe("the practice lab's local checker", () => {
  it("counts words in every script", () => {
    expect(countWords("Rédigez 120 mots — au plus !")).toBe(5);
    expect(countWords("اكتب  نصًّا قصيرًا")).toBe(3);
  });

  it("finds every shipped model answer complete and every shipped draft wanting, in fr, ar and en", () => {
    const written = tasks.filter((t) => t.kind !== "check_answer");
    expect(written.length).toBeGreaterThanOrEqual(8);
    for (const task of written) {
      for (const language of CONTENT_LANGUAGES) {
        const good = checkWrittenAnswer(task, task.modelAnswer?.[language] ?? "", language);
        expect({ task: task.id, language, rubric: good.rubric.filter((r) => !r.met), constraints: good.constraints.filter((c) => !c.ok), personalData: good.personalData }).toEqual({ task: task.id, language, rubric: [], constraints: [], personalData: false });
        if (task.draft) expect(checkWrittenAnswer(task, task.draft[language] ?? "", language).complete, `${task.id} draft (${language})`).toBe(false);
      }
    }
  });

  it("tells a bare prompt which ingredients it lacks", () => {
    const task = tasks.find((t) => t.kind === "write_prompt");
    if (!task) throw new Error("no write_prompt task");
    const feedback = checkWrittenAnswer(task, "Write something nice.", "en");
    expect(feedback.complete).toBe(false);
    expect(feedback.rubric.filter((r) => !r.met).length).toBeGreaterThanOrEqual(3);
    expect(checkWrittenAnswer(task, "Client: Mr A, CNIE BK123456, tel 0661 23 45 67", "en").personalData).toBe(true);
  });

  it("compares marks with the planted errors and checks each explanation, in fr, ar and en", () => {
    const checks = tasks.filter((t) => t.kind === "check_answer");
    expect(checks.length).toBeGreaterThanOrEqual(4);
    for (const task of checks) {
      for (const language of CONTENT_LANGUAGES) {
        const perfect = Object.fromEntries(task.aiText.map((s) => [s.id, { wrong: s.error !== null, why: s.error?.explanation[language] ?? "" }]));
        const result = checkMarkedAnswer(task, perfect, language);
        expect([task.id, language, result.complete, result.sentences.every((s) => s.explained !== false)]).toEqual([task.id, language, true, true]);
        const correct = task.aiText.find((s) => !s.error);
        const lazy = checkMarkedAnswer(task, { [correct?.id ?? ""]: { wrong: true, why: "no idea" } }, language);
        expect(lazy).toMatchObject({ found: 0, falseAlarms: 1, complete: false });
        expect(lazy.sentences.filter((s) => s.status === "missed").length).toBe(lazy.errors);
      }
    }
  });
});
