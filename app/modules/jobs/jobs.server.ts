// The employer's side of job posts: who may touch a post, the taxonomy the form offers, and the writes.
//
// Access: a post belongs to an employer organisation (JobPost.employerId). Its members with role ADMIN or RECRUITER,
// and platform admins, may see it on the employer side and create, edit, publish or close it. The post is looked up
// with the member's employers in the `where`, so someone else's post is a missing row (404), never a leak.
import { data } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { type CurrentUser, requireUser } from "~/modules/accounts/index.server";
import { localized } from "~/modules/catalog/index.server";
import type { JobPostInput } from "./schemas";
import { applyJobCommand, type JobCommand } from "./status";

/** Expected failures of a write, each with the HTTP status the route answers with. */
export class JobError extends AppError {
  constructor(
    /** not_found: no such post for this user; closed: a closed post is history and cannot change;
     * employer_forbidden: the user may not post for that employer. */
    readonly code: "not_found" | "closed" | "employer_forbidden",
    readonly status: 403 | 404 | 409,
  ) {
    super(code, status);
  }
}

const EMPLOYER_ROLES = ["ADMIN", "RECRUITER"] as const;

/** A job post as the module reads it: the one shape of a job (employer pages, public page, matching input). */
export const JOB_SELECT = {
  id: true,
  employerId: true,
  createdById: true,
  title: true,
  description: true,
  region: true,
  workMode: true,
  contractType: true,
  languages: true,
  minTier: true,
  status: true,
  publishedAt: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  skills: { select: { skillId: true, required: true }, orderBy: { skillId: "asc" } },
} as const;

const EMPLOYER_SELECT = { id: true, slug: true, name: true, employerType: true, city: true } as const;

function findJob(where: { id: string; employerId?: { in: string[] } }) {
  return prisma.jobPost.findFirst({ where, select: JOB_SELECT });
}

function findEmployer(id: string) {
  return prisma.organisation.findFirst({ where: { id, kind: "EMPLOYER" }, select: EMPLOYER_SELECT });
}

export type JobRecord = NonNullable<Awaited<ReturnType<typeof findJob>>>;
export type JobEmployer = NonNullable<Awaited<ReturnType<typeof findEmployer>>>;
export type JobAccess = { user: CurrentUser; job: JobRecord; employer: JobEmployer };

const isPlatformAdmin = (user: Pick<CurrentUser, "roles">) => user.roles.includes("PLATFORM_ADMIN");

/** The employer organisations the user recruits for (ADMIN or RECRUITER). */
async function memberEmployerIds(userId: string) {
  const rows = await prisma.membership.findMany({
    where: { userId, role: { in: [...EMPLOYER_ROLES] }, organisation: { kind: "EMPLOYER" } },
    select: { organisationId: true },
  });
  return [...new Set(rows.map((r) => r.organisationId))];
}

/**
 * The guard of every employer-side job page, action and API (the matches section and `GET /api/jobs/:id/matches`
 * reuse it). Returns the signed-in user, the post and its employer organisation, or throws:
 * - a redirect to /login for a visitor who is not signed in;
 * - 403 for an account with no employer role (a learner, an instructor);
 * - 404 for an unknown post or another employer's post (scoped in the `where`, so both look the same).
 * Platform admins reach every post.
 */
export async function requireJobAccess({ request, jobId }: { request: Request; jobId: string }): Promise<JobAccess> {
  const user = await requireUser(request);
  if (!isPlatformAdmin(user) && !user.roles.includes("EMPLOYER")) throw data({ error: "forbidden" }, { status: 403 });
  const job = isPlatformAdmin(user) ? await findJob({ id: jobId }) : await findJob({ id: jobId, employerId: { in: await memberEmployerIds(user.id) } });
  if (!job) throw data({ error: "not_found" }, { status: 404 });
  const employer = await findEmployer(job.employerId);
  if (!employer) throw data({ error: "not_found" }, { status: 404 });
  return { user, job, employer };
}

/** Whether the user may see this post on the employer side (a draft's public page uses it). */
export async function canManageJob({ user, employerId }: { user: Pick<CurrentUser, "id" | "roles">; employerId: string }) {
  if (isPlatformAdmin(user)) return true;
  return (await memberEmployerIds(user.id)).includes(employerId);
}

