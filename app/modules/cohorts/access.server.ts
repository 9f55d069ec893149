// Who may do what with a centre's cohorts. Staff see only their own centre's cohorts and learners: every cohort
// page and action goes through requireCohortAccess / requireCentreAccess, and the cohort is looked up together
// with the centre it must belong to, so a cohort id from another centre is a 404 whatever the user's roles.
import { data } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { type CurrentUser, requireUser } from "~/modules/accounts/index.server";
import { type CohortPermission, cohortPermission } from "./permissions";

async function centreBySlug(slug: string, userId: string) {
  return prisma.organisation.findFirst({
    where: { slug, kind: "TRAINING_CENTRE" },
    select: {
      id: true,
      slug: true,
      name: true,
      memberships: { where: { userId, role: { in: ["ADMIN", "INSTRUCTOR"] } }, select: { role: true } },
    },
  });
}

/**
 * The centre (by slug) for a user who administers it ("manage") or teaches one of its cohorts ("teach").
 * Throws 404 for an unknown centre, 403 for a centre the user has no part in, 403 when `need` is "manage" and the
 * user only teaches.
 */
export async function requireCentreAccess({ request, slug, need = "teach" }: { request: Request; slug: string; need?: CohortPermission }) {
  const user = await requireUser(request);
  const centre = await centreBySlug(slug, user.id);
  if (!centre) throw data({ error: "not_found" }, { status: 404 });
  const teachesHere =
    centre.memberships.some((m) => m.role === "INSTRUCTOR") ||
    (await prisma.cohortMember.count({ where: { userId: user.id, role: "INSTRUCTOR", cohort: { organisationId: centre.id } } })) > 0;
  const permission = cohortPermission({
    isPlatformAdmin: user.roles.includes("PLATFORM_ADMIN"),
    isCentreAdmin: centre.memberships.some((m) => m.role === "ADMIN"),
    teachesCohort: teachesHere,
  });
  if (!permission || (need === "manage" && permission !== "manage")) throw data({ error: "forbidden" }, { status: 403 });
  return { user, centre: { id: centre.id, slug: centre.slug, name: centre.name }, permission };
}

export type CohortAccess = {
  user: CurrentUser;
  centre: { id: string; slug: string; name: string };
  cohort: { id: string; name: string; startsOn: Date | null; endsOn: Date | null; behindFrom: Date | null; archivedAt: Date | null };
  permission: CohortPermission;
};

/**
 * A cohort of the centre `slug`, for its centre's admins (and platform admins): "manage"; for its own
 * instructors: "teach". An instructor of another cohort of the same centre gets 403; a cohort of another centre,
 * 404.
 */
export async function requireCohortAccess({
  request,
  slug,
  cohortId,
  need = "teach",
}: {
  request: Request;
  slug: string;
  cohortId: string;
  need?: CohortPermission;
}): Promise<CohortAccess> {
  const user = await requireUser(request);
  const centre = await centreBySlug(slug, user.id);
  if (!centre) throw data({ error: "not_found" }, { status: 404 });
  const cohort = await prisma.cohort.findFirst({
    where: { id: cohortId, organisationId: centre.id },
    select: {
      id: true,
      name: true,
      startsOn: true,
      endsOn: true,
      behindFrom: true,
      archivedAt: true,
      members: { where: { userId: user.id, role: "INSTRUCTOR" }, select: { userId: true } },
    },
  });
  if (!cohort) throw data({ error: "not_found" }, { status: 404 });
  const permission = cohortPermission({
    isPlatformAdmin: user.roles.includes("PLATFORM_ADMIN"),
    isCentreAdmin: centre.memberships.some((m) => m.role === "ADMIN"),
    teachesCohort: cohort.members.length > 0,
  });
  if (!permission || (need === "manage" && permission !== "manage")) throw data({ error: "forbidden" }, { status: 403 });
  const { members: _members, ...cohortFields } = cohort;
  return { user, centre: { id: centre.id, slug: centre.slug, name: centre.name }, cohort: cohortFields, permission };
}

/** requireCohortAccess for a page that knows only the cohort (e.g. ?cohort= on the item analysis). */
export async function requireCohortAccessById({ request, cohortId, need = "teach" }: { request: Request; cohortId: string; need?: CohortPermission }) {
  const cohort = await prisma.cohort.findUnique({ where: { id: cohortId }, select: { organisation: { select: { slug: true, kind: true } } } });
  if (!cohort || cohort.organisation.kind !== "TRAINING_CENTRE") throw data({ error: "not_found" }, { status: 404 });
  return requireCohortAccess({ request, slug: cohort.organisation.slug, cohortId, need });
}

/** The ids of the cohort's learners. */
export async function cohortLearnerIds(cohortId: string) {
  const members = await prisma.cohortMember.findMany({ where: { cohortId, role: "LEARNER" }, select: { userId: true } });
  return members.map((m) => m.userId);
}
