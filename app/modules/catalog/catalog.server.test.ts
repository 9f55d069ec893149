import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createUser } from "../../../tests/factories";
import { enrolInCourse, getCourseDetail, listCatalogue, listMyCourses, openLesson, setLessonDone } from "./catalog.server";
import { syncCurriculum } from "./sync.server";

beforeEach(async () => {
  await syncCurriculum({ prisma, curriculum: makeCurriculum() });
});

async function learner() {
  const user = await createUser();
  return { id: user.id, roles: ["LEARNER" as const] };
}

describe("listCatalogue", () => {
  it("groups by tier, localises, and locks tier 2 until tier 1 is certified", async () => {
    const viewer = await learner();
    const { courses, tiers } = await listCatalogue({ viewer, language: "ar", filters: {} });
    expect(tiers.map((t) => t.title)).toEqual(["الأساسيات", "ممارس"]);
    expect(courses.map((c) => [c.id, c.title, c.access])).toEqual([
      ["t1-course", "الأساسيات", "open"],
      ["t2-course", "Praticien", "locked"],
    ]);
    expect(courses[1].missing).toEqual([{ id: "t1-course", title: "الأساسيات" }]);

    await prisma.certification.create({ data: { userId: viewer.id, courseId: "t1-course", source: "test" } });
    const after = await listCatalogue({ viewer, language: "ar", filters: {} });
    expect(after.courses[1].access).toBe("open");
  });

  it("filters by tier and by course language, and searches accent-insensitively", async () => {
    const viewer = await learner();
    expect((await listCatalogue({ viewer, language: "fr", filters: { tier: 2 } })).courses.map((c) => c.id)).toEqual(["t2-course"]);
    expect((await listCatalogue({ viewer, language: "fr", filters: { contentLanguage: "ar" } })).courses.map((c) => c.id)).toEqual(["t1-course"]);
    expect((await listCatalogue({ viewer, language: "fr", filters: { q: "TOURISME" } })).courses.map((c) => c.id)).toEqual(["t2-course"]);
    expect((await listCatalogue({ viewer: null, language: "fr", filters: { q: "introuvable" } })).courses).toEqual([]);
  });
});

describe("lessons and progress", () => {
  it("records the visit, enrols, and resumes where the learner left off", async () => {
    const viewer = await learner();
    const first = await openLesson({ courseId: "t1-course", lessonSlug: "l1", viewer, language: "fr" });
    expect(first).toMatchObject({ title: "l1 (fr)", position: 1, lessonCount: 3, previous: null, isFallback: false });
    expect(first.next?.slug).toBe("l2");
    expect(first.html).toContain('href="/courses/t1-course/l2"');

    await openLesson({ courseId: "t1-course", lessonSlug: "l2", viewer, language: "fr" });
    const detail = await getCourseDetail({ courseId: "t1-course", viewer, language: "fr" });
    expect(detail).toMatchObject({ isEnrolled: true, resumeSlug: "l2", progress: 0 });
    expect((await enrolInCourse({ courseId: "t1-course", viewer })).resumeSlug).toBe("l2");
  });

  it("marks lessons done and computes progress per course", async () => {
    const viewer = await learner();
    await enrolInCourse({ courseId: "t1-course", viewer });
    await setLessonDone({ courseId: "t1-course", lessonSlug: "l1", viewer, isDone: true });
    await setLessonDone({ courseId: "t1-course", lessonSlug: "l2", viewer, isDone: true });
    expect((await getCourseDetail({ courseId: "t1-course", viewer, language: "en" })).progress).toBe(67);
    await setLessonDone({ courseId: "t1-course", lessonSlug: "l2", viewer, isDone: false });
    const mine = await listMyCourses({ userId: viewer.id, language: "en" });
    expect(mine).toEqual([
      { id: "t1-course", tier: 1, title: "Foundations", progress: 33, doneCount: 1, lessonCount: 3, resumeSlug: "l2" },
    ]);
  });

  it("serves the best available language with a notice when the lesson is missing in the reader's", async () => {
    const viewer = { ...(await learner()), roles: ["LEARNER" as const, "INSTRUCTOR" as const] };
    const lesson = await openLesson({ courseId: "t2-course", lessonSlug: "l1", viewer, language: "ar" });
    expect(lesson).toMatchObject({ title: "l1 (fr)", shownLanguage: "fr", isFallback: true, isPreview: true });
  });

  it("refuses the lessons of a locked course with 403 and unknown lessons with 404", async () => {
    const viewer = await learner();
    await expect(openLesson({ courseId: "t2-course", lessonSlug: "l1", viewer, language: "fr" })).rejects.toMatchObject({
      code: "course_locked",
      status: 403,
    });
    await expect(enrolInCourse({ courseId: "t2-course", viewer })).rejects.toMatchObject({ code: "course_locked", status: 403 });
    await expect(openLesson({ courseId: "t1-course", lessonSlug: "nope", viewer, language: "fr" })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    expect(await prisma.enrolment.count({ where: { userId: viewer.id } })).toBe(0);
  });
});
