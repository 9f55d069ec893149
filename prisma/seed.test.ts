import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { authenticate } from "~/modules/accounts/accounts.server";
import { deriveRoles } from "~/modules/accounts/roles";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from "./seed";

async function counts() {
  const [users, organisations, memberships, cohorts, cohortMembers, consents, roles] = await Promise.all([
    prisma.user.count(),
    prisma.organisation.count(),
    prisma.membership.count(),
    prisma.cohort.count(),
    prisma.cohortMember.count(),
    prisma.consent.count(),
    prisma.userRole.count(),
  ]);
  return { users, organisations, memberships, cohorts, cohortMembers, consents, roles };
}

describe("demo seed", () => {
  it("is idempotent: a second run changes nothing", async () => {
    await seedDemoData(prisma);
    const first = await counts();
    await seedDemoData(prisma);
    expect(await counts()).toEqual(first);
    expect(first).toMatchObject({ users: DEMO_ACCOUNTS.length, cohorts: 1 });
  });

  it("creates one working account per role, a centre with a cohort and an employer", async () => {
    await seedDemoData(prisma);
    const expected: Record<string, string> = {
      "learner@demo.maharat.ma": "LEARNER",
      "instructor@demo.maharat.ma": "INSTRUCTOR",
      "centre@demo.maharat.ma": "CENTRE_ADMIN",
      "employer@demo.maharat.ma": "EMPLOYER",
      "admin@demo.maharat.ma": "PLATFORM_ADMIN",
    };
    for (const [email, role] of Object.entries(expected)) {
      const result = await authenticate({ email, password: DEMO_PASSWORD, ip: "127.0.0.1" });
      expect(result.ok, email).toBe(true);
      const user = await prisma.user.findUniqueOrThrow({
        where: { email },
        select: { roles: { select: { role: true } }, memberships: { select: { role: true, organisation: { select: { kind: true } } } } },
      });
      expect(deriveRoles({ globalRoles: user.roles.map((r) => r.role), memberships: user.memberships })).toContain(role);
    }
    const cohort = await prisma.cohort.findFirstOrThrow({
      select: { organisation: { select: { kind: true } }, members: { select: { role: true } } },
    });
    expect(cohort.organisation.kind).toBe("TRAINING_CENTRE");
    expect(cohort.members.filter((m) => m.role === "LEARNER")).toHaveLength(2);
    expect(await prisma.organisation.count({ where: { kind: "EMPLOYER" } })).toBe(1);
  });
});
