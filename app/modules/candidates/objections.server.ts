// The right to object (law 09-08, art. 11): a candidate asks why they were ranked as they were, or not shown, and
// for a human review. The request keeps what the candidate saw at the time (the breakdown, or null when they were
// not listed), goes to a queue the job's employer or a platform admin must answer, and the answer is e-mailed to
// the candidate and shown on their job-board page. Answers are never overwritten.
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import { explainListing, logRanking } from "~/modules/matching/index.server";
import type { MatchBreakdown } from "~/modules/matching/index.server";
import { employerNames } from "./applications.server";
import { parseBreakdown } from "./breakdown";
import { CandidateError } from "./errors";
import { notify } from "~/modules/notifications/index.server";
import { linkTo } from "./notify.server";

/** A job a candidate may object about: published or closed (a past ranking can be contested); never a draft. */
async function requireVisibleJob(jobId: string) {
  const job = await prisma.jobPost.findUnique({ where: { id: jobId }, select: { id: true, title: true, status: true, employerId: true } });
  if (!job || job.status === "DRAFT") throw new CandidateError("jobNotFound");
  return job;
}

/**
 * What the objection page shows before the candidate writes: the job, whether and where they are listed now (with
 * their place in the list), their breakdown, and the reasons they are kept off the list. A place in a ranking is
 * something shown, so it is logged for audit (RankingLog, channel "candidate_page") like the employer's views.
 */
export async function getObjectionContext({ jobId, userId }: { jobId: string; userId: string }) {
  const job = await requireVisibleJob(jobId);
  const [profile, explanation, open, employers] = await Promise.all([
    prisma.candidateProfile.findUnique({ where: { userId }, select: { active: true, handle: true } }),
    explainListing({ jobId, userId, withRank: true }),
    prisma.matchObjection.findFirst({ where: { jobId, userId, status: "OPEN" }, select: { id: true, createdAt: true } }),
    employerNames([job.employerId]),
  ]);
  if (profile && explanation.rank !== null && explanation.breakdown) {
    await logRanking({ jobId, viewerId: userId, channel: "candidate_page", candidates: [{ userId, handle: profile.handle, rank: explanation.rank, breakdown: explanation.breakdown }] });
  }
  return {
    job: { id: job.id, title: job.title, status: job.status, employerName: employers.get(job.employerId) ?? "" },
    isCandidate: profile?.active === true,
    isListed: explanation.isListed,
    rank: explanation.rank,
    tiedWith: explanation.tiedWith,
    breakdown: explanation.breakdown,
    // The job's own status is shown apart; these are the reasons that concern the candidate.
    exclusions: explanation.exclusions.filter((e) => e !== "job_not_published"),
    openObjection: open,
  };
}

/**
 * Files an objection with a snapshot of the candidate's breakdown for the job at this moment (null: not listed).
 * One open objection per job and candidate (objectionOpen, 409, while it waits for its answer); a two-click
 * double submit files one. Any signed-in learner may object, opted in or not: "why am I not shown" is a question
 * the law lets them ask.
 */
export async function fileObjection({ jobId, userId, message, now = new Date() }: { jobId: string; userId: string; message: string; now?: Date }) {
  await requireVisibleJob(jobId);
  // Computed before the transaction: explainListing uses other pooled connections, which must not be awaited
  // while a transaction is open (PGlite serialises connections: docs/decisions/003-embedded-pglite-default.md).
  const listing = await explainListing({ jobId, userId, withRank: true });
  const breakdown = listing.exclusions.length === 0 ? listing.breakdown : null;
  return prisma.$transaction(async (tx) => {
    // Serialises this candidate's objections on this job, so the "one open" check and the insert are atomic.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`objection:${jobId}:${userId}`}))::text AS "locked"`;
    const open = await tx.matchObjection.findFirst({ where: { jobId, userId, status: "OPEN" }, select: { id: true } });
    if (open) throw new CandidateError("objectionOpen");
    return tx.matchObjection.create({
      data: { jobId, userId, message, snapshot: breakdown ?? Prisma.JsonNull, rank: listing.rank, tiedWith: listing.tiedWith, createdAt: now },
      select: { id: true, createdAt: true },
    });
  });
}

/** The candidate's objections with the answers, newest first. */
export async function listMyObjections({ userId }: { userId: string }) {
  const objections = await prisma.matchObjection.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, jobId: true, message: true, status: true, answer: true, answeredAt: true, createdAt: true },
  });
  const jobs = await prisma.jobPost.findMany({ where: { id: { in: objections.map((o) => o.jobId) } }, select: { id: true, title: true } });
  return objections.map((o) => ({ ...o, jobTitle: jobs.find((j) => j.id === o.jobId)?.title ?? "" }));
}

export type ObjectionForReview = {
  id: string;
  jobId: string;
  jobTitle: string;
  employerName: string;
  /** The candidate's pseudonym: reviewers see the pseudonymous profile, as employers do before any disclosure. */
  handle: string | null;
  message: string;
  snapshot: MatchBreakdown | null;
  /** Their place in the job's list when they objected (null: not listed), and how many were tied with them. */
  rank: number | null;
  tiedWith: number | null;
  /** The candidate's current pseudonymous profile (null: not on the job board now), for the human review. */
  profile: { active: boolean; region: string | null; openToRemote: boolean; languages: string[]; skills: Array<{ skillId: string; verified: boolean }> } | null;
  status: "OPEN" | "ANSWERED";
  answer: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  createdAt: Date;
};

const QUEUE_LIMIT = 200;

