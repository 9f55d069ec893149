// The candidate's valid credentials and the skills they prove, read from the credentials themselves: what the
// job-board page lists as "verified" and what an application shares. Valid = issued to this learner for a course,
// not revoked, not past its validUntil; so a revoked or expired credential stops counting on the next request.
import { prisma } from "~/lib/db.server";

export type ValidCredential = { id: string; courseId: string; tier: number; skillIds: string[]; issuedAt: Date };

/** `validUntil` of a signed credential, when it has one (no course sets a validity today; see achievements.ts). */
export function validUntilOf(json: unknown): Date | null {
  if (typeof json !== "object" || json === null) return null;
  const value: unknown = Reflect.get(json, "validUntil");
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function listValidCredentials({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<ValidCredential[]> {
  const rows = await prisma.issuedCredential.findMany({
    where: { userId, revokedAt: null, courseId: { not: null } },
    select: { id: true, courseId: true, json: true, issuedAt: true },
    orderBy: { issuedAt: "asc" },
  });
  const valid = rows.filter((r) => {
    const until = validUntilOf(r.json);
    return until === null || until > now;
  });
  const courseIds = [...new Set(valid.flatMap((r) => (r.courseId ? [r.courseId] : [])))];
  const courses = await prisma.course.findMany({
    where: { id: { in: courseIds } },
    select: { id: true, tier: true, skills: { select: { skillId: true } } },
  });
  const byId = new Map(courses.map((c) => [c.id, c]));
  return valid.flatMap((r) => {
    const course = r.courseId ? byId.get(r.courseId) : undefined;
    if (!course) return [];
    return [{ id: r.id, courseId: course.id, tier: course.tier, skillIds: course.skills.map((s) => s.skillId), issuedAt: r.issuedAt }];
  });
}

export type VerifiedSkill = { skillId: string; tier: number; credentialIds: string[] };

/** One row per skill proven by a valid credential, with the highest tier that proves it. */
export function verifiedSkillsOf(credentials: readonly ValidCredential[]): VerifiedSkill[] {
  const bySkill = new Map<string, VerifiedSkill>();
  for (const credential of credentials) {
    for (const skillId of credential.skillIds) {
      const entry = bySkill.get(skillId) ?? { skillId, tier: credential.tier, credentialIds: [] };
      entry.tier = Math.max(entry.tier, credential.tier);
      entry.credentialIds.push(credential.id);
      bySkill.set(skillId, entry);
    }
  }
  return [...bySkill.values()];
}
