import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createUser } from "../../../tests/factories";
import { contentHash, syncCurriculum } from "./sync.server";

const allUnchanged = (report: Awaited<ReturnType<typeof syncCurriculum>>) =>
  Object.values(report).every((c) => c.created === 0 && c.updated === 0 && c.archived === 0);

describe("contentHash", () => {
  it("ignores key order", () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});

describe("syncCurriculum", () => {
  it("writes everything once, then a second run changes nothing", async () => {
    const curriculum = makeCurriculum();
    const first = await syncCurriculum({ prisma, curriculum });
    expect(first.courses.created).toBe(2);
    expect(first.lessons.created).toBe(5);
    expect(first.examVersions.created).toBe(1);
    const second = await syncCurriculum({ prisma, curriculum });
    expect(allUnchanged(second)).toBe(true);
    expect(second.lessons.unchanged).toBe(5);
    expect(await prisma.lessonTranslation.count()).toBe(3 * 3 + 2 * 2);
  });

  it("versions an edited exam and keeps the old version untouched (for the attempts taken on it)", async () => {
    const curriculum = makeCurriculum();
    await syncCurriculum({ prisma, curriculum });
    const v1 = await prisma.examVersion.findFirstOrThrow({ select: { id: true, version: true, contentHash: true, definition: true } });

    const exam = curriculum.courses[0].exam;
    if (!exam) throw new Error("fixture has an exam");
    exam.raw = { exam: { id: "t1-final" }, items: [{ id: "q1", answer: false }] };
    exam.items[0].answer = false;
    const report = await syncCurriculum({ prisma, curriculum });
    expect(report.examVersions).toMatchObject({ created: 1, archived: 1 });

    const versions = await prisma.examVersion.findMany({ orderBy: { version: "asc" }, select: { id: true, version: true, contentHash: true, definition: true, archivedAt: true } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({ id: v1.id, contentHash: v1.contentHash, definition: v1.definition });
    expect(versions[0].archivedAt).not.toBeNull();
    expect(versions[1].archivedAt).toBeNull();

    // Reverting the edit makes version 1 current again rather than creating version 3.
    exam.raw = { exam: { id: "t1-final" }, items: [{ id: "q1", answer: true }] };
    const reverted = await syncCurriculum({ prisma, curriculum });
    expect(reverted.examVersions).toMatchObject({ created: 0, updated: 1, archived: 1 });
    expect(await prisma.examVersion.count()).toBe(2);
    expect((await prisma.examVersion.findFirstOrThrow({ where: { archivedAt: null }, select: { version: true } })).version).toBe(1);
  });

  it("archives removed lessons and courses instead of deleting them, keeping learners' progress", async () => {
    const curriculum = makeCurriculum();
    await syncCurriculum({ prisma, curriculum });
    const user = await createUser();
    const l3 = await prisma.lesson.findFirstOrThrow({ where: { slug: "l3", courseId: "t1-course" }, select: { id: true } });
    await prisma.lessonProgress.create({ data: { userId: user.id, lessonId: l3.id, completedAt: new Date() } });

    curriculum.courses[0].modules = curriculum.courses[0].modules.slice(0, 1);
    curriculum.courses[0].lessons = curriculum.courses[0].lessons.slice(0, 2);
    curriculum.courses = curriculum.courses.slice(0, 1);
    const report = await syncCurriculum({ prisma, curriculum });
    expect(report.lessons.archived).toBe(1);
    expect(report.modules.archived).toBe(1);
    expect(report.courses.archived).toBe(1);

    const archived = await prisma.lesson.findUniqueOrThrow({ where: { id: l3.id }, select: { archivedAt: true } });
    expect(archived.archivedAt).not.toBeNull();
    expect(await prisma.lessonProgress.count({ where: { lessonId: l3.id } })).toBe(1);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: "t2-course" }, select: { archivedAt: true } })).archivedAt).not.toBeNull();

    // Content coming back is un-archived.
    const restored = await syncCurriculum({ prisma, curriculum: makeCurriculum() });
    expect(restored.lessons.updated).toBe(1);
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: l3.id }, select: { archivedAt: true } })).archivedAt).toBeNull();
  });

  it("rewrites only the lesson whose text changed", async () => {
    const curriculum = makeCurriculum();
    await syncCurriculum({ prisma, curriculum });
    const translation = curriculum.courses[0].lessons[1].translations.ar;
    if (!translation) throw new Error("fixture has Arabic");
    translation.body = `${translation.body}\n\nفقرة جديدة.`;
    const report = await syncCurriculum({ prisma, curriculum });
    expect(report.lessons).toMatchObject({ updated: 1, unchanged: 4, created: 0 });
    const row = await prisma.lessonTranslation.findFirstOrThrow({ where: { language: "ar", lesson: { slug: "l2", courseId: "t1-course" } }, select: { body: true } });
    expect(row.body).toContain("فقرة جديدة.");
  });
});
