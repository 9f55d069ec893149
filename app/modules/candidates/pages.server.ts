// What the candidate's pages show, assembled in one place so the routes stay an HTTP boundary.
import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";
import { explainListing } from "~/modules/matching/index.server";
import { listMyApplications } from "./applications.server";
import { listContactRequestsForCandidate } from "./contact.server";
import { listValidCredentials, verifiedSkillsOf } from "./credentials.server";
import { listSkillTaxonomy, skillLabelMap } from "~/modules/catalog/index.server";
import { listJobsForMe } from "./matches.server";
import { listMyObjections } from "./objections.server";
import { getCandidateProfile } from "./profile.server";

/** /account/job-board: the profile and its settings, the verified skills, contact requests and objections. */
export async function loadJobBoardPage({ userId, language }: { userId: string; language: string }) {
  const [profile, taxonomy, credentials, contactRequests, objections] = await Promise.all([
    getCandidateProfile({ userId }),
    listSkillTaxonomy({ language }),
    listValidCredentials({ userId }),
    listContactRequestsForCandidate({ userId }),
    listMyObjections({ userId }),
  ]);
  const courses = await prisma.course.findMany({
    where: { id: { in: [...new Set(credentials.map((c) => c.courseId))] } },
    select: { id: true, title: true },
  });
  const verified = verifiedSkillsOf(credentials);
  const labels = await skillLabelMap({ skillIds: verified.map((v) => v.skillId), language });
  return {
    profile,
    taxonomy,
    verifiedSkills: verified
      .map((v) => ({
        skillId: v.skillId,
        label: labels[v.skillId] ?? v.skillId,
        tier: v.tier,
        courses: credentials
          .filter((c) => v.credentialIds.includes(c.id))
          .map((c) => localized(courses.find((course) => course.id === c.courseId)?.title, language) || c.courseId),
      }))
      .sort((a, b) => a.label.localeCompare(b.label, language)),
    contactRequests,
    objections,
  };
}

/** /account/job-board/matches: the jobs where the candidate is listed, with why, and their applications. */
export async function loadMatchesPage({ userId, language }: { userId: string; language: string }) {
  const [profile, { listed: jobs, keptOff }, applications] = await Promise.all([
    prisma.candidateProfile.findUnique({ where: { userId }, select: { active: true, handle: true } }),
    listJobsForMe({ userId }),
    listMyApplications({ userId }),
  ]);
  const skillLabels = await skillLabelMap({ skillIds: jobs.flatMap((j) => j.breakdown.contributions.map((c) => c.skillId)), language });
  return { isCandidate: profile?.active === true, handle: profile?.handle ?? null, jobs, keptOff, applications, skillLabels };
}

/**
 * The candidate's panel on the public job page (/jobs/:jobId, section "apply"): whether the viewer is on the job
 * board, listed for this job and why (or why not), and whether they applied. Null for a visitor who is not signed in.
 */
export async function loadCandidateJobPanel({ jobId, userId, language }: { jobId: string; userId: string | null; language: string }) {
  if (!userId) return null;
  const [profile, explanation, application] = await Promise.all([
    prisma.candidateProfile.findUnique({ where: { userId }, select: { active: true } }),
    explainListing({ jobId, userId }),
    prisma.jobApplication.findUnique({ where: { jobId_userId: { jobId, userId } }, select: { status: true } }),
  ]);
  const skillLabels = await skillLabelMap({ skillIds: explanation.breakdown?.contributions.map((c) => c.skillId) ?? [], language });
  return {
    isCandidate: profile?.active === true,
    jobOpen: explanation.jobStatus === "PUBLISHED",
    isListed: explanation.isListed,
    breakdown: explanation.breakdown,
    exclusions: explanation.exclusions.filter((e) => e !== "job_not_published"),
    application: application?.status ?? null,
    skillLabels,
  };
}
