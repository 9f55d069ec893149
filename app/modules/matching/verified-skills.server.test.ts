// The credential life cycle through the real issuing and revoking code (certification/issuer.server.ts calls this
// module): a credential issued for a passed exam makes its skills verified for matching, and revoking it removes
// them in the same transaction as the revocation.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { issueCredentialForEvent, revokeCredential } from "~/modules/certification/issuer.server";
import { createCertifiedLearner, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { createUser } from "../../../tests/factories";
import { explainCandidate, forgetMatchingCaches, rankCandidates } from "./ranking.server";
import { createJob } from "./test-fixtures";

useCredentialTestEnv();

beforeEach(() => {
  forgetMatchingCaches();
});

describe("issuing and revoking a credential", () => {
  it("verifies the course's skills at its tier on issue, and revoking drops the candidate from the verified group at once", async () => {
    // The certification fixtures' curriculum: t1-course (tier 1) certifies ai-concepts and data-protection, and
    // t2-course (tier 2) ai-concepts again, so a tier-1 credential earns 30 of 33 points on ai-concepts.
    const { user, event } = await createCertifiedLearner();
    await prisma.candidateProfile.create({ data: { userId: user.id, handle: "Candidat·e ISSU" }, select: { userId: true } });
    await prisma.candidateSkill.create({ data: { userId: user.id, skillId: "ai-concepts", verified: false }, select: { userId: true } });
    const rival = "rival-candidate";
    await prisma.candidateProfile.create({ data: { userId: rival, handle: "Candidat·e RIVL" }, select: { userId: true } });
    await prisma.candidateSkill.createMany({ data: ["ai-concepts", "data-protection"].map((skillId) => ({ userId: rival, skillId, verified: false })) });
    const { id: jobId } = await createJob({ skills: [{ skillId: "ai-concepts", required: true }, { skillId: "data-protection", required: false }] });

    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(`expected issued, got ${issued.outcome}`);
    expect(
      await prisma.candidateSkill.findMany({ where: { userId: user.id, verified: true }, select: { skillId: true, tier: true, credentialId: true }, orderBy: { skillId: "asc" } }),
    ).toEqual([
      { skillId: "ai-concepts", tier: 1, credentialId: issued.credentialId },
      { skillId: "data-protection", tier: 1, credentialId: issued.credentialId },
    ]);
    expect((await rankCandidates({ jobId })).candidates.map((c) => [c.userId, c.breakdown.group, c.breakdown.score])).toEqual([
      [user.id, "verified", 93], // (30 + 10) / (33 + 10)
      [rival, "declared", 37.2], // (12 + 4) / 43
    ]);

    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    await revokeCredential({ credentialId: issued.credentialId, actor: { userId: admin.id }, reason: "Fraude constatée à l'examen" });
    expect(await prisma.candidateSkill.count({ where: { userId: user.id, verified: true } })).toBe(0);
    const after = await rankCandidates({ jobId });
    expect(after.candidates.map((c) => [c.userId, c.breakdown.group, c.breakdown.points])).toEqual([
      [rival, "declared", 16],
      [user.id, "declared", 12],
    ]);
    expect(await explainCandidate({ jobId, userId: user.id })).toMatchObject({ group: "declared", points: 12 });
  });
});
