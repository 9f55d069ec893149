// What an employer sees for one of its jobs: the ranked candidates (verified credential holders first), each with
// the skill-by-skill breakdown, as pseudonymous profiles until the candidate applies or accepts contact. Every
// ranking shown is logged for audit (matching/ranking.server.ts logRanking).
import { prisma } from "~/lib/db.server";
import { createContactRequest } from "~/modules/candidates/contact.server";
import { disclosedIdentities } from "~/modules/candidates/disclosure.server";
import { CandidateError } from "~/modules/candidates/errors";
import { skillLabelMap } from "~/modules/candidates/labels.server";
import { REGIONS, regionLabel } from "~/modules/jobs/regions";
import { logRanking, rankCandidates } from "~/modules/matching/ranking.server";
import type { MatchBreakdown } from "~/modules/matching/types";

export type MatchRow = {
  rank: number;
  userId: string;
  handle: string;
  breakdown: MatchBreakdown;
  region: string | null;
  openToRemote: boolean;
  languages: string[];
  /** Names of the valid credentials behind the verified skills (achievement names, as issued). */
  credentials: Array<{ id: string; name: string }>;
  applied: boolean;
  contact: "none" | "pending" | "accepted" | "declined";
  /** Only when the candidate applied or accepted contact for this job. */
  identity: { name: string; email: string } | null;
};

export async function employerMatches({
  jobId,
  viewerId,
  channel,
  limit = 50,
}: {
  jobId: string;
  viewerId: string;
  channel: "employer_page" | "api";
  limit?: number;
}): Promise<MatchRow[]> {
  const { candidates } = await rankCandidates({ jobId, limit });
  await logRanking({ jobId, viewerId, channel, candidates });
  const userIds = candidates.map((c) => c.userId);
  const [profiles, applications, contacts, credentials] = await Promise.all([
    prisma.candidateProfile.findMany({ where: { userId: { in: userIds } }, select: { userId: true, region: true, openToRemote: true, languages: true } }),
    prisma.jobApplication.findMany({ where: { jobId, userId: { in: userIds }, status: "APPLIED" }, select: { userId: true } }),
    prisma.contactRequest.findMany({ where: { jobId, userId: { in: userIds } }, select: { userId: true, status: true } }),
    prisma.candidateSkill.findMany({
      where: { userId: { in: userIds }, verified: true, credentialId: { not: null } },
      select: { userId: true, credentialId: true },
    }),
  ]);
  const credentialIds = [...new Set(credentials.flatMap((c) => (c.credentialId ? [c.credentialId] : [])))];
  const issued = await prisma.issuedCredential.findMany({ where: { id: { in: credentialIds }, revokedAt: null }, select: { id: true, json: true } });
  const credentialName = new Map(issued.map((c) => [c.id, achievementName(c.json)]));
  const disclosed = await disclosedIdentities({ jobId, userIds });
  const identities = await prisma.user.findMany({ where: { id: { in: [...disclosed] } }, select: { id: true, name: true, email: true } });
  return candidates.map((candidate) => {
    const profile = profiles.find((p) => p.userId === candidate.userId);
    const contact = contacts.find((c) => c.userId === candidate.userId)?.status;
    const identity = identities.find((u) => u.id === candidate.userId);
    const own = [...new Set(credentials.filter((c) => c.userId === candidate.userId).flatMap((c) => (c.credentialId ? [c.credentialId] : [])))];
    return {
      rank: candidate.rank,
      userId: candidate.userId,
      handle: candidate.handle,
      breakdown: candidate.breakdown,
      region: profile?.region ?? null,
      openToRemote: profile?.openToRemote ?? false,
      languages: profile?.languages ?? [],
      credentials: own.flatMap((id) => {
        const name = credentialName.get(id);
        return name ? [{ id, name }] : [];
      }),
      applied: applications.some((a) => a.userId === candidate.userId),
      contact: contact === "PENDING" ? "pending" : contact === "ACCEPTED" ? "accepted" : contact === "DECLINED" ? "declined" : "none",
      identity: identity ? { name: identity.name, email: identity.email } : null,
    };
  });
}

function achievementName(json: unknown): string {
  if (typeof json !== "object" || json === null) return "";
  const subject: unknown = Reflect.get(json, "credentialSubject");
  const achievement: unknown = typeof subject === "object" && subject !== null ? Reflect.get(subject, "achievement") : undefined;
  const name: unknown = typeof achievement === "object" && achievement !== null ? Reflect.get(achievement, "name") : undefined;
  return typeof name === "string" ? name : "";
}

/** The job page's matches section: the list without account ids, and the labels it needs. */
export async function jobMatchesSection({ job, viewerId, language }: { job: { id: string; status: string }; viewerId: string; language: string }) {
  const published = job.status === "PUBLISHED";
  const rows = published ? await employerMatches({ jobId: job.id, viewerId, channel: "employer_page" }) : [];
  const skillIds = [...new Set(rows.flatMap((r) => r.breakdown.contributions.map((c) => c.skillId)))];
  return {
    published,
    matches: rows.map(({ userId: _userId, ...row }) => row),
    skillLabels: await skillLabelMap({ skillIds, language }),
    regionLabels: Object.fromEntries(REGIONS.map((r) => [r.id, regionLabel(r.id, language)])),
  };
}

export type MatchActionResult = { ok: true; handle: string } | { ok: false; status: 400 | 403 | 404 | 409; error: string };

/** intent=contact on the job page: a contact request to the candidate behind a pseudonym (candidates/contact.server). */
export async function handleMatchAction({ jobId, viewerId, form, origin }: { jobId: string; viewerId: string; form: FormData; origin: string }): Promise<MatchActionResult> {
  if (String(form.get("intent") ?? "") !== "contact") return { ok: false, status: 400, error: "unknown_action" };
  const handle = String(form.get("handle") ?? "");
  const profile = await prisma.candidateProfile.findFirst({ where: { handle, active: true }, select: { userId: true } });
  if (!profile) return { ok: false, status: 404, error: "unknown_candidate" };
  try {
    await createContactRequest({ jobId, userId: profile.userId, requestedById: viewerId, message: String(form.get("message") ?? ""), origin });
    return { ok: true, handle };
  } catch (error) {
    if (error instanceof CandidateError) {
      const status = error.status === 403 || error.status === 404 || error.status === 409 ? error.status : 400;
      return { ok: false, status, error: error.code };
    }
    throw error;
  }
}
