// What an employer sees for one of its jobs: the ranked candidates (verified credential holders first), each with
// the skill-by-skill breakdown, as pseudonymous profiles until the candidate applies or accepts contact. Every
// ranking shown is logged for audit (matching/ranking.server.ts logRanking).
import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";
import { createContactRequest } from "./contact.server";
import { validUntilOf } from "./credentials.server";
import { disclosedIdentities } from "./disclosure.server";
import { CandidateError } from "./errors";
import { skillLabelMap } from "~/modules/catalog/index.server";
import { ISSUER_NAME } from "~/modules/certification/index.server";
import { REGIONS, regionLabel } from "~/modules/jobs/index.server";
import { logRanking, rankCandidates } from "~/modules/matching/index.server";
import type { MatchBreakdown } from "~/modules/matching/index.server";

/**
 * What an employer learns about a credential of a candidate who has not disclosed their identity for the job: the
 * verification result and nothing unique to the person. The credential's id (and so its public page, its JSON and the
 * holder's name in them), its subject id, hashes and the language it was written in all stay out: the achievement is
 * named from the catalogue in the employer's language and the date has no time.
 */
export type CredentialCheck = {
  /** From the issuer's own record (revocation, validUntil): the status /verify would report for it. */
  status: "valid" | "revoked" | "expired";
  issuer: string;
  /** The course title in the employer's language (not the credential's own, written in the candidate's). */
  name: string;
  /** YYYY-MM-DD (UTC). */
  issuedOn: string;
};

/** After disclosure (candidates/disclosure.server.ts): the same, with the credential's id, as the application shares it. */
export type DisclosedCredential = CredentialCheck & { id: string };

export type MatchRow = {
  rank: number;
  /** On the employer's page: other listed candidates with exactly the same standing (null in the API). */
  tiedWith: number | null;
  userId: string;
  handle: string;
  breakdown: MatchBreakdown;
  region: string | null;
  openToRemote: boolean;
  languages: string[];
  /** The credentials behind the verified skills, as their verification results; ids only once identity is disclosed. */
  credentials: Array<CredentialCheck | DisclosedCredential>;
  applied: boolean;
  contact: "none" | "pending" | "accepted" | "declined";
  /** Only when the candidate applied or accepted contact for this job. */
  identity: { name: string; email: string } | null;
};

export async function employerMatches({
  jobId,
  viewerId,
  channel,
  language,
  limit = 50,
  now = new Date(),
}: {
  jobId: string;
  viewerId: string;
  channel: "employer_page" | "api";
  /** The employer's UI language: achievement names are given in it. */
  language: string;
  limit?: number;
  now?: Date;
}): Promise<MatchRow[]> {
  const { candidates } = await rankCandidates({ jobId, limit, withTies: channel === "employer_page" });
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
  const checks = await checkCredentials({ credentialIds, language, now });
  const disclosed = await disclosedIdentities({ jobId, userIds });
  const identities = await prisma.user.findMany({ where: { id: { in: [...disclosed] } }, select: { id: true, name: true, email: true } });
  return candidates.map((candidate) => {
    const profile = profiles.find((p) => p.userId === candidate.userId);
    const contact = contacts.find((c) => c.userId === candidate.userId)?.status;
    const identity = identities.find((u) => u.id === candidate.userId);
    const own = [...new Set(credentials.filter((c) => c.userId === candidate.userId).flatMap((c) => (c.credentialId ? [c.credentialId] : [])))];
    return {
      rank: candidate.rank,
      tiedWith: candidate.tiedWith ?? null,
      userId: candidate.userId,
      handle: candidate.handle,
      breakdown: candidate.breakdown,
      region: profile?.region ?? null,
      openToRemote: profile?.openToRemote ?? false,
      languages: profile?.languages ?? [],
      credentials: own
        .flatMap((id) => {
          const check = checks.get(id);
          if (!check) return [];
          return disclosed.has(candidate.userId) ? [{ id, ...check }] : [check];
        })
        .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.name.localeCompare(b.name)),
      applied: applications.some((a) => a.userId === candidate.userId),
      contact: contact === "PENDING" ? "pending" : contact === "ACCEPTED" ? "accepted" : contact === "DECLINED" ? "declined" : "none",
      identity: identity ? { name: identity.name, email: identity.email } : null,
    };
  });
}

/** The issuer's name written in a credential (ours all say ISSUER_NAME). */
function issuerName(json: unknown): string {
  const issuer: unknown = typeof json === "object" && json !== null ? Reflect.get(json, "issuer") : undefined;
  const name: unknown = typeof issuer === "object" && issuer !== null ? Reflect.get(issuer, "name") : undefined;
  return typeof name === "string" && name.length > 0 ? name : ISSUER_NAME;
}

/**
 * The verification result of each credential, keyed by id (the id is for the caller's bookkeeping: it goes out only
 * after disclosure). The status comes from the issuer's record, the one /verify reads through the status list, not
 * from re-checking signatures of credentials we signed ourselves, which would cost a JSON-LD canonicalisation each.
 */
async function checkCredentials({ credentialIds, language, now }: { credentialIds: string[]; language: string; now: Date }) {
  if (credentialIds.length === 0) return new Map<string, CredentialCheck>();
  const issued = await prisma.issuedCredential.findMany({
    where: { id: { in: credentialIds }, courseId: { not: null } },
    select: { id: true, courseId: true, json: true, issuedAt: true, revokedAt: true },
  });
  const courseIds = [...new Set(issued.flatMap((c) => (c.courseId ? [c.courseId] : [])))];
  const courses = await prisma.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, title: true } });
  const titles = new Map(courses.map((c) => [c.id, localized(c.title, language)]));
  return new Map(
    issued.flatMap((credential): Array<[string, CredentialCheck]> => {
      const name = credential.courseId ? titles.get(credential.courseId) : undefined;
      if (!name) return [];
      const validUntil = validUntilOf(credential.json);
      const status = credential.revokedAt ? "revoked" : validUntil !== null && validUntil <= now ? "expired" : "valid";
      return [[credential.id, { status, issuer: issuerName(credential.json), name, issuedOn: credential.issuedAt.toISOString().slice(0, 10) }]];
    }),
  );
}

/** The job page's matches section: the list without account ids, and the labels it needs. */
export async function jobMatchesSection({ job, viewerId, language }: { job: { id: string; status: string }; viewerId: string; language: string }) {
  const published = job.status === "PUBLISHED";
  const rows = published ? await employerMatches({ jobId: job.id, viewerId, channel: "employer_page", language }) : [];
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
