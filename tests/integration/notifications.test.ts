// Notifications (run `npm run build` first): each event creates one in the person's centre and e-mails it, unless
// they switched that kind off (the deletion notice is always e-mailed); the header shows the unread count. The
// "open answers graded" kind is checked where grading happens (app/modules/exams/review.server.test.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { createContactRequest } from "~/modules/candidates/contact.server";
import { answerObjection, fileObjection } from "~/modules/candidates/objections.server";
import { optInToJobBoard } from "~/modules/candidates/profile.server";
import { createEmployerJob, syncJobBoardCurriculum } from "~/modules/candidates/test-fixtures";
import { issueCredentialForEvent, revokeCredential } from "~/modules/certification/issuer.server";
import { createCertificationEvent, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { sendReminders } from "~/modules/cohorts/cohorts.server";
import { saveEmailPreferences } from "~/modules/notifications/notify.server";
import { scheduleDeletion } from "~/modules/privacy/deletion.server";
import { buildExport, requestExport } from "~/modules/privacy/export.server";
import { createOrganisation, createUser, sessionCookieHeader, TEST_PASSWORD } from "../factories";
import { form, useTestServer } from "../setup/test-server";

useCredentialTestEnv({ appUrl: null });

const server = useTestServer();
beforeEach(async () => {
  await syncJobBoardCurriculum();
  vi.stubEnv("ACCOUNT_DELETION_GRACE_DAYS", "14");
});

const ORIGIN = "http://127.0.0.1";

/** Makes one event of every kind happen to `userId` (by the modules that own them), in order. */
async function everyEvent(userId: string) {
  const admin = await createUser({ role: "PLATFORM_ADMIN" });
  const event = await createCertificationEvent({ userId });
  const issued = await issueCredentialForEvent({ eventId: event.id });
  if (issued.outcome !== "issued") throw new Error(issued.outcome);
  await revokeCredential({ credentialId: issued.credentialId, actor: { userId: admin.id }, reason: "Fraude constatée à l'examen" });
  await optInToJobBoard({ userId, locale: "fr" });
  const { job, recruiter } = await createEmployerJob();
  await createContactRequest({ jobId: job.id, userId, requestedById: recruiter.id, message: "", origin: ORIGIN });
  const objection = await fileObjection({ jobId: job.id, userId, message: "Pourquoi ce rang pour ce poste ?" });
  await answerObjection({ objectionId: objection.id, answer: "Il manque une compétence requise.", answeredBy: recruiter.id, origin: ORIGIN });
  const { id } = await requestExport({ userId });
  await buildExport({ exportId: id });
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "ISTA Notifications" });
  const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Promo N" }, select: { id: true } });
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId, role: "LEARNER" } });
  await sendReminders({ cohortId: cohort.id, userIds: [userId], actorId: admin.id, origin: ORIGIN });
  const deletion = await scheduleDeletion({ userId, password: TEST_PASSWORD });
  expect(deletion).toMatchObject({ ok: true, erased: false });
}

const KINDS = ["credential_issued", "credential_revoked", "contact_request", "objection_answered", "export_ready", "cohort_reminder", "deletion_scheduled"];

describe("notifications", () => {
  it("are kept and e-mailed for each kind of event, and shown with the unread count in the header", async () => {
    const user = await createUser({ email: "amal.notify@example.ma" });
    await everyEvent(user.id);
    const kept = await prisma.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" }, select: { kind: true, readAt: true } });
    expect(kept.map((n) => n.kind)).toEqual(KINDS);
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(KINDS.length);

    const cookie = await sessionCookieHeader(user.id);
    const home = await (await server.request("/learn", { cookie })).text();
    expect(home).toContain(`data-unread="${KINDS.length}"`);
    const page = await (await server.request("/account/notifications", { cookie })).text();
    for (const kind of KINDS) expect(page).toContain(`data-kind="${kind}"`);
    expect(page).toContain("Fraude constatée à l&#x27;examen");
    expect(page).toContain("ISTA Notifications");
    expect((await server.request("/account/notifications", { method: "POST", body: form({ intent: "read" }), cookie })).status).toBe(302);
    expect(await prisma.notification.count({ where: { userId: user.id, readAt: null } })).toBe(0);
    expect(await (await server.request("/learn", { cookie })).text()).not.toContain("data-unread=");
  });

  it("are not e-mailed for the kinds switched off, except the deletion notice; they still appear in the centre", async () => {
    const user = await createUser({ email: "badr.quiet@example.ma" });
    const cookie = await sessionCookieHeader(user.id);
    // Every box unticked on the page.
    expect((await server.request("/account/notifications", { method: "POST", body: form({ intent: "preferences" }), cookie })).status).toBe(302);
    await everyEvent(user.id);
    expect((await prisma.notification.findMany({ where: { userId: user.id }, select: { kind: true } })).map((n) => n.kind).sort()).toEqual([...KINDS].sort());
    const mails = await prisma.outboxEmail.findMany({ where: { to: user.email }, select: { subject: true } });
    expect(mails).toEqual([{ subject: expect.stringContaining("Suppression de votre compte prévue le") }]);
    // Switched back on, one kind at a time.
    await saveEmailPreferences({ userId: user.id, emailed: new Set(["contact_request"]) });
    const { job, recruiter } = await createEmployerJob({ title: "Second poste" });
    await createContactRequest({ jobId: job.id, userId: user.id, requestedById: recruiter.id, message: "", origin: ORIGIN });
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(2);
  });
});
