import type { Role } from "~/modules/accounts";

export type CourseAccess =
  | { status: "open" }
  | { status: "preview" }
  | { status: "locked"; missing: string[] };

/**
 * A course opens when the learner holds a certification for every prerequisite course. Staff (instructors, centre
 * admins, platform admins) may preview every course to prepare their teaching; previewing is not a certification.
 */
export function courseAccess({
  prerequisites,
  certifiedCourseIds,
  roles,
}: {
  prerequisites: readonly string[];
  certifiedCourseIds: ReadonlySet<string>;
  roles: readonly Role[];
}): CourseAccess {
  const missing = prerequisites.filter((id) => !certifiedCourseIds.has(id));
  if (missing.length === 0) return { status: "open" };
  if (roles.some((r) => r === "INSTRUCTOR" || r === "CENTRE_ADMIN" || r === "PLATFORM_ADMIN")) return { status: "preview" };
  return { status: "locked", missing };
}

/** Share of lessons done, as a whole percentage (0 when the course has no lesson). */
export function progressPercent(done: number, total: number) {
  return total === 0 ? 0 : Math.round((Math.min(done, total) / total) * 100);
}
