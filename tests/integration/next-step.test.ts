// After the last lesson the main action is the next step (the exam), on the dashboard and on the course page.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { useShippedCurriculum } from "~/modules/study/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { useTestServer } from "../setup/test-server";

const server = useTestServer();
useShippedCurriculum({ index: false });

describe("the next step", () => {
  it("is the exam once every lesson is done, on /learn and on the course page", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const lessons = await prisma.lesson.findMany({ where: { courseId: "ai-foundations", archivedAt: null }, select: { id: true } });
    await prisma.enrolment.create({ data: { userId: user.id, courseId: "ai-foundations", lastLessonId: lessons.at(-1)?.id } });
    const before = await (await server.request("/learn", { cookie, headers: { "Accept-Language": "fr" } })).text();
    expect(before).not.toContain("Passer l&#x27;examen");
    await prisma.lessonProgress.createMany({ data: lessons.map((l) => ({ userId: user.id, lessonId: l.id, completedAt: new Date() })) });
    const after = await (await server.request("/learn", { cookie, headers: { "Accept-Language": "fr" } })).text();
    expect(after).toMatch(/href="\/courses\/ai-foundations\/exam">Passer l&#x27;examen</);
    const course = await (await server.request("/courses/ai-foundations", { cookie, headers: { "Accept-Language": "en" } })).text();
    expect(course).toMatch(/<a class="inline-block rounded-md bg-brand-600[^"]*"[^>]*href="\/courses\/ai-foundations\/exam">Take the exam<\/a>/);
    expect(course).toContain("Read the lessons again");
  });
});