/** The employers the user may post for: their own, or every employer for a platform admin. */
export function listPostableEmployers({ user }: { user: Pick<CurrentUser, "id" | "roles"> }) {
  return prisma.organisation.findMany({
    where: { kind: "EMPLOYER", ...(isPlatformAdmin(user) ? {} : { memberships: { some: { userId: user.id, role: { in: [...EMPLOYER_ROLES] } } } }) },
    select: EMPLOYER_SELECT,
    orderBy: { name: "asc" },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What the form offers

export type LocalizedLabel = Partial<Record<"fr" | "ar" | "en", string>>;

/** A Json label from the database as {fr, ar, en} strings (anything else dropped). */
export function labelsOf(value: unknown): LocalizedLabel {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const out: LocalizedLabel = {};
  for (const language of ["fr", "ar", "en"] as const) {
    const text: unknown = Reflect.get(value, language);
    if (typeof text === "string" && text.trim() !== "") out[language] = text;
  }
  return out;
}

/**
 * The current taxonomy for the form and the suggester: each skill with its labels, its label in the reader's
 * language and the lowest tier of the courses that certify it (the form groups skills by tier; null = no course yet),
 * and the certification tiers.
 */
export async function loadJobTaxonomy({ language }: { language: string }) {
  const [skills, tiers] = await Promise.all([
    prisma.skill.findMany({
      where: { archivedAt: null },
      select: {
        id: true,
        label: true,
        description: true,
        courses: { where: { course: { archivedAt: null } }, select: { course: { select: { tier: true } } } },
      },
    }),
    prisma.tier.findMany({ where: { archivedAt: null }, select: { level: true, title: true }, orderBy: { level: "asc" } }),
  ]);
  const collator = new Intl.Collator(language);
  return {
    skills: skills
      .map((s) => {
        const courseTiers = s.courses.map((c) => c.course.tier);
        return {
          id: s.id,
          labels: labelsOf(s.label),
          descriptions: labelsOf(s.description),
          label: localized(s.label, language) || s.id,
          tier: courseTiers.length > 0 ? Math.min(...courseTiers) : null,
        };
      })
      .sort((a, b) => (a.tier ?? 99) - (b.tier ?? 99) || collator.compare(a.label, b.label)),
    tiers: tiers.map((t) => ({ level: t.level, title: localized(t.title, language) || String(t.level) })),
  };
}

export type JobTaxonomy = Awaited<ReturnType<typeof loadJobTaxonomy>>;

// ---------------------------------------------------------------------------------------------------------------
// Writes

function jobData(input: JobPostInput) {
  return {
    title: input.title,
    description: input.description,
    workMode: input.workMode,
    region: input.region,
    contractType: input.contractType,
    languages: input.languages,
    minTier: input.minTier,
  };
}

function skillRows(jobId: string, input: JobPostInput) {
  return [
    ...input.requiredSkills.map((skillId) => ({ jobId, skillId, required: true })),
    ...input.niceSkills.map((skillId) => ({ jobId, skillId, required: false })),
  ];
}

/** A new post for `employerId`, as a draft or published at once. Throws JobError("employer_forbidden") for an
 * employer the user does not recruit for. */
export async function createJobPost({
  user,
  employerId,
  input,
  publish,
}: {
  user: Pick<CurrentUser, "id" | "roles">;
  employerId: string;
  input: JobPostInput;
  publish: boolean;
}) {
  const allowed = isPlatformAdmin(user) ? Boolean(await findEmployer(employerId)) : (await memberEmployerIds(user.id)).includes(employerId);
  if (!allowed) throw new JobError("employer_forbidden", 403);
  return prisma.jobPost.create({
    data: {
      ...jobData(input),
      employerId,
      createdById: user.id,
      status: publish ? "PUBLISHED" : "DRAFT",
      publishedAt: publish ? new Date() : null,
      skills: {
        create: [
          ...input.requiredSkills.map((skillId) => ({ skillId, required: true })),
          ...input.niceSkills.map((skillId) => ({ skillId, required: false })),
        ],
      },
    },
    select: { id: true, status: true },
  });
}

/**
 * Saves the form over a post and applies `command` ("save" keeps the status, "publish" publishes). The post's
 * fields and skills change in one transaction; a post closed meanwhile is refused (JobError "closed").
 */
export async function updateJobPost({ job, input, command }: { job: Pick<JobRecord, "id" | "status">; input: JobPostInput; command: "save" | "publish" }) {
  const transition = applyJobCommand(job.status, command);
  if (!transition.ok) throw new JobError("closed", 409);
  await prisma.$transaction(async (tx) => {
    const updated = await tx.jobPost.updateMany({
      where: { id: job.id, status: { not: "CLOSED" } },
      data: { ...jobData(input), status: transition.status, ...(transition.setPublishedAt ? { publishedAt: new Date() } : {}) },
    });
    if (updated.count === 0) throw new JobError("closed", 409);
    await tx.jobSkill.deleteMany({ where: { jobId: job.id } });
    await tx.jobSkill.createMany({ data: skillRows(job.id, input) });
  });
  return { id: job.id, status: transition.status };
}

/** Publishes or closes a post as it stands (its content was validated when it was saved). */
export async function changeJobStatus({ job, command }: { job: Pick<JobRecord, "id" | "status">; command: Exclude<JobCommand, "save"> }) {
  const transition = applyJobCommand(job.status, command);
  if (!transition.ok) throw new JobError("closed", 409);
  const updated = await prisma.jobPost.updateMany({
    where: { id: job.id, status: { not: "CLOSED" } },
    data: {
      status: transition.status,
      ...(transition.setPublishedAt ? { publishedAt: new Date() } : {}),
      ...(transition.setClosedAt ? { closedAt: new Date() } : {}),
    },
  });
  if (updated.count === 0) throw new JobError("closed", 409);
  return { id: job.id, status: transition.status };
}

// ---------------------------------------------------------------------------------------------------------------
// Reads for the employer's pages

/** The user's employers, each with its posts (newest first) and their application counts. */
export async function listEmployerJobs({ user }: { user: Pick<CurrentUser, "id" | "roles"> }) {
  const employers = await listPostableEmployers({ user });
  const jobs = await prisma.jobPost.findMany({
    where: { employerId: { in: employers.map((e) => e.id) } },
    select: {
      id: true,
      employerId: true,
      title: true,
      status: true,
      region: true,
      workMode: true,
      contractType: true,
      publishedAt: true,
      closedAt: true,
      updatedAt: true,
      _count: { select: { applications: { where: { status: "APPLIED" } } } },
    },
    orderBy: [{ updatedAt: "desc" }],
  });
  return employers.map((employer) => ({
    ...employer,
    jobs: jobs
      .filter((j) => j.employerId === employer.id)
      .map(({ _count, ...job }) => ({ ...job, applications: _count.applications })),
  }));
}

/** Counts shown on a post's employer-side page. */
export async function countApplications({ jobId }: { jobId: string }) {
  return prisma.jobApplication.count({ where: { jobId, status: "APPLIED" } });
}
