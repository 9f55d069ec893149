// Study mode's pages over HTTP, without JavaScript: ask the tutor, flag an answer, delete conversations, do a lab
// task and get feedback, review due questions; staff see the flags.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { startExamAttempt, useShippedCurriculum } from "~/modules/study/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

const server = useTestServer();
const shipped = useShippedCurriculum();

const lng = (language: string) => ({ "Accept-Language": language });

describe("the study page", () => {
  it("answers a question without JavaScript, keeps it, takes a flag and deletes it on request", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const asked = await server.request("/study", { method: "POST", cookie, headers: lng("ar"), body: form({ intent: "ask", question: "كيف أتحقق من مرجع قدّمه مساعد ذكاء اصطناعي؟", courseId: "ai-foundations", lessonId: "checking-ai-output" }) });
    expect(asked.status).toBe(302);
    const location = asked.headers.get("location") ?? "";
    expect(location).toMatch(/^\/study\?c=[a-z0-9]+#m-[a-z0-9]+$/);
    const page = await server.request(location.split("#")[0] ?? "", { cookie, headers: lng("ar") });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("أقرب أقسام الدروس إلى سؤالك");
    expect(html).toMatch(/href="\/courses\/ai-foundations\/[a-z-]+\?lng=ar#section-\d+"/);

    const message = await prisma.studyMessage.findFirstOrThrow({ where: { role: "tutor" } });
    const flagged = await server.request("/study", { method: "POST", cookie, headers: lng("ar"), body: form({ intent: "flag", messageId: message.id, reason: "المرجع غير موجود" }) });
    expect(flagged.status).toBe(200);
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const flags = await server.request("/study/flags", { cookie: await sessionCookieHeader(instructor.id), headers: lng("fr") });
    expect(flags.status).toBe(200);
    expect(await flags.text()).toContain("المرجع غير موجود");
    expect((await server.request("/study/flags", { cookie })).status).toBe(403);

    const deleted = await server.request("/study", { method: "POST", cookie, body: form({ intent: "delete-all" }) });
    expect(deleted.status).toBe(302);
    expect(await prisma.studyConversation.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.studyFlag.count()).toBe(0);
  });

  it("refuses to answer during an exam with a clear message, and bad questions with a 400", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const empty = await server.request("/study", { method: "POST", cookie, headers: lng("en"), body: form({ intent: "ask", question: "" }) });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Write a question of 2 to 1,000 characters.");
    await startExamAttempt(user.id);
    const during = await server.request("/study", { method: "POST", cookie, headers: lng("fr"), body: form({ intent: "ask", question: "Qu'est-ce qu'une hallucination ?" }) });
    expect(during.status).toBe(409);
    expect(await during.text()).toContain("Vous avez un examen en cours");
    const lab = await server.request("/study/practice", { cookie, headers: lng("fr") });
    expect(await lab.text()).toContain("Vous avez un examen en cours");
  });
});

describe("the practice lab and review pages", () => {
  it("saves a draft, gives feedback on a marked AI answer, and shows the planted errors afterwards", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const list = await server.request("/study/practice", { cookie, headers: lng("en") });
    expect(list.status).toBe(200);
    const task = shipped().courses.flatMap((c) => c.practice?.tasks ?? []).find((t) => t.kind === "check_answer");
    if (!task) throw new Error("no task");
    expect(await list.text()).toContain(task.title.en ?? "");
    const wrong = task.aiText.find((s) => s.error);
    const right = task.aiText.find((s) => !s.error);
    if (!wrong?.error || !right) throw new Error("bad task");
    const saved = await server.request(`/study/practice/${task.id}`, { method: "POST", cookie, headers: lng("en"), body: form({ intent: "save", "kind-check": "1", [`wrong:${wrong.id}`]: "on", [`why:${wrong.id}`]: "draft" }) });
    expect(saved.status).toBe(200);
    expect((await (await server.request(`/study/practice/${task.id}`, { cookie, headers: lng("en") })).text())).toContain(">draft</textarea>");
    const checked = await server.request(`/study/practice/${task.id}`, { method: "POST", cookie, headers: lng("en"), body: form({ intent: "check", "kind-check": "1", [`wrong:${wrong.id}`]: "on", [`why:${wrong.id}`]: wrong.error.keywords.en?.[0] ?? "", [`wrong:${right.id}`]: "on", [`why:${right.id}`]: "" }) });
    expect(checked.status).toBe(302);
    const html = await (await server.request(`/study/practice/${task.id}`, { cookie, headers: lng("en") })).text();
    expect(html).toContain("Error found.");
    expect(html).toContain("This sentence is correct.");
    expect(html).toContain(wrong.error.explanation.en?.slice(0, 40).replaceAll("'", "&#x27;").replaceAll('"', "&quot;") ?? "");
    const bad = await server.request(`/study/practice/${task.id}`, { method: "POST", cookie, headers: lng("en"), body: form({ intent: "check", "kind-check": "1", "wrong:nope": "on" }) });
    expect(bad.status).toBe(400);
    expect((await server.request("/study/practice/no-such-task", { cookie })).status).toBe(404);
  });

  it("shows review today on the dashboard and grades an answer", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: "ai-foundations", slug: "what-ai-is" } });
    await prisma.lessonProgress.create({ data: { userId: user.id, lessonId: lesson.id, completedAt: new Date() } });
    const dashboard = await (await server.request("/learn", { cookie, headers: lng("en") })).text();
    expect(dashboard).toContain("Questions to review today, from the lessons you finished: 4.");
    const review = await (await server.request("/study/review", { cookie, headers: lng("en") })).text();
    const questionId = /name="questionId" value="([^"]+)"/.exec(review)?.[1] ?? "";
    const question = shipped().courses.flatMap((c) => c.practice?.questions ?? []).find((q) => q.id === questionId);
    if (!question) throw new Error(`no question in page: ${questionId}`);
    const choice = question.type === "true_false" ? String(question.answer) : (question.options.find((o) => o.correct)?.id ?? "");
    const graded = await server.request("/study/review", { method: "POST", cookie, headers: lng("en"), body: form({ questionId, choice }) });
    expect(graded.status).toBe(200);
    expect(await graded.text()).toContain("Right!");
    const invalid = await server.request("/study/review", { method: "POST", cookie, headers: lng("en"), body: form({ questionId, choice: "zzz" }) });
    expect(invalid.status).toBe(400);
  });
});
