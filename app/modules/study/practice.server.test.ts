import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser } from "../../../tests/factories";
import { messagesOf, useFakeOpenAiServer } from "../../../tests/setup/fake-openai";
import { checkPracticeTask, getPracticeTask, listPracticeTasks, savePracticeDraft } from "./practice.server";
import { answerReview, dueReviewCount, nextReview } from "./review.server";
import { startExamAttempt, useShippedCurriculum } from "./test-fixtures";

const fake = useFakeOpenAiServer("lab-model");
const usage = { dailyCalls: 10, monthlyCap: 20, inputPerMTok: 0.15, outputPerMTok: 0.6 };
const shipped = useShippedCurriculum({ index: false });
const tasks = () => shipped().courses.flatMap((c) => c.practice?.tasks ?? []);

describe("practice lab", () => {
  it("saves a draft, resumes it, then checks a marked AI answer offline", async () => {
    const user = await createUser();
    const task = tasks().find((t) => t.kind === "check_answer");
    if (!task) throw new Error("no task");
    const wrong = task.aiText.filter((s) => s.error);
    const first = wrong[0];
    if (!first?.error) throw new Error("no error");
    await savePracticeDraft({ userId: user.id, taskId: task.id, language: "ar", form: { marks: { [first.id]: { wrong: true, why: "" } } } });
    expect((await getPracticeTask({ userId: user.id, taskId: task.id })).answer).toEqual({ marks: { [first.id]: { wrong: true, why: "" } } });
    expect((await listPracticeTasks({ userId: user.id })).find((t) => t.task.id === task.id)?.status).toBe("draft");

    const why = first.error.keywords.ar?.[0] ?? "";
    const { feedback } = await checkPracticeTask({ userId: user.id, taskId: task.id, language: "ar", form: { marks: { [first.id]: { wrong: true, why: `خطأ: ${why}` } } } }, { client: fake.client(), usage });
    expect(feedback.local).toMatchObject({ kind: "check_answer", found: 1, errors: wrong.length, complete: wrong.length === 1 });
    expect(feedback.model).toBeNull();
    expect(fake.received).toHaveLength(0);
    expect((await listPracticeTasks({ userId: user.id })).find((t) => t.task.id === task.id)?.status).toBe("checked");
  });

  it("runs a learner's prompt through the model and adds remarks tied to rubric lines", async () => {
    const user = await createUser();
    const task = tasks().find((t) => t.kind === "write_prompt");
    if (!task) throw new Error("no task");
    fake.reply = { kind: "json", content: JSON.stringify({ remarks: [{ line: "context", remark: "Good context." }, { line: "made-up", remark: "x" }] }) };
    const prompt = task.modelAnswer?.en ?? "";
    const { feedback, output } = await checkPracticeTask({ userId: user.id, taskId: task.id, language: "en", form: { text: prompt } }, { client: fake.client(), model: "lab-model", usage });
    expect(feedback.local.complete).toBe(true);
    expect(output).toContain("Good context.");
    expect(feedback.model).toEqual({ model: "lab-model", remarks: [{ line: "context", remark: "Good context." }] });
    expect(fake.received).toHaveLength(2);
    expect(messagesOf(fake.received[0]?.body)[1]?.content).toBe(prompt);
    expect(messagesOf(fake.received[1]?.body)[1]?.content).toContain("<learner_text>");
    expect(await prisma.aiUsage.count({ where: { userId: user.id, feature: "practice" } })).toBe(2);
  });

  it("keeps the local feedback when the model fails, and refuses bad answers and exam time", async () => {
    const user = await createUser();
    const task = tasks().find((t) => t.kind === "improve_draft");
    if (!task) throw new Error("no task");
    fake.reply = { kind: "status", status: 503 };
    const { feedback } = await checkPracticeTask({ userId: user.id, taskId: task.id, language: "fr", form: { text: task.draft?.fr } }, { client: fake.client(), usage });
    expect(feedback.local.complete).toBe(false);
    expect(feedback.model).toEqual({ failure: "http_error" });
    await expect(checkPracticeTask({ userId: user.id, taskId: task.id, language: "fr", form: { text: "x".repeat(5001) } }, { client: null })).rejects.toMatchObject({ code: "invalid_answer" });
    await expect(checkPracticeTask({ userId: user.id, taskId: "no-such-task", language: "fr", form: { text: "x" } }, { client: null })).rejects.toMatchObject({ code: "not_found" });
    await startExamAttempt(user.id);
    await expect(checkPracticeTask({ userId: user.id, taskId: task.id, language: "fr", form: { text: "x" } }, { client: null })).rejects.toMatchObject({ code: "exam_in_progress", status: 409 });
  });
});

describe("spaced practice", () => {
  it("schedules the questions of completed lessons and brings mistakes back sooner than right answers", async () => {
    const user = await createUser();
    expect(await dueReviewCount(user.id)).toBe(0);
    const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: "ai-foundations", slug: "prompting-well" } });
    await prisma.lessonProgress.create({ data: { userId: user.id, lessonId: lesson.id, completedAt: new Date() } });
    const count = await dueReviewCount(user.id);
    expect(count).toBe(shipped().courses.find((c) => c.id === "ai-foundations")?.practice?.questions.filter((q) => q.lesson === "prompting-well").length);

    const now = new Date();
    const first = await nextReview({ userId: user.id, language: "ar", now });
    if (!first) throw new Error("nothing due");
    const def = shipped().courses.flatMap((c) => c.practice?.questions ?? []).find((q) => q.id === first.id);
    const right = def?.type === "true_false" ? String(def.answer) : (def?.options.find((o) => o.correct)?.id ?? "");
    const wrongChoice = def?.type === "true_false" ? String(!def.answer) : (def?.options.find((o) => !o.correct)?.id ?? "");
    const good = await answerReview({ userId: user.id, questionId: first.id, choice: right, language: "ar", now });
    expect(good.correct).toBe(true);
    expect(good.explanation).toMatch(/[\u0600-\u06FF]/);

    const second = await nextReview({ userId: user.id, language: "fr", now });
    if (!second) throw new Error("nothing due");
    const def2 = shipped().courses.flatMap((c) => c.practice?.questions ?? []).find((q) => q.id === second.id);
    const wrong2 = def2?.type === "true_false" ? String(!def2.answer) : (def2?.options.find((o) => !o.correct)?.id ?? "");
    const bad = await answerReview({ userId: user.id, questionId: second.id, choice: wrong2, language: "fr", now });
    expect(bad.correct).toBe(false);
    expect(bad.nextDue.getTime()).toBeLessThan(good.nextDue.getTime());
    expect(await dueReviewCount(user.id, now)).toBe(count - 2);
    await expect(answerReview({ userId: user.id, questionId: first.id, choice: "zz", language: "fr", now })).rejects.toMatchObject({ code: "invalid_answer" });
    expect(wrongChoice).not.toBe(right);
  });
});
