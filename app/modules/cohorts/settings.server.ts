// The cohort settings page: details and path, per-exam windows (typed in Casablanca time), instructors.
import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";
import type { CohortAccess } from "./access.server";
import { CohortError, setCohortInstructor, setExamWindow, updateCohort } from "./cohorts.server";
import { ExamWindowSchema, readCohortForm } from "./schemas";
import { fromLocalDateTime, toLocalDateTime } from "./time-zone";

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

export async function cohortSettings({ access, language }: { access: CohortAccess; language: string }) {
  const cohortId = access.cohort.id;
  const [courses, path, windows, staff, instructors] = await Promise.all([
    prisma.course.findMany({ where: { archivedAt: null }, orderBy: [{ tier: "asc" }, { position: "asc" }], select: { id: true, title: true, tier: true } }),
    prisma.cohortCourse.findMany({ where: { cohortId }, orderBy: { position: "asc" }, select: { courseId: true } }),
    prisma.cohortExamWindow.findMany({ where: { cohortId }, select: { courseId: true, opensAt: true, closesAt: true } }),
    prisma.membership.findMany({
      where: { organisationId: access.centre.id, role: { in: ["ADMIN", "INSTRUCTOR"] } },
      distinct: ["userId"],
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.cohortMember.findMany({ where: { cohortId, role: "INSTRUCTOR" }, select: { userId: true } }),
  ]);
  const titleOf = (value: unknown) => localized(value, language);
  const onPath = new Set(path.map((p) => p.courseId));
  return {
    cohort: { id: cohortId, name: access.cohort.name, startsOn: isoDay(access.cohort.startsOn), endsOn: isoDay(access.cohort.endsOn), behindFrom: isoDay(access.cohort.behindFrom) },
    courses: courses.map((c) => ({ id: c.id, title: titleOf(c.title) || c.id, tier: c.tier, onPath: onPath.has(c.id) })),
    windows: path.map(({ courseId }) => {
      const w = windows.find((x) => x.courseId === courseId);
      return {
        courseId,
        title: titleOf(courses.find((c) => c.id === courseId)?.title) || courseId,
        opensAt: w?.opensAt ? toLocalDateTime(w.opensAt) : "",
        closesAt: w?.closesAt ? toLocalDateTime(w.closesAt) : "",
      };
    }),
    staff: staff.map((s) => ({ userId: s.user.id, name: s.user.name, email: s.user.email, assigned: instructors.some((i) => i.userId === s.user.id) })),
  };
}

export type SettingsResult =
  | { ok: true; saved: "details" | "window" | "instructors" }
  | { ok: false; status: 400 | 404 | 409; error?: string; fieldErrors: Partial<Record<"name" | "startsOn" | "endsOn" | "behindFrom", string[]>> };

export async function saveCohortSettings({ access, form }: { access: CohortAccess; form: FormData }): Promise<SettingsResult> {
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "details") {
      const read = readCohortForm(form);
      if (!read.ok) return { ok: false, status: 400, error: "form_invalid", fieldErrors: read.fieldErrors };
      await updateCohort({ centreId: access.centre.id, cohortId: access.cohort.id, ...read.cohort });
      return { ok: true, saved: "details" };
    }
    if (intent === "window") {
      const parsed = ExamWindowSchema.safeParse({
        courseId: String(form.get("courseId") ?? ""),
        opensAt: String(form.get("opensAt") ?? ""),
        closesAt: String(form.get("closesAt") ?? ""),
      });
      if (!parsed.success) return { ok: false, status: 400, error: "date_invalid", fieldErrors: {} };
      const opensAt = parsed.data.opensAt ? fromLocalDateTime(parsed.data.opensAt) : null;
      const closesAt = parsed.data.closesAt ? fromLocalDateTime(parsed.data.closesAt) : null;
      await setExamWindow({ cohortId: access.cohort.id, courseId: parsed.data.courseId, opensAt, closesAt });
      return { ok: true, saved: "window" };
    }
    if (intent === "instructors") {
      const wanted = new Set(form.getAll("instructorIds").map(String));
      const staff = await prisma.membership.findMany({
        where: { organisationId: access.centre.id, role: { in: ["ADMIN", "INSTRUCTOR"] } },
        distinct: ["userId"],
        select: { userId: true },
      });
      for (const { userId } of staff) {
        await setCohortInstructor({ centreId: access.centre.id, cohortId: access.cohort.id, userId, assigned: wanted.has(userId) });
      }
      return { ok: true, saved: "instructors" };
    }
    return { ok: false, status: 400, error: "unknown_action", fieldErrors: {} };
  } catch (error) {
    if (error instanceof CohortError) return { ok: false, status: error.status, error: error.code, fieldErrors: {} };
    throw error;
  }
}
