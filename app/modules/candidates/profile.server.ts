// Opting in to the job board, withdrawing, and what the candidate lets matching use (region, remote, languages,
// declared skills). Only verified=false CandidateSkill rows are written here: verified rows belong to the matching
// engine, which refreshes them whenever a credential is issued, revoked or expires.
import { randomInt } from "node:crypto";
import { prisma } from "~/lib/db.server";
import { isUniqueViolation } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import type { RegionId, WorkLanguage } from "~/modules/jobs/index.server";
import { refreshVerifiedSkills } from "~/modules/matching/index.server";
import { CandidateError } from "./errors";
import { JOB_BOARD_CONSENT_KIND, JOB_BOARD_CONSENT_VERSION } from "./schemas";

// Crockford-like alphabet without 0/O/1/I, so a pseudonym read aloud or copied by hand is not misread.
const HANDLE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * A pseudonym such as "Candidat·e 4F7K": random, carrying nothing about the person (no initials, no date, no id).
 * Four characters give about a million pseudonyms; after a few collisions the code grows, so opting in never fails.
 */
export function randomHandle(length = 4) {
  let code = "";
  for (let i = 0; i < length; i++) code += HANDLE_ALPHABET[randomInt(HANDLE_ALPHABET.length)];
  return `Candidat·e ${code}`;
}

export type CandidateProfileView = {
  active: boolean;
  handle: string;
  optedInAt: Date;
  withdrawnAt: Date | null;
  region: string | null;
  openToRemote: boolean;
  languages: string[];
  declaredSkillIds: string[];
};

/** The learner's job-board profile (null when they never opted in), with their declared skills. */
export async function getCandidateProfile({ userId }: { userId: string }): Promise<CandidateProfileView | null> {
  const [profile, declared] = await Promise.all([
    prisma.candidateProfile.findUnique({
      where: { userId },
      select: { active: true, handle: true, optedInAt: true, withdrawnAt: true, region: true, openToRemote: true, languages: true },
    }),
    prisma.candidateSkill.findMany({ where: { userId, verified: false }, select: { skillId: true }, orderBy: { skillId: "asc" } }),
  ]);
  if (!profile) return null;
  return { ...profile, declaredSkillIds: declared.map((d) => d.skillId) };
}

export async function isActiveCandidate({ userId }: { userId: string }) {
  const profile = await prisma.candidateProfile.findUnique({ where: { userId }, select: { active: true } });
  return profile?.active === true;
}

type OptInOptions = { userId: string; locale: string; now?: Date };

/**
 * Opts the learner in (or back in): creates the pseudonymous profile or reactivates the old one (same pseudonym,
 * same settings), and records the consent with the notice's version and the language it was read in. Opting in
 * while already in changes nothing, so a double click records one consent.
 */
export async function optInToJobBoard({ userId, locale, now = new Date() }: OptInOptions): Promise<{ handle: string; changed: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await prisma.$transaction(async (tx) => {
        const existing = await tx.candidateProfile.findUnique({ where: { userId }, select: { active: true, handle: true } });
        if (existing?.active) return { handle: existing.handle, changed: false };
        if (existing) {
          // Conditional on active=false: of two simultaneous clicks only one reactivates (and records consent).
          const { count } = await tx.candidateProfile.updateMany({
            where: { userId, active: false },
            data: { active: true, optedInAt: now, withdrawnAt: null },
          });
          if (count === 0) return { handle: existing.handle, changed: false };
        } else {
          await tx.candidateProfile.create({
            data: { userId, handle: randomHandle(attempt < 5 ? 4 : 6), optedInAt: now, active: true },
            select: { userId: true },
          });
        }
        await tx.consent.create({
          data: { userId, kind: JOB_BOARD_CONSENT_KIND, version: JOB_BOARD_CONSENT_VERSION, locale, acceptedAt: now },
          select: { id: true },
        });
        const profile = await tx.candidateProfile.findUniqueOrThrow({ where: { userId }, select: { handle: true } });
        return { handle: profile.handle, changed: true };
      });
      if (result.changed) await refreshVerifiedSkillsSafely(userId);
      return result;
    } catch (error) {
      // A taken pseudonym, or the same learner's other click creating the profile first: the next round sees
      // which it was (a profile now exists → no change; otherwise a fresh pseudonym).
      if (!isUniqueViolation(error) || attempt >= 10) throw error;
    }
  }
}

/**
 * The engine keeps verified rows current on issue/revoke; a learner who earned credentials before opting in may
 * have none yet, so they are refreshed once here. Matching still works without it (the rows follow the next
 * credential event), so a failure is logged rather than undoing the opt-in.
 */
async function refreshVerifiedSkillsSafely(userId: string) {
  try {
    await refreshVerifiedSkills(userId);
  } catch (error) {
    logger.warn({ err: error, userId }, "verified skills not refreshed at job-board opt-in");
  }
}

/**
 * Withdraws: the profile leaves matching at once (active=false), and the job-board consent is marked withdrawn.
 * The row and the settings are kept (audit trail, and opting in again restores them); nothing is shown to anyone
 * while withdrawn. Applications already sent stay with their employers until the candidate withdraws them.
 */
export async function withdrawFromJobBoard({ userId, now = new Date() }: { userId: string; now?: Date }) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.candidateProfile.updateMany({ where: { userId, active: true }, data: { active: false, withdrawnAt: now } });
    await tx.consent.updateMany({ where: { userId, kind: JOB_BOARD_CONSENT_KIND, withdrawnAt: null }, data: { withdrawnAt: now } });
    return { changed: count > 0 };
  });
}

export type PreferencesInput = {
  userId: string;
  region: RegionId | null;
  openToRemote: boolean;
  languages: WorkLanguage[];
  declaredSkillIds: string[];
};

/** Saves what matching may use. Declared skills are replaced as a set (verified rows are not touched). */
export async function updateJobBoardPreferences({ userId, region, openToRemote, languages, declaredSkillIds }: PreferencesInput) {
  const skillIds = [...new Set(declaredSkillIds)];
  if (skillIds.length > 0) {
    const known = await prisma.skill.count({ where: { id: { in: skillIds }, archivedAt: null } });
    if (known !== skillIds.length) throw new CandidateError("unknownSkill");
  }
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.candidateProfile.updateMany({
      where: { userId, active: true },
      data: { region, openToRemote, languages: [...new Set(languages)] },
    });
    if (count === 0) throw new CandidateError("notOptedIn");
    await tx.candidateSkill.deleteMany({ where: { userId, verified: false, skillId: { notIn: skillIds } } });
    if (skillIds.length > 0) {
      await tx.candidateSkill.createMany({
        data: skillIds.map((skillId) => ({ userId, skillId, verified: false })),
        skipDuplicates: true,
      });
    }
  });
}