async function objectionsForJobs(jobIds: string[] | null): Promise<ObjectionForReview[]> {
  const objections = await prisma.matchObjection.findMany({
    where: jobIds ? { jobId: { in: jobIds } } : {},
    // Open ones first (the queue), then the most recent.
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: QUEUE_LIMIT,
    select: { id: true, jobId: true, userId: true, message: true, snapshot: true, rank: true, tiedWith: true, status: true, answer: true, answeredById: true, answeredAt: true, createdAt: true },
  });
  const userIds = [...new Set(objections.map((o) => o.userId))];
  const [jobs, profiles, skills, answerers] = await Promise.all([
    prisma.jobPost.findMany({ where: { id: { in: [...new Set(objections.map((o) => o.jobId))] } }, select: { id: true, title: true, employerId: true } }),
    prisma.candidateProfile.findMany({
      where: { userId: { in: userIds } },
      select: { userId: true, handle: true, active: true, region: true, openToRemote: true, languages: true },
    }),
    prisma.candidateSkill.findMany({ where: { userId: { in: userIds } }, select: { userId: true, skillId: true, verified: true }, orderBy: { skillId: "asc" } }),
    prisma.user.findMany({
      where: { id: { in: objections.flatMap((o) => (o.answeredById ? [o.answeredById] : [])) } },
      select: { id: true, name: true },
    }),
  ]);
  const employers = await employerNames(jobs.map((j) => j.employerId));
  return objections.map((o) => {
    const job = jobs.find((j) => j.id === o.jobId);
    const profile = profiles.find((p) => p.userId === o.userId);
    return {
      id: o.id,
      jobId: o.jobId,
      jobTitle: job?.title ?? "",
      employerName: job ? (employers.get(job.employerId) ?? "") : "",
      handle: profile?.handle ?? null,
      message: o.message,
      snapshot: parseBreakdown(o.snapshot),
      rank: o.rank,
      tiedWith: o.tiedWith,
      profile: profile
        ? {
            active: profile.active,
            region: profile.region,
            openToRemote: profile.openToRemote,
            languages: profile.languages,
            skills: skills.filter((s) => s.userId === o.userId).map(({ skillId, verified }) => ({ skillId, verified })),
          }
        : null,
      status: o.status,
      answer: o.answer,
      answeredByName: answerers.find((a) => a.id === o.answeredById)?.name ?? null,
      answeredAt: o.answeredAt,
      createdAt: o.createdAt,
    };
  });
}

/** Employer organisations where the user may answer for the employer (admins and recruiters). */
async function employerIdsOf(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId, role: { in: ["ADMIN", "RECRUITER"] }, organisation: { kind: "EMPLOYER" } },
    select: { organisationId: true },
  });
  return memberships.map((m) => m.organisationId);
}

/** The queue of one employer member: objections on jobs of every employer they belong to (open first). */
export async function listObjectionsForEmployer({ userId }: { userId: string }) {
  const employerIds = await employerIdsOf(userId);
  if (employerIds.length === 0) return [];
  const jobs = await prisma.jobPost.findMany({ where: { employerId: { in: employerIds } }, select: { id: true } });
  if (jobs.length === 0) return [];
  return objectionsForJobs(jobs.map((j) => j.id));
}

/** The platform admins' queue: every objection (open first). Call only behind a PLATFORM_ADMIN guard. */
export async function listAllObjections() {
  return objectionsForJobs(null);
}

export type AnswerObjectionOptions = {
  objectionId: string;
  answer: string;
  /** The user answering: a member (admin or recruiter) of the job's employer, or a platform admin. */
  answeredBy: string;
  /** Public origin for the link in the candidate's e-mail (appOrigin() from lib/origin.server). */
  origin?: string;
  now?: Date;
};

/**
 * Answers an objection once, as a human review. The access rule is checked here, not only by the page: the
 * answerer must belong to the employer of the objection's job, or be a platform admin; for anyone else the
 * objection does not exist (objectionNotFound, 404), so its existence does not leak across employers. A second
 * answer is refused (alreadyAnswered, 409). The candidate is e-mailed in their language.
 */
export async function answerObjection({ objectionId, answer, answeredBy, origin, now = new Date() }: AnswerObjectionOptions) {
  const objection = await prisma.matchObjection.findUnique({ where: { id: objectionId }, select: { id: true, jobId: true, userId: true } });
  if (!objection) throw new CandidateError("objectionNotFound");
  const job = await prisma.jobPost.findUnique({ where: { id: objection.jobId }, select: { title: true, employerId: true } });
  const [isAdmin, employerIds] = await Promise.all([
    prisma.userRole.findFirst({ where: { userId: answeredBy, role: "PLATFORM_ADMIN" }, select: { userId: true } }),
    employerIdsOf(answeredBy),
  ]);
  if (!isAdmin && !(job && employerIds.includes(job.employerId))) throw new CandidateError("objectionNotFound");

  const { count } = await prisma.matchObjection.updateMany({
    where: { id: objectionId, status: "OPEN" },
    data: { status: "ANSWERED", answer: answer.trim(), answeredById: answeredBy, answeredAt: now },
  });
  if (count === 0) throw new CandidateError("alreadyAnswered");

  const user = await prisma.user.findUniqueOrThrow({ where: { id: objection.userId }, select: { name: true, email: true, locale: true } });
  const t = await getFixedT(user.locale);
  const jobTitle = job?.title ?? "";
  await notify({
    userId: objection.userId,
    kind: "objection_answered",
    values: { job: jobTitle },
    href: "/account/job-board#objections",
    email: {
      to: user.email,
      subject: t("email.objectionAnswered.subject", { job: jobTitle }),
      text: t("email.objectionAnswered.body", { name: user.name, job: jobTitle, answer: answer.trim(), link: linkTo("/account/job-board#objections", origin) }),
    },
  });
  return { id: objectionId, answeredAt: now };
}
