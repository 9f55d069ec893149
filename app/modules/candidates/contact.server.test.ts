import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser } from "../../../tests/factories";
import { answerContactRequest, createContactRequest, listContactRequestsForCandidate } from "./contact.server";
import { canSeeIdentity } from "./disclosure.server";
import { optInToJobBoard, withdrawFromJobBoard } from "./profile.server";
import { createEmployerJob, syncJobBoardCurriculum } from "./test-fixtures";

const ORIGIN = "https://maharat.example.ma";

async function setup() {
  await syncJobBoardCurriculum();
  const { job, recruiter, employerId } = await createEmployerJob();
  const candidate = await createUser({ name: "Salma Bennani", email: "salma@example.ma", locale: "ar" });
  await optInToJobBoard({ userId: candidate.id, locale: "ar" });
  return { job, recruiter, employerId, candidate };
}

describe("contact requests", () => {
  it("are idempotent per job and candidate, and e-mail the candidate once, in their language", async () => {
    const { job, recruiter, candidate } = await setup();
    const first = await createContactRequest({ jobId: job.id, userId: candidate.id, requestedById: recruiter.id, message: "  Bonjour, votre profil nous intéresse.  ", origin: ORIGIN });
    expect(first).toMatchObject({ status: "PENDING", created: true });
    const again = await createContactRequest({ jobId: job.id, userId: candidate.id, requestedById: recruiter.id, message: "Autre message", origin: ORIGIN });
    expect(again).toMatchObject({ id: first.id, status: "PENDING", created: false });
    expect(await prisma.contactRequest.findMany({ select: { message: true } })).toEqual([{ message: "Bonjour, votre profil nous intéresse." }]);

    const mails = await prisma.outboxEmail.findMany({ select: { to: true, subject: true, text: true } });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe("salma@example.ma");
    expect(mails[0].subject).toContain("Atlas Agritech SARL");
    expect(mails[0].text).toContain(`${ORIGIN}/account/job-board#contact-requests`);
    expect(mails[0].text).toContain("مرحبًا");
    expect(await canSeeIdentity({ jobId: job.id, userId: candidate.id })).toBe(false);
    expect((await listContactRequestsForCandidate({ userId: candidate.id })).map((r) => [r.jobTitle, r.employerName, r.status])).toEqual([[job.title, "Atlas Agritech SARL", "PENDING"]]);
  });

  it("reveal the identity for that job once accepted, and never when declined", async () => {
    const { job, recruiter, employerId, candidate } = await setup();
    const other = await createEmployerJob({ employerId, title: "Autre offre" });
    const accepted = await createContactRequest({ jobId: job.id, userId: candidate.id, requestedById: recruiter.id });
    const declined = await createContactRequest({ jobId: other.job.id, userId: candidate.id, requestedById: recruiter.id });

    expect(await answerContactRequest({ requestId: accepted.id, userId: candidate.id, decision: "accept" })).toEqual({ changed: true, status: "ACCEPTED" });
    expect(await answerContactRequest({ requestId: declined.id, userId: candidate.id, decision: "decline" })).toEqual({ changed: true, status: "DECLINED" });
    expect(await canSeeIdentity({ jobId: job.id, userId: candidate.id })).toBe(true);
    expect(await canSeeIdentity({ jobId: other.job.id, userId: candidate.id })).toBe(false);

    // The same answer twice is a no-op; the other answer afterwards is refused (no silent reversal).
    expect(await answerContactRequest({ requestId: accepted.id, userId: candidate.id, decision: "accept" })).toEqual({ changed: false, status: "ACCEPTED" });
    await expect(answerContactRequest({ requestId: declined.id, userId: candidate.id, decision: "accept" })).rejects.toMatchObject({ code: "contactAlreadyAnswered", status: 409 });
    expect(await canSeeIdentity({ jobId: other.job.id, userId: candidate.id })).toBe(false);
  });

  it("belong to their candidate and their employer only", async () => {
    const { job, recruiter, candidate } = await setup();
    const request = await createContactRequest({ jobId: job.id, userId: candidate.id, requestedById: recruiter.id });
    const someoneElse = await createUser();
    await expect(answerContactRequest({ requestId: request.id, userId: someoneElse.id, decision: "accept" })).rejects.toMatchObject({ code: "contactNotFound", status: 404 });

    const otherEmployer = await createEmployerJob();
    await expect(createContactRequest({ jobId: job.id, userId: candidate.id, requestedById: otherEmployer.recruiter.id })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(createContactRequest({ jobId: job.id, userId: someoneElse.id, requestedById: recruiter.id })).rejects.toMatchObject({ code: "candidateNotFound", status: 404 });
    await withdrawFromJobBoard({ userId: candidate.id });
    await expect(createContactRequest({ jobId: otherEmployer.job.id, userId: candidate.id, requestedById: otherEmployer.recruiter.id })).rejects.toMatchObject({ code: "candidateNotFound" });
    const closed = await createEmployerJob({ status: "CLOSED" });
    await expect(createContactRequest({ jobId: closed.job.id, userId: candidate.id, requestedById: closed.recruiter.id })).rejects.toMatchObject({ code: "jobClosed", status: 409 });
    await expect(createContactRequest({ jobId: job.id, userId: candidate.id, requestedById: recruiter.id, message: "x".repeat(1001) })).rejects.toMatchObject({ code: "messageTooLong", status: 400 });
    expect(await prisma.contactRequest.count()).toBe(1);
  });
});
