import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { SCORING_RULES_VERSION } from "~/modules/matching/types";
import { createUser } from "../../../tests/factories";
import { answerObjection, fileObjection, getObjectionContext, listAllObjections, listMyObjections, listObjectionsForEmployer } from "./objections.server";
import { optInToJobBoard, updateJobBoardPreferences } from "./profile.server";
import { createEmployerJob, syncJobBoardCurriculum } from "./test-fixtures";

const ORIGIN = "https://maharat.example.ma";

async function setup() {
  await syncJobBoardCurriculum();
  const atlas = await createEmployerJob({ skills: [{ skillId: "spreadsheets", required: true }, { skillId: "prompting", required: false }] });
  const souss = await createEmployerJob({ title: "Analyste agricole", skills: [{ skillId: "ethics", required: true }] });
  const candidate = await createUser({ name: "Salma Bennani", email: "salma@example.ma", locale: "ar" });
  await optInToJobBoard({ userId: candidate.id, locale: "ar" });
  await updateJobBoardPreferences({ userId: candidate.id, region: null, openToRemote: true, languages: ["ar", "fr"], declaredSkillIds: ["spreadsheets"] });
  return { atlas, souss, candidate };
}

describe("the right to object", () => {
  it("keeps what the candidate saw (their breakdown, or null when not listed), one open objection per job", async () => {
    const { atlas, souss, candidate } = await setup();
    const listed = await getObjectionContext({ jobId: atlas.job.id, userId: candidate.id });
    expect(listed.isCandidate).toBe(true);
    expect(listed.breakdown?.rulesVersion).toBe(SCORING_RULES_VERSION);

    await fileObjection({ jobId: atlas.job.id, userId: candidate.id, message: "Pourquoi mon score est-il si bas ?" });
    await fileObjection({ jobId: souss.job.id, userId: candidate.id, message: "لماذا لا أظهر في هذا العرض؟" });
    const rows = await prisma.matchObjection.findMany({ select: { jobId: true, snapshot: true, status: true }, orderBy: { createdAt: "asc" } });
    expect(rows[0]).toMatchObject({ jobId: atlas.job.id, status: "OPEN", snapshot: { rulesVersion: SCORING_RULES_VERSION, group: "declared" } });
    expect(rows[1]).toEqual({ jobId: souss.job.id, snapshot: null, status: "OPEN" });

    await expect(fileObjection({ jobId: atlas.job.id, userId: candidate.id, message: "Encore une fois, pourquoi ?" })).rejects.toMatchObject({ code: "objectionOpen", status: 409 });
    const draft = await createEmployerJob({ status: "DRAFT" });
    await expect(fileObjection({ jobId: draft.job.id, userId: candidate.id, message: "Pourquoi pas moi ?" })).rejects.toMatchObject({ code: "jobNotFound", status: 404 });
    expect(await prisma.matchObjection.count()).toBe(2);
  });

  it("goes to the job's employer and to platform admins; only they answer, once, and the candidate is told in their language", async () => {
    const { atlas, souss, candidate } = await setup();
    const objection = await fileObjection({ jobId: atlas.job.id, userId: candidate.id, message: "Pourquoi mon score est-il si bas ?" });
    await fileObjection({ jobId: souss.job.id, userId: candidate.id, message: "لماذا لا أظهر في هذا العرض؟" });
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    const learner = await createUser();

    const queue = await listObjectionsForEmployer({ userId: atlas.recruiter.id });
    expect(queue.map((o) => o.jobTitle)).toEqual([atlas.job.title]);
    expect(queue[0]).toMatchObject({ handle: expect.stringMatching(/^Candidat·e /), status: "OPEN", snapshot: { group: "declared" } });
    // The reviewer sees the pseudonymous profile, never the name or e-mail.
    expect(JSON.stringify(queue)).not.toMatch(/Salma|salma@example/);
    expect((await listObjectionsForEmployer({ userId: souss.recruiter.id })).map((o) => o.jobTitle)).toEqual([souss.job.title]);
    expect(await listObjectionsForEmployer({ userId: learner.id })).toEqual([]);
    expect((await listAllObjections()).length).toBe(2);

    for (const outsider of [souss.recruiter.id, learner.id, candidate.id]) {
      await expect(answerObjection({ objectionId: objection.id, answer: "Réponse non autorisée.", answeredBy: outsider })).rejects.toMatchObject({ code: "objectionNotFound", status: 404 });
    }
    await expect(answerObjection({ objectionId: "nope", answer: "Réponse quelconque.", answeredBy: admin.id })).rejects.toMatchObject({ code: "objectionNotFound" });
    expect(await prisma.outboxEmail.count()).toBe(0);

    await answerObjection({ objectionId: objection.id, answer: "  Il vous manque la compétence « Rédaction de prompts ».  ", answeredBy: atlas.recruiter.id, origin: ORIGIN });
    await expect(answerObjection({ objectionId: objection.id, answer: "Deuxième réponse.", answeredBy: admin.id })).rejects.toMatchObject({ code: "alreadyAnswered", status: 409 });
    const mine = await listMyObjections({ userId: candidate.id });
    expect(mine.find((o) => o.id === objection.id)).toMatchObject({ status: "ANSWERED", answer: "Il vous manque la compétence « Rédaction de prompts »." });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ select: { to: true, subject: true, text: true } });
    expect(mail.to).toBe("salma@example.ma");
    expect(mail.subject).toContain(atlas.job.title);
    expect(mail.subject).toContain("جواب");
    expect(mail.text).toContain("Il vous manque la compétence");
    expect(mail.text).toContain(`${ORIGIN}/account/job-board#objections`);

    // A platform admin may answer any employer's objection.
    const other = (await listAllObjections()).find((o) => o.status === "OPEN");
    await answerObjection({ objectionId: other?.id ?? "", answer: "Votre profil ne déclare pas l'éthique de l'IA.", answeredBy: admin.id, origin: ORIGIN });
    expect((await listAllObjections()).every((o) => o.status === "ANSWERED")).toBe(true);
  });
});
