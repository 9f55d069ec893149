// Demo data: one account per role, a training centre with a cohort, and an employer. Idempotent: every write is an
// upsert keyed by a natural key, so running it on every start changes nothing after the first run.
import type { PrismaClient } from "~/generated/prisma/client";
import { hashPassword } from "~/modules/accounts/password.server";
import { PRIVACY_NOTICE_VERSION } from "~/modules/accounts/schemas";
import { JOB_BOARD_CONSENT_KIND, JOB_BOARD_CONSENT_VERSION } from "~/modules/candidates/schemas";
import { seedDemoJobs } from "~/modules/jobs/demo.server";

export const DEMO_PASSWORD = "maharat-demo-2026";

export const DEMO_ACCOUNTS = [
  { email: "learner@demo.maharat.ma", name: "Salma Benali", locale: "fr", role: "learner" },
  { email: "instructor@demo.maharat.ma", name: "Youssef El Amrani", locale: "fr", role: "instructor" },
  { email: "centre@demo.maharat.ma", name: "Nadia Ait Lahcen", locale: "fr", role: "centre admin" },
  { email: "employer@demo.maharat.ma", name: "Karim Tazi", locale: "fr", role: "employer" },
  { email: "admin@demo.maharat.ma", name: "Admin Maharat", locale: "en", role: "platform admin" },
  { email: "learner-ar@demo.maharat.ma", name: "هاجر الإدريسي", locale: "ar", role: "learner" },
  { email: "holder@demo.maharat.ma", name: "Karima Ouahbi", locale: "fr", role: "job-board candidate holding the AI Foundations credential" },
  { email: "seeker@demo.maharat.ma", name: "Mehdi Chraibi", locale: "fr", role: "job-board candidate with declared skills only" },
  { email: "certified-ar@demo.maharat.ma", name: "يوسف العمراني", locale: "ar", role: "learner (Arabic) holding the AI Foundations credential, not on the job board" },
] as const;

export async function seedDemoData(prisma: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Record<string, string> = {};
  for (const account of DEMO_ACCOUNTS) {
    const user = await prisma.user.upsert({
      where: { email: account.email },
      update: {},
      create: {
        email: account.email,
        name: account.name,
        locale: account.locale,
        passwordHash,
        consents: { create: { kind: "privacy_notice", version: PRIVACY_NOTICE_VERSION, locale: account.locale } },
      },
      select: { id: true },
    });
    users[account.email] = user.id;
  }

  await prisma.userRole.upsert({
    where: { userId_role: { userId: users["admin@demo.maharat.ma"], role: "PLATFORM_ADMIN" } },
    update: {},
    create: { userId: users["admin@demo.maharat.ma"], role: "PLATFORM_ADMIN" },
  });

  const centre = await prisma.organisation.upsert({
    where: { slug: "ofppt-ista-casablanca-demo" },
    update: {},
    create: {
      slug: "ofppt-ista-casablanca-demo",
      name: "ISTA Casablanca (démo)",
      kind: "TRAINING_CENTRE",
      city: "Casablanca",
    },
    select: { id: true },
  });
  const employer = await prisma.organisation.upsert({
    where: { slug: "atlas-agritech-demo" },
    update: {},
    create: {
      slug: "atlas-agritech-demo",
      name: "Atlas Agritech SARL (démo)",
      kind: "EMPLOYER",
      employerType: "SME",
      city: "Agadir",
    },
    select: { id: true },
  });
  await prisma.organisation.upsert({
    where: { slug: "maharat" },
    update: {},
    create: { slug: "maharat", name: "Maharat", kind: "ISSUER" },
    select: { id: true },
  });

  const memberships = [
    { userId: users["centre@demo.maharat.ma"], organisationId: centre.id, role: "ADMIN" },
    { userId: users["instructor@demo.maharat.ma"], organisationId: centre.id, role: "INSTRUCTOR" },
    { userId: users["employer@demo.maharat.ma"], organisationId: employer.id, role: "ADMIN" },
  ] as const;
  for (const m of memberships) {
    await prisma.membership.upsert({
      where: { userId_organisationId_role: m },
      update: {},
      create: m,
    });
  }

  const cohort = await prisma.cohort.upsert({
    where: { organisationId_name: { organisationId: centre.id, name: "Cohorte IA Fondamentaux — 2027 T1" } },
    update: {},
    create: {
      organisationId: centre.id,
      name: "Cohorte IA Fondamentaux — 2027 T1",
      startsOn: new Date("2027-01-11"),
      endsOn: new Date("2027-03-26"),
    },
    select: { id: true },
  });
  // The demo cohort follows tier 1 then tier 2 (the courses are synced from content/ after the seed).
  for (const [position, courseId] of ["ai-foundations", "ai-practitioner"].entries()) {
    await prisma.cohortCourse.upsert({
      where: { cohortId_courseId: { cohortId: cohort.id, courseId } },
      update: {},
      create: { cohortId: cohort.id, courseId, position },
    });
  }
  const cohortMembers = [
    { userId: users["instructor@demo.maharat.ma"], role: "INSTRUCTOR" },
    { userId: users["learner@demo.maharat.ma"], role: "LEARNER" },
    { userId: users["learner-ar@demo.maharat.ma"], role: "LEARNER" },
  ] as const;
  for (const m of cohortMembers) {
    await prisma.cohortMember.upsert({
      where: { cohortId_userId: { cohortId: cohort.id, userId: m.userId } },
      update: {},
      create: { cohortId: cohort.id, ...m },
    });
  }
  await seedDemoJobBoard(prisma, users);
  await seedDemoJobs(prisma);
  return { users, centreId: centre.id, employerId: employer.id, cohortId: cohort.id };
}

