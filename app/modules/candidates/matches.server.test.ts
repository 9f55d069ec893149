import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser } from "../../../tests/factories";
import { applyToJob } from "./applications.server";
import { listJobsForMe } from "./matches.server";
import { loadCandidateJobPanel } from "./pages.server";
import { optInToJobBoard, updateJobBoardPreferences } from "./profile.server";
import { createEmployerJob, giveCredential, syncJobBoardCurriculum } from "./test-fixtures";

describe("jobs for me", () => {
  it("lists the published jobs sharing a skill where the candidate is listed, newest first, each with why", async () => {
    await syncJobBoardCurriculum();
    const user = await createUser();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["spreadsheets"] });
    await giveCredential({ userId: user.id, courseId: "t1-course" });
    const older = await createEmployerJob({ title: "Ancienne", skills: [{ skillId: "spreadsheets", required: true }], publishedAt: new Date(Date.now() - 86_400_000) });
    const newer = await createEmployerJob({ title: "Récente", skills: [{ skillId: "data-protection", required: true }, { skillId: "ethics", required: false }] });
    await createEmployerJob({ title: "Brouillon", status: "DRAFT", skills: [{ skillId: "spreadsheets", required: true }] });
    await createEmployerJob({ title: "Close", status: "CLOSED", skills: [{ skillId: "spreadsheets", required: true }] });
    await createEmployerJob({ title: "Sans rapport", skills: [{ skillId: "unrelated-skill", required: true }] });
    // Shares a skill, but needs a language the candidate did not give: kept off, and told why (not "add skills").
    const amazigh = await createEmployerJob({ title: "Amazighe", languages: ["zgh"], skills: [{ skillId: "spreadsheets", required: true }] });

    const { listed: jobs, keptOff } = await listJobsForMe({ userId: user.id });
    expect(keptOff).toEqual([{ jobId: amazigh.job.id, title: "Amazighe", employerName: "Atlas Agritech SARL", exclusions: ["languages"] }]);
    expect(jobs.map((j) => j.title)).toEqual(["Récente", "Ancienne"]);
    const [recent, old] = jobs;
    expect(recent).toMatchObject({ jobId: newer.job.id, employerName: "Atlas Agritech SARL", application: null, breakdown: { group: "verified" } });
    expect(recent.breakdown.contributions.map((c) => [c.skillId, c.required, c.evidence])).toEqual([
      ["data-protection", true, "verified"],
      ["ethics", false, "missing"],
    ]);
    expect(old).toMatchObject({ jobId: older.job.id, breakdown: { group: "declared" } });

    const stranger = await createUser();
    expect(await listJobsForMe({ userId: stranger.id })).toEqual({ listed: [], keptOff: [] });
  });

  it("gives the public job page the candidate's panel: listed and why, or the reasons they are not shown", async () => {
    await syncJobBoardCurriculum();
    const user = await createUser();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    await updateJobBoardPreferences({ userId: user.id, region: "oriental", openToRemote: false, languages: ["fr"], declaredSkillIds: ["spreadsheets"] });
    const listed = await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }] });
    const elsewhere = await prisma.jobPost.update({
      where: { id: (await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }] })).job.id },
      data: { region: "souss-massa" },
      select: { id: true },
    });

    expect(await loadCandidateJobPanel({ jobId: listed.job.id, userId: null, language: "fr" })).toBeNull();
    expect(await loadCandidateJobPanel({ jobId: listed.job.id, userId: user.id, language: "fr" })).toMatchObject({
      isCandidate: true,
      jobOpen: true,
      isListed: true,
      exclusions: [],
      application: null,
      breakdown: { group: "declared" },
      skillLabels: { spreadsheets: "Tableurs" },
    });
    await applyToJob({ jobId: listed.job.id, userId: user.id });
    expect(await loadCandidateJobPanel({ jobId: listed.job.id, userId: user.id, language: "fr" })).toMatchObject({ application: "APPLIED" });
    expect(await loadCandidateJobPanel({ jobId: elsewhere.id, userId: user.id, language: "ar" })).toMatchObject({
      isListed: false,
      exclusions: ["region"],
      skillLabels: { spreadsheets: "جداول البيانات" },
    });
  });
});
