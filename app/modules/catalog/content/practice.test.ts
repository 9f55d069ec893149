import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadCurriculum } from "./load";

// A copy of the real content with one practice file broken in known ways.
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "maharat-practice-"));
  await fs.cp("content", dir, { recursive: true });
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function editPractice(course: string, edit: (doc: { tasks: Array<Record<string, unknown>>; questions: Array<Record<string, unknown>> }) => void) {
  const file = path.join(dir, "courses", course, "practice.yaml");
  const doc = parse(await fs.readFile(file, "utf8"));
  edit(doc);
  await fs.writeFile(file, stringify(doc));
}

describe("explanations", () => {
  it("are refused when they name an option by its letter, in exams and in practice", async () => {
    const file = path.join(dir, "courses", "ai-tourism", "exam.yaml");
    const exam = parse(await fs.readFile(file, "utf8"));
    const item = exam.items.find((i: { type: string }) => i.type === "single");
    item.explanation.fr = "La bonne réponse est (b), car le contexte compte.";
    await fs.writeFile(file, stringify(exam));
    await editPractice("ai-tourism", (doc) => {
      const question = doc.questions.find((q) => q.type === "single");
      if (!question) throw new Error("no single question");
      (question.explanation as Record<string, string>).en = "Answer c is right.";
    });
    const { problems } = await loadCurriculum(dir);
    const messages = problems.filter((p) => p.file.startsWith("courses/ai-tourism/")).map((p) => `${p.file}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^courses\/ai-tourism\/exam\.yaml: .*explanation \(fr\) refers to an option by its letter \(\(b\)\)/),
        expect.stringMatching(/^courses\/ai-tourism\/practice\.yaml: .*explanation \(en\) refers to an option by its letter \(Answer c\)/),
      ]),
    );
  });
});

describe("practice.yaml", () => {
  it("loads the shipped practice: a lab task for every tier-1 and tier-2 lesson, questions for every lesson", async () => {
    const { curriculum, problems } = await loadCurriculum("content");
    expect(problems).toEqual([]);
    for (const course of curriculum.courses) {
      const practice = course.practice;
      expect(practice, course.id).toBeTruthy();
      const withQuestions = new Set(practice?.questions.map((q) => q.lesson));
      expect(course.lessons.filter((l) => !withQuestions.has(l.id)).map((l) => l.id), course.id).toEqual([]);
      if (course.tier <= 2) {
        const kinds = new Set(practice?.tasks.map((t) => t.kind));
        expect([...kinds].sort(), course.id).toEqual(["check_answer", "improve_draft", "write_prompt"]);
      }
    }
  });

  it("reports a copied exam item, a missing lab task, a wrong option count and a repeated id, with lines", async () => {
    const { curriculum } = await loadCurriculum("content");
    const examItem = curriculum.courses.find((c) => c.id === "ai-foundations")?.exam?.items.find((i) => i.type === "single");
    await editPractice("ai-foundations", (doc) => {
      doc.tasks = doc.tasks.filter((t) => t.lesson !== "what-ai-is");
      const [first, second] = doc.questions;
      if (!first || !second) throw new Error("no questions");
      first.prompt = examItem?.prompt;
      (second.options as unknown[]).splice(1);
      doc.questions.push({ ...second, options: undefined, type: "true_false", answer: true, id: String(doc.questions[2]?.id) });
    });
    const { problems } = await loadCurriculum(dir);
    const messages = problems.filter((p) => p.file === "courses/ai-foundations/practice.yaml").map((p) => `${p.line > 1 ? "L" : "?"} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^L question "[a-z0-9-]+" \\(fr\\) repeats exam item "${examItem?.id}"`)),
        expect.stringMatching(/lesson "what-ai-is" has no practice lab task/),
        expect.stringMatching(/^L .*must list at least 3 entries|exactly one correct option/),
        expect.stringMatching(/duplicate question id/),
      ]),
    );
  });
});
