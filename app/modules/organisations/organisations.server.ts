import { prisma } from "~/lib/db.server";

/** Training centres the user administers, with their cohorts. */
export function listAdministeredCentres({ userId, isPlatformAdmin }: { userId: string; isPlatformAdmin: boolean }) {
  return prisma.organisation.findMany({
    where: {
      kind: "TRAINING_CENTRE",
      ...(isPlatformAdmin ? {} : { memberships: { some: { userId, role: "ADMIN" } } }),
    },
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      _count: { select: { cohorts: true, memberships: true } },
    },
    orderBy: { name: "asc" },
  });
}

/** Cohorts the user teaches (scoped by their own cohort membership). */
export function listTaughtCohorts({ userId }: { userId: string }) {
  return prisma.cohort.findMany({
    where: { members: { some: { userId, role: "INSTRUCTOR" } } },
    select: {
      id: true,
      name: true,
      startsOn: true,
      endsOn: true,
      organisation: { select: { name: true, slug: true } },
      members: { where: { role: "LEARNER" }, select: { user: { select: { id: true, name: true } } } },
    },
    orderBy: { startsOn: "desc" },
  });
}

/** Employer organisations the user recruits for. */
export function listEmployerOrganisations({ userId, isPlatformAdmin }: { userId: string; isPlatformAdmin: boolean }) {
  return prisma.organisation.findMany({
    where: {
      kind: "EMPLOYER",
      ...(isPlatformAdmin ? {} : { memberships: { some: { userId, role: { in: ["ADMIN", "RECRUITER"] } } } }),
    },
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      employerType: true,
      memberships: { select: { role: true, user: { select: { id: true, name: true, email: true } } } },
      academies: { where: { kind: "TRAINING_CENTRE" }, select: { id: true, slug: true, name: true, _count: { select: { cohorts: true } } } },
    },
    orderBy: { name: "asc" },
  });
}

/** Cohorts the learner is enrolled in. */
export function listLearnerCohorts({ userId }: { userId: string }) {
  return prisma.cohortMember.findMany({
    where: { userId, role: "LEARNER" },
    select: {
      enrolledAt: true,
      cohort: { select: { id: true, name: true, startsOn: true, endsOn: true, organisation: { select: { name: true } } } },
    },
    orderBy: { enrolledAt: "desc" },
  });
}

export async function getPlatformOverview() {
  const [users, organisations, cohorts, admins] = await Promise.all([
    prisma.user.count(),
    prisma.organisation.findMany({
      select: { id: true, slug: true, name: true, kind: true, city: true, _count: { select: { memberships: true, cohorts: true } } },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
    }),
    prisma.cohort.count(),
    prisma.userRole.findMany({ where: { role: "PLATFORM_ADMIN" }, select: { user: { select: { name: true, email: true } } } }),
  ]);
  return { users, organisations, cohorts, admins: admins.map((a) => a.user) };
}