/**
 * Two demo candidates on the job board (they opted in, with the consent recorded): Karima holds the AI Foundations
 * certification — a "certification earned" event the credential worker turns into a signed credential on start,
 * like any passed exam (demo data: no exam attempt behind it) — and Mehdi only declares skills.
 */
async function seedDemoJobBoard(prisma: PrismaClient, users: Record<string, string>) {
  const holder = users["holder@demo.maharat.ma"];
  const seeker = users["seeker@demo.maharat.ma"];
  await prisma.certificationEvent.upsert({
    where: { attemptId: "demo-seed:holder:ai-foundations" },
    update: {},
    create: { attemptId: "demo-seed:holder:ai-foundations", userId: holder, courseId: "ai-foundations", examSlug: "ai-foundations-final" },
  });
  // An Arabic-speaking learner with a credential of their own (the privacy journeys: correct the name, re-issue).
  await prisma.certificationEvent.upsert({
    where: { attemptId: "demo-seed:certified-ar:ai-foundations" },
    update: {},
    create: { attemptId: "demo-seed:certified-ar:ai-foundations", userId: users["certified-ar@demo.maharat.ma"], courseId: "ai-foundations", examSlug: "ai-foundations-final" },
  });
  const profiles = [
    { userId: holder, handle: "Candidat·e DEMO1", region: "souss-massa", languages: ["ar", "fr", "dar", "ber"] },
    { userId: seeker, handle: "Candidat·e DEMO2", region: "souss-massa", languages: ["ar", "fr", "dar"] },
  ];
  for (const profile of profiles) {
    const existing = await prisma.candidateProfile.findUnique({ where: { userId: profile.userId }, select: { userId: true } });
    if (existing) continue;
    await prisma.candidateProfile.create({ data: { ...profile, openToRemote: true } });
    await prisma.consent.create({ data: { userId: profile.userId, kind: JOB_BOARD_CONSENT_KIND, version: JOB_BOARD_CONSENT_VERSION, locale: "fr" } });
  }
  await prisma.candidateSkill.createMany({
    data: ["prompting", "ai-concepts", "agri-data"].map((skillId) => ({ userId: seeker, skillId, verified: false })),
    skipDuplicates: true,
  });
}
