// "Jobs for me": the published jobs where the candidate would be listed, each with the same skill-by-skill
// breakdown the employer sees (matching/ranking.server.ts explainCandidate), so the candidate knows why.
import type { JobPost, Organisation } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { explainListingsForJobs, type ExclusionCode } from "~/modules/matching/index.server";
import type { MatchBreakdown } from "~/modules/matching/index.server";

export const JOBS_FOR_ME_LIMIT = 50;

// Typed from the Prisma schema; the employer's name is null when the LEFT JOIN finds no organisation.
type CandidateJobRow = Pick<JobPost, "id" | "title" | "region" | "workMode" | "contractType" | "languages" | "publishedAt"> & {
  employerName: Organisation["name"] | null;
};

// One query picks the jobs worth explaining: published, and sharing at least one skill (verified or declared)
// with an active candidate; the most recently published first. Jobs sharing no skill could never list the
// candidate (no score is invented from missing data), so they are not scanned at all.
const CANDIDATE_JOBS_SQL = `
  SELECT j."id", j."title", j."region", j."workMode", j."contractType",
         j."languages", j."publishedAt", o."name" AS "employerName"
  FROM "JobPost" j
  LEFT JOIN "Organisation" o ON o."id" = j."employerId"
  WHERE j."status" = 'PUBLISHED'
    AND EXISTS (SELECT 1 FROM "CandidateProfile" p WHERE p."userId" = $1 AND p."active")
    AND EXISTS (SELECT 1 FROM "JobSkill" js JOIN "CandidateSkill" cs ON cs."skillId" = js."skillId"
                WHERE js."jobId" = j."id" AND cs."userId" = $1)
  ORDER BY j."publishedAt" DESC NULLS LAST, j."id"
  LIMIT $2`;

export type JobForMe = {
  jobId: string;
  title: string;
  employerName: string;
  region: string | null;
  workMode: string;
  contractType: string;
  languages: string[];
  publishedAt: Date | null;
  breakdown: MatchBreakdown;
  application: "APPLIED" | "WITHDRAWN" | null;
};

/** A published job sharing a skill with the candidate that a filter keeps them off, and which filters. */
export type JobKeptOff = { jobId: string; title: string; employerName: string; exclusions: ExclusionCode[] };

/**
 * Jobs where the candidate would be listed, newest first, with why; and the jobs sharing their skills that a filter
 * (region, language, minimum tier…) keeps them off, with the real reason, so "no job" never reads as "add skills"
 * when it is not about skills. Empty for someone not on the job board.
 */
export async function listJobsForMe({ userId, limit = JOBS_FOR_ME_LIMIT }: { userId: string; limit?: number }): Promise<{ listed: JobForMe[]; keptOff: JobKeptOff[] }> {
  const jobs = await sql<CandidateJobRow>(CANDIDATE_JOBS_SQL, [userId, limit]);
  if (jobs.length === 0) return { listed: [], keptOff: [] };
  const [explanations, applications] = await Promise.all([
    explainListingsForJobs({ userId, jobIds: jobs.map((job) => job.id) }),
    prisma.jobApplication.findMany({ where: { userId, jobId: { in: jobs.map((j) => j.id) } }, select: { jobId: true, status: true } }),
  ]);
  const keptOff = jobs.flatMap((job): JobKeptOff[] => {
    const exclusions = (explanations.get(job.id)?.exclusions ?? []).filter((code) => code !== "no_relevant_skill" && code !== "job_not_published" && code !== "not_on_job_board");
    return exclusions.length > 0 ? [{ jobId: job.id, title: job.title, employerName: job.employerName ?? "", exclusions }] : [];
  });
  const listed = jobs.flatMap((job): JobForMe[] => {
    const explanation = explanations.get(job.id);
    const breakdown = explanation && explanation.exclusions.length === 0 ? explanation.breakdown : null;
    if (!breakdown) return [];
    return [
      {
        jobId: job.id,
        title: job.title,
        employerName: job.employerName ?? "",
        region: job.region,
        workMode: job.workMode,
        contractType: job.contractType,
        languages: job.languages,
        publishedAt: job.publishedAt,
        breakdown,
        application: applications.find((a) => a.jobId === job.id)?.status ?? null,
      },
    ];
  });
  return { listed, keptOff };
}
