// One-click applications. Applying shares the candidate's identity with the job's employer (disclosure.server.ts)
// and the ids of the valid credentials that prove skills the job asks for, nothing else.
import { prisma } from "~/lib/db.server";
import { listValidCredentials } from "./credentials.server";
import { CandidateError } from "./errors";
import { isActiveCandidate } from "./profile.server";

/** A job a candidate may act on: published. Drafts do not exist outside their employer; closed jobs take no one. */
export async function requireOpenJob({ jobId }: { jobId: string }) {
  const job = await prisma.jobPost.findUnique({
    where: { id: jobId },
    select: { id: true, title: true, status: true, employerId: true, skills: { select: { skillId: true } } },
  });
  if (!job || job.status === "DRAFT") throw new CandidateError("jobNotFound");
  if (job.status === "CLOSED") throw new CandidateError("jobClosed");
  return job;
}

export type ApplyResult = { applied: "new" | "again" | "unchanged"; sharedCredentialIds: string[] };

/**
 * Applies to a published job. Idempotent: a second click (or two at once) leaves the first application as it was;
 * applying again after withdrawing reopens it with the credentials valid now. Only an active candidate applies.
 */
export async function applyToJob({ jobId, userId, now = new Date() }: { jobId: string; userId: string; now?: Date }): Promise<ApplyResult> {
  if (!(await isActiveCandidate({ userId }))) throw new CandidateError("notOptedIn");
  const job = await requireOpenJob({ jobId });
  const jobSkills = new Set(job.skills.map((s) => s.skillId));
  const credentials = await listValidCredentials({ userId, now });
  const sharedCredentialIds = credentials.filter((c) => c.skillIds.some((s) => jobSkills.has(s))).map((c) => c.id);

  // ON CONFLICT DO NOTHING on (jobId, userId): the unique key, not a read-then-write, decides who creates the row.
  const { count } = await prisma.jobApplication.createMany({
    data: [{ jobId, userId, sharedCredentialIds, createdAt: now }],
    skipDuplicates: true,
  });
  if (count === 1) return { applied: "new", sharedCredentialIds };
  const reopened = await prisma.jobApplication.updateMany({
    where: { jobId, userId, status: "WITHDRAWN" },
    data: { status: "APPLIED", sharedCredentialIds },
  });
  if (reopened.count === 1) return { applied: "again", sharedCredentialIds };
  const existing = await prisma.jobApplication.findUniqueOrThrow({ where: { jobId_userId: { jobId, userId } }, select: { sharedCredentialIds: true } });
  return { applied: "unchanged", sharedCredentialIds: existing.sharedCredentialIds };
}

/** Withdraws an application (kept as WITHDRAWN): the employer no longer sees the candidate's identity for it. */
export async function withdrawApplication({ jobId, userId }: { jobId: string; userId: string }) {
  const { count } = await prisma.jobApplication.updateMany({ where: { jobId, userId, status: "APPLIED" }, data: { status: "WITHDRAWN" } });
  return { changed: count > 0 };
}

/** The candidate's applications, newest first, with the job and its employer. */
export async function listMyApplications({ userId }: { userId: string }) {
  const applications = await prisma.jobApplication.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      jobId: true,
      status: true,
      createdAt: true,
      sharedCredentialIds: true,
      job: { select: { title: true, status: true, employerId: true } },
    },
  });
  const employers = await employerNames(applications.map((a) => a.job.employerId));
  return applications.map((a) => ({
    jobId: a.jobId,
    status: a.status,
    appliedAt: a.createdAt,
    sharedCredentialCount: a.sharedCredentialIds.length,
    jobTitle: a.job.title,
    jobStatus: a.job.status,
    employerName: employers.get(a.job.employerId) ?? "",
  }));
}

export async function employerNames(ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const organisations = await prisma.organisation.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(organisations.map((o) => [o.id, o.name]));
}
