import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

const server = useTestServer();

async function setup() {
  await syncCurriculum({ prisma, curriculum: makeCurriculum() });
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
  const instructor = await createUser({ role: "INSTRUCTOR", centreId: centre.id });
  const learner = await createUser({ name: "Salma Ait Lahcen" });
  const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Cohorte B" }, select: { id: true } });
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: learner.id, role: "LEARNER" } });
  const examSlug = (await prisma.examVersion.findFirstOrThrow({ where: { courseId: "t1-course" }, select: { examSlug: true } })).examSlug;
  return { instructor, learner, examSlug, path: `/teach/learners/${learner.id}` };
}

describe("accommodations page", () => {
  it("lets the learner's instructor grant extra time with a reason; bad input is a 400 in the user's language", async () => {
    const { instructor, learner, examSlug, path } = await setup();
    const cookie = await sessionCookieHeader(instructor.id);
    const page = await server.request(path, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Salma Ait Lahcen");

    const missingReason = await server.request(path, { method: "POST", body: form({ intent: "grant", examSlug, timeFactor: "1.5", extraAttempts: "0", reason: "" }), cookie });
    expect(missingReason.status).toBe(400);
    expect(await missingReason.text()).toContain("Indiquez le motif");
    const badFactor = await server.request(path, { method: "POST", body: form({ intent: "grant", examSlug, timeFactor: "7", extraAttempts: "0", reason: "Tiers temps" }), cookie });
    expect(badFactor.status).toBe(400);
    expect(await prisma.examAccommodation.count()).toBe(0);

    const granted = await server.request(path, { method: "POST", body: form({ intent: "grant", examSlug, timeFactor: "1.5", extraAttempts: "1", reason: "Tiers temps (handicap visuel)" }), cookie });
    expect(granted.status).toBe(302);
    expect(await prisma.examAccommodation.findFirstOrThrow({ where: { userId: learner.id }, select: { timeFactor: true, extraAttempts: true, reason: true, grantedById: true } })).toEqual({
      timeFactor: 1.5,
      extraAttempts: 1,
      reason: "Tiers temps (handicap visuel)",
      grantedById: instructor.id,
    });
  });

  it("refuses instructors of other centres and learners, and reads right-to-left in Arabic", async () => {
    const { instructor, learner, path } = await setup();
    const outsider = await createUser({ role: "INSTRUCTOR" });
    expect((await server.request(path, { cookie: await sessionCookieHeader(outsider.id) })).status).toBe(403);
    expect((await server.request(path, { cookie: await sessionCookieHeader(learner.id) })).status).toBe(403);
    expect((await server.request("/teach/learners/nobody", { cookie: await sessionCookieHeader(instructor.id) })).status).toBe(404);

    const arabic = await server.request(`${path}?lng=ar`, { cookie: await sessionCookieHeader(instructor.id) });
    const html = await arabic.text();
    expect(html).toMatch(/<html[^>]+dir="rtl"/);
    expect(html).toContain("تيسيرات الامتحان");
  });
});
