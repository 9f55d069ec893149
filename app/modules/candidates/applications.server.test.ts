import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser } from "../../../tests/factories";
import { applyToJob, listMyApplications, withdrawApplication } from "./applications.server";
import { canSeeIdentity } from "./disclosure.server";
import { optInToJobBoard, updateJobBoardPreferences } from "./profile.server";
import { createEmployerJob, giveCredential, syncJobBoardCurriculum } from "./test-fixtures";

async function setup() {
  await syncJobBoardCurriculum();
  const user = await createUser({ name: "Youssef Alami" });
  await optInToJobBoard({ userId: user.id, locale: "fr" });
  await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["spreadsheets"] });
  return user;
}

describe("applying with one click", () => {
  it("shares only the valid credentials relevant to the job, and a second click changes nothing", async () => {
    const user = await setup();
    const relevant = await giveCredential({ userId: user.id, courseId: "t1-course" }); // data-protection
    await giveCredential({ userId: user.id, courseId: "t2-course", validUntil: new Date(Date.now() - 86_400_000) }); // prompting, expired
    await giveCredential({ userId: user.id, courseId: "t3-course", revoked: true }); // ethics, revoked
    await giveCredential({ userId: user.id, courseId: "t4-course" }); // unrelated-skill, valid but not asked
    const { job } = await createEmployerJob({
      skills: [
        { skillId: "data-protection", required: true },
        { skillId: "prompting", required: false },
        { skillId: "ethics", required: false },
      ],
    });

    expect(await canSeeIdentity({ jobId: job.id, userId: user.id })).toBe(false);
    const first = await applyToJob({ jobId: job.id, userId: user.id });
    expect(first).toEqual({ applied: "new", sharedCredentialIds: [relevant.id] });
    expect(await canSeeIdentity({ jobId: job.id, userId: user.id })).toBe(true);

    const twice = await Promise.all([applyToJob({ jobId: job.id, userId: user.id }), applyToJob({ jobId: job.id, userId: user.id })]);
    expect(twice.map((r) => r.applied)).toEqual(["unchanged", "unchanged"]);
    const rows = await prisma.jobApplication.findMany({ where: { jobId: job.id }, select: { userId: true, status: true, sharedCredentialIds: true } });
    expect(rows).toEqual([{ userId: user.id, status: "APPLIED", sharedCredentialIds: [relevant.id] }]);
  });

  it("withdraws an application (kept, identity no longer disclosed) and reopens it on a new click", async () => {
    const user = await setup();
    const { job } = await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }] });
    await applyToJob({ jobId: job.id, userId: user.id });
    expect(await withdrawApplication({ jobId: job.id, userId: user.id })).toEqual({ changed: true });
    expect(await withdrawApplication({ jobId: job.id, userId: user.id })).toEqual({ changed: false });
    expect(await canSeeIdentity({ jobId: job.id, userId: user.id })).toBe(false);
    expect((await listMyApplications({ userId: user.id })).map((a) => [a.jobTitle, a.status, a.employerName])).toEqual([[job.title, "WITHDRAWN", "Atlas Agritech SARL"]]);
    expect(await applyToJob({ jobId: job.id, userId: user.id })).toEqual({ applied: "again", sharedCredentialIds: [] });
    expect(await prisma.jobApplication.count()).toBe(1);
  });

  it("is only for active candidates and published jobs", async () => {
    await syncJobBoardCurriculum();
    const outsider = await createUser();
    const { job, employerId } = await createEmployerJob();
    await expect(applyToJob({ jobId: job.id, userId: outsider.id })).rejects.toMatchObject({ code: "notOptedIn", status: 409 });

    const user = await createUser();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    const draft = await createEmployerJob({ status: "DRAFT", employerId });
    const closed = await createEmployerJob({ status: "CLOSED", employerId });
    await expect(applyToJob({ jobId: draft.job.id, userId: user.id })).rejects.toMatchObject({ code: "jobNotFound", status: 404 });
    await expect(applyToJob({ jobId: closed.job.id, userId: user.id })).rejects.toMatchObject({ code: "jobClosed", status: 409 });
    await expect(applyToJob({ jobId: "nope", userId: user.id })).rejects.toMatchObject({ code: "jobNotFound" });
    expect(await prisma.jobApplication.count()).toBe(0);
  });
});
