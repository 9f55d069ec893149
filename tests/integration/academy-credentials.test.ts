// The credentials an employer's internal academy's learners earn are co-branded with the academy, like a centre's.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { issueCredentialForEvent } from "~/modules/certification/issuer.server";
import { createCertifiedLearner, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { createOrganisation } from "../factories";

useCredentialTestEnv();

describe("an employer's internal academy", () => {
  it("co-brands the credentials its learners earn", async () => {
    const employer = await createOrganisation({ kind: "EMPLOYER", name: "Commune de Tiznit" });
    const academy = await prisma.organisation.create({
      data: { kind: "TRAINING_CENTRE", name: "Académie numérique de Tiznit", slug: `tiznit-${Date.now()}`, ownerId: employer.id },
    });
    const { user, event } = await createCertifiedLearner();
    const cohort = await prisma.cohort.create({ data: { organisationId: academy.id, name: "Agents 2027" } });
    await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: user.id, role: "LEARNER" } });
    const result = await issueCredentialForEvent({ eventId: event.id });
    if (result.outcome !== "issued") throw new Error(result.outcome);
    const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: result.credentialId }, select: { json: true, trainingCentreId: true } });
    expect(row.trainingCentreId).toBe(academy.id);
    expect(JSON.stringify(row.json)).toContain("Académie numérique de Tiznit");
  });
});
