import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { explainCandidate } from "~/modules/matching/ranking.server";
import { createUser } from "../../../tests/factories";
import { listJobsForMe } from "./matches.server";
import { getCandidateProfile, optInToJobBoard, randomHandle, updateJobBoardPreferences, withdrawFromJobBoard } from "./profile.server";
import { JOB_BOARD_CONSENT_VERSION } from "./schemas";
import { createEmployerJob, syncJobBoardCurriculum } from "./test-fixtures";

const HANDLE = /^Candidat·e [2-9A-HJ-NP-Z]{4}$/;

async function candidate({ name = "Salma Bennani", locale = "fr" } = {}) {
  await syncJobBoardCurriculum();
  return createUser({ name, locale, email: `${name.split(" ")[0].toLowerCase()}@example.ma` });
}

describe("opting in to the job board", () => {
  it("is off by default, and opting in records the consent (version, language) and a pseudonym with nothing personal", async () => {
    const user = await candidate({ name: "Salma Bennani", locale: "ar" });
    expect(await getCandidateProfile({ userId: user.id })).toBeNull();
    expect(await prisma.consent.count({ where: { userId: user.id, kind: "job_board" } })).toBe(0);

    const first = await optInToJobBoard({ userId: user.id, locale: "ar" });
    expect(first.changed).toBe(true);
    expect(first.handle).toMatch(HANDLE);
    // Nothing from the name. (Not a check for the letters "SB": a random code contains them now and then.)
    expect(first.handle).not.toMatch(/salma|bennani/i);
    const profile = await getCandidateProfile({ userId: user.id });
    expect(profile).toMatchObject({ active: true, handle: first.handle, withdrawnAt: null, region: null, languages: [], declaredSkillIds: [] });
    const consents = await prisma.consent.findMany({ where: { userId: user.id, kind: "job_board" }, select: { version: true, locale: true, withdrawnAt: true } });
    expect(consents).toEqual([{ version: JOB_BOARD_CONSENT_VERSION, locale: "ar", withdrawnAt: null }]);

    // A second click (or two at once) records nothing more.
    const again = await Promise.all([optInToJobBoard({ userId: user.id, locale: "ar" }), optInToJobBoard({ userId: user.id, locale: "ar" })]);
    expect(again.map((r) => r.changed)).toEqual([false, false]);
    expect(await prisma.consent.count({ where: { userId: user.id, kind: "job_board" } })).toBe(1);
  });

  it("gives every candidate a different pseudonym", async () => {
    await syncJobBoardCurriculum();
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser({ email: `c${i}@example.ma` })));
    const handles = await Promise.all(users.map((u) => optInToJobBoard({ userId: u.id, locale: "fr" })));
    expect(new Set(handles.map((h) => h.handle)).size).toBe(5);
    expect(randomHandle(6)).toMatch(/^Candidat·e [2-9A-HJ-NP-Z]{6}$/);
  });

  it("withdrawal takes the profile out of matching at once and withdraws the consent; opting in again reactivates it", async () => {
    const user = await candidate();
    const { job } = await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }] });
    const { handle } = await optInToJobBoard({ userId: user.id, locale: "fr" });
    await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["spreadsheets"] });
    expect(await explainCandidate({ jobId: job.id, userId: user.id })).not.toBeNull();
    expect((await listJobsForMe({ userId: user.id })).listed.map((j) => j.jobId)).toEqual([job.id]);

    expect(await withdrawFromJobBoard({ userId: user.id })).toEqual({ changed: true });
    expect(await explainCandidate({ jobId: job.id, userId: user.id })).toBeNull();
    expect(await listJobsForMe({ userId: user.id })).toEqual({ listed: [], keptOff: [] });
    const profile = await getCandidateProfile({ userId: user.id });
    expect(profile?.active).toBe(false);
    expect(profile?.withdrawnAt).toBeInstanceOf(Date);
    expect(await prisma.consent.findFirstOrThrow({ where: { userId: user.id, kind: "job_board" }, select: { withdrawnAt: true } })).toEqual({ withdrawnAt: expect.any(Date) });
    expect(await withdrawFromJobBoard({ userId: user.id })).toEqual({ changed: false });

    const back = await optInToJobBoard({ userId: user.id, locale: "fr" });
    expect(back).toEqual({ handle, changed: true });
    expect(await explainCandidate({ jobId: job.id, userId: user.id })).not.toBeNull();
    const consents = await prisma.consent.findMany({ where: { userId: user.id, kind: "job_board" }, select: { withdrawnAt: true }, orderBy: { acceptedAt: "asc" } });
    expect(consents.map((c) => c.withdrawnAt === null)).toEqual([false, true]);
  });
});

describe("what the candidate shows", () => {
  it("saves declared skills as unverified rows, replaces them as a set and never touches verified rows", async () => {
    const user = await candidate();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    await prisma.candidateSkill.create({ data: { userId: user.id, skillId: "data-protection", verified: true, tier: 1 } });

    await updateJobBoardPreferences({ userId: user.id, region: "souss-massa", openToRemote: false, languages: ["ar", "dar", "ar"], declaredSkillIds: ["prompting", "spreadsheets"] });
    expect(await getCandidateProfile({ userId: user.id })).toMatchObject({
      region: "souss-massa",
      openToRemote: false,
      languages: ["ar", "dar"],
      declaredSkillIds: ["prompting", "spreadsheets"],
    });
    await updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: [], declaredSkillIds: ["spreadsheets", "data-protection"] });
    const rows = await prisma.candidateSkill.findMany({ where: { userId: user.id }, select: { skillId: true, verified: true }, orderBy: [{ verified: "asc" }, { skillId: "asc" }] });
    expect(rows).toEqual([
      { skillId: "data-protection", verified: false },
      { skillId: "spreadsheets", verified: false },
      { skillId: "data-protection", verified: true },
    ]);
  });

  it("refuses an unknown skill and a profile that is not opted in, changing nothing", async () => {
    const user = await candidate();
    await expect(updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["prompting"] })).rejects.toMatchObject({ code: "notOptedIn", status: 409 });
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    await expect(updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["prompting", "astrology"] })).rejects.toMatchObject({ code: "unknownSkill", status: 400 });
    expect(await prisma.candidateSkill.count({ where: { userId: user.id } })).toBe(0);
    await withdrawFromJobBoard({ userId: user.id });
    await expect(updateJobBoardPreferences({ userId: user.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["prompting"] })).rejects.toMatchObject({ code: "notOptedIn" });
  });
});
