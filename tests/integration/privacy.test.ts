// People's rights over HTTP (run `npm run build` first): the data export holds every kind of record about the
// person and nothing of anyone else; deleting the account erases their name and e-mail from every text and JSON
// column of every schema (the job queue's included), they cannot sign in, and a credential they downloaded still
// verifies; consents can be withdrawn with effect at once.
import { unzipSync, strFromU8 } from "fflate";
import PgBoss from "pg-boss";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { getMailer } from "~/lib/mailer.server";
import { sql } from "~/lib/sql.server";
import { optInToJobBoard, updateJobBoardPreferences } from "~/modules/candidates/profile.server";
import { createEmployerJob, syncJobBoardCurriculum } from "~/modules/candidates/test-fixtures";
import { issueCredentialForEvent } from "~/modules/certification/issuer.server";
import { createCertificationEvent, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { logRanking, rankCandidates } from "~/modules/matching/ranking.server";
import { eraseDueAccounts } from "~/modules/privacy/deletion.server";
import { buildExport, pendingExportIds } from "~/modules/privacy/export.server";
import { createOrganisation, createUser, sessionCookieHeader, TEST_PASSWORD } from "../factories";
import { form, useTestServer } from "../setup/test-server";

useCredentialTestEnv({ appUrl: null });

const server = useTestServer();
beforeEach(async () => {
  await syncJobBoardCurriculum();
  vi.stubEnv("ACCOUNT_DELETION_GRACE_DAYS", "0");
});

const NAME = "Zineb Testperson-Privacy";
const EMAIL = "zineb.privacy@example.ma";
const OTHER_NAME = "Othmane Autrepersonne";

/** A person with a record of every kind the platform keeps, and one other person with records of their own. */
async function personWithEverything() {
  const user = await createUser({ name: NAME, email: EMAIL });
  const other = await createUser({ name: OTHER_NAME, email: "othmane.other@example.ma" });
  const { job } = await createEmployerJob({ skills: [{ skillId: "prompting", required: true }] });
  const ids: Record<string, string> = {};
  const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: "t1-course" }, select: { id: true } });
  for (const who of [user, other]) {
    await prisma.enrolment.create({ data: { userId: who.id, courseId: "t1-course" } });
    await prisma.lessonProgress.create({ data: { userId: who.id, lessonId: lesson.id, completedAt: new Date() } });
    const event = await createCertificationEvent({ userId: who.id });
    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(issued.outcome);
    await prisma.attemptResponse.create({ data: { attemptId: (await prisma.certificationEvent.findUniqueOrThrow({ where: { id: event.id } })).attemptId, itemId: "open-1", response: { text: `Réponse rédigée par ${who.name}` } } });
    await optInToJobBoard({ userId: who.id, locale: "fr" });
    await updateJobBoardPreferences({ userId: who.id, region: null, openToRemote: true, languages: ["fr"], declaredSkillIds: ["prompting"] });
    if (who === user) {
      ids.credential = issued.credentialId;
      ids.event = event.id;
    }
  }
  const recruiter = await prisma.jobPost.findUniqueOrThrow({ where: { id: job.id }, select: { createdById: true } });
  ids.application = (await prisma.jobApplication.create({ data: { jobId: job.id, userId: user.id }, select: { id: true } })).id;
  ids.contact = (await prisma.contactRequest.create({ data: { jobId: job.id, userId: user.id, requestedById: recruiter.createdById, message: `Bonjour ${NAME}` }, select: { id: true } })).id;
  const ranked = await rankCandidates({ jobId: job.id, limit: 10 });
  ids.ranking = (await logRanking({ jobId: job.id, viewerId: recruiter.createdById, channel: "employer_page", candidates: ranked.candidates })).id;
  ids.objection = (await prisma.matchObjection.create({ data: { jobId: job.id, userId: user.id, message: "Pourquoi ce rang ?", snapshot: {} }, select: { id: true } })).id;
  const conversation = await prisma.studyConversation.create({
    data: { userId: user.id, language: "fr", messages: { create: [{ role: "user", text: "Qu'est-ce qu'un LLM ?" }, { role: "assistant", text: "Un grand modèle de langage." }] } },
    select: { id: true, messages: { select: { id: true } } },
  });
  ids.conversation = conversation.id;
  ids.flag = (await prisma.studyFlag.create({ data: { userId: user.id, messageId: conversation.messages[1].id, reason: "wrong" }, select: { id: true } })).id;
  await prisma.practiceAttempt.create({ data: { userId: user.id, taskId: "task-privacy", language: "fr", answer: { text: "mon prompt" } } });
  await prisma.reviewCard.create({ data: { userId: user.id, questionId: "question-privacy", courseId: "t1-course", due: new Date(), card: {}, reviews: 1, lapses: 0 } });
  ids.aiUsage = (await prisma.aiUsage.create({ data: { userId: user.id, feature: "tutor", model: "m", inputTokens: 1, outputTokens: 1, costMicros: 1 }, select: { id: true } })).id;
  await getMailer().send({ to: EMAIL, subject: "Votre certificat", text: `Bonjour ${NAME}` });
  await getMailer().send({ to: "recruteuse@example.ma", subject: "Contact accepté", text: `${NAME} (${EMAIL}) a accepté votre demande.` });
  ids.security = (await prisma.securityEvent.create({ data: { userId: user.id, type: "login_failed", ip: "192.0.2.7" }, select: { id: true } })).id;
  ids.consent = (await prisma.consent.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })).id;
  return { user, other, job, ids, cookie: await sessionCookieHeader(user.id) };
}

async function exportNow(cookie: string) {
  const started = await server.request("/account/export", { method: "POST", cookie, headers: { Accept: "application/json" } });
  expect(started.status).toBe(202);
  expect(await started.json()).toMatchObject({ state: "pending", url: null });
  const pending = await server.request("/account/export.json", { cookie });
  expect(await pending.json()).toMatchObject({ state: "pending", url: null });
  // What the server's job queue does (app/modules/privacy/jobs.server.ts), here in the test's process.
  for (const exportId of await pendingExportIds()) await buildExport({ exportId });
  const ready = await (await server.request("/account/export.json", { cookie })).json();
  expect(ready).toMatchObject({ state: "ready", url: expect.stringMatching(/^\/account\/export\/[^/]+\.zip$/) });
  const download = await server.request(ready.url, { cookie });
  expect(download.status).toBe(200);
  expect(download.headers.get("content-type")).toBe("application/zip");
  return { url: ready.url as string, files: unzipSync(new Uint8Array(await download.arrayBuffer())) };
}

describe("the data export", () => {
  it("holds every kind of record about the person, their credentials as JSON, PNG and PDF, and nothing of anyone else", async () => {
    const { user, other, ids, cookie } = await personWithEverything();
    const { url, files } = await exportNow(cookie);
    const text = (name: string) => strFromU8(files[name]);
    const section = (name: string) => JSON.parse(text(`${name}.json`));
    expect(section("account").user).toMatchObject({ id: user.id, name: NAME, email: EMAIL });
    expect(JSON.stringify(section("account"))).not.toContain("passwordHash");
    expect(JSON.stringify(section("consents"))).toContain(ids.consent);
    expect(section("learning").enrolments).toHaveLength(1);
    expect(section("learning").lessonProgress).toHaveLength(1);
    expect(JSON.stringify(section("exams"))).toContain(`Réponse rédigée par ${NAME}`);
    expect(section("credentials").credentials.map((c: { id: string }) => c.id)).toEqual([ids.credential]);
    for (const extension of ["json", "png", "pdf"]) expect(files[`credentials/${ids.credential}.${extension}`]?.byteLength).toBeGreaterThan(100);
    expect(JSON.parse(text(`credentials/${ids.credential}.json`)).credentialSubject.identifier).toEqual(expect.arrayContaining([expect.objectContaining({ identityHash: NAME })]));
    expect(strFromU8(files[`credentials/${ids.credential}.pdf`].slice(0, 5))).toBe("%PDF-");
    expect(section("job-board").profile).toMatchObject({ userId: user.id, active: true });
    const jobBoard = JSON.stringify(section("job-board"));
    for (const id of [ids.application, ids.contact]) expect(jobBoard).toContain(id);
    const rankings = section("rankings").rankingsShown;
    expect(rankings).toEqual([expect.objectContaining({ id: ids.ranking, entry: expect.objectContaining({ userId: user.id, rank: expect.any(Number) }) })]);
    expect(JSON.stringify(section("objections"))).toContain(ids.objection);
    const study = JSON.stringify(section("study"));
    for (const id of [ids.conversation, ids.flag, ids.aiUsage]) expect(study).toContain(id);
    for (const piece of ["Qu'est-ce qu'un LLM ?", "task-privacy", "question-privacy"]) expect(study).toContain(piece);
    // The e-mails sent to them (the credential's announcement, the one written above), none sent to anyone else.
    const emails = section("emails").emails.map((e: { to: string; subject: string }) => e);
    expect(emails.map((e: { to: string }) => e.to)).toEqual(emails.map(() => EMAIL));
    expect(emails.map((e: { subject: string }) => e.subject)).toContain("Votre certificat");
    expect(JSON.stringify(section("notifications"))).toContain("credential_issued");
    expect(JSON.stringify(section("security"))).toContain("192.0.2.7");
    expect(text("README.txt")).toContain("loi 09-08");
    // Nothing of the other person: not their name, e-mail, id, answers or ranking line.
    const everything = Object.values(files).map((bytes) => Buffer.from(bytes).toString("latin1")).join("\n");
    for (const secret of [OTHER_NAME, "othmane.other@example.ma", other.id]) expect(everything).not.toContain(secret);
    // Nobody else downloads it, and it announced itself by e-mail.
    const stranger = await sessionCookieHeader(other.id);
    expect((await server.request(url, { cookie: stranger })).status).toBe(404);
    expect(await prisma.outboxEmail.count({ where: { to: EMAIL, subject: "Votre copie de vos données est prête" } })).toBe(1);
  });

  it("answers 401 to a stranger and 404 before any export", async () => {
    expect((await server.request("/account/export.json")).status).toBe(401);
    const user = await createUser();
    const res = await server.request("/account/export.json", { cookie: await sessionCookieHeader(user.id) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "no_export" });
  });
});

/** Every text and JSON column of every schema (pg-boss's too) that holds `needle`, as "schema.table.column". */
async function columnsHolding(needle: string) {
  const columns = await sql<{ schema: string; table: string; column: string }>(
    `SELECT c."table_schema" AS "schema", c."table_name" AS "table", c."column_name" AS "column"
     FROM information_schema.columns c JOIN information_schema.tables t ON t."table_schema" = c."table_schema" AND t."table_name" = c."table_name"
     WHERE c."data_type" IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY') AND t."table_type" = 'BASE TABLE'
       AND c."table_schema" NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: string[] = [];
  for (const { schema, table, column } of columns) {
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS "n" FROM "${schema}"."${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`, [needle]);
    if ((row?.n ?? 0) > 0) found.push(`${schema}.${table}.${column}`);
  }
  return found;
}

describe("deleting one's account", () => {
  it("with ACCOUNT_DELETION_GRACE_DAYS=0 erases name and e-mail everywhere at once; the downloaded credential still verifies", async () => {
    const { user, other, ids, cookie } = await personWithEverything();
    const downloaded = await (await server.request(`/credentials/${ids.credential}.json?download`)).json();
    // A job queued in pg-boss holding the address and name, as an invitation e-mail does.
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL ?? "", max: 2, schedule: false, supervise: false });
    await boss.start();
    await boss.createQueue("privacy-test");
    await boss.send("privacy-test", { to: EMAIL, name: NAME });
    await boss.stop({ graceful: false });
    expect((await columnsHolding(EMAIL)).length).toBeGreaterThan(3);

    // A wrong password: 400, nothing happens.
    const wrong = await server.request("/account/delete", { method: "POST", body: form({ password: "not my password" }), cookie });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Mot de passe incorrect.");
    expect(await prisma.user.count({ where: { email: EMAIL } })).toBe(1);

    const done = await server.request("/account/delete", { method: "POST", body: form({ password: TEST_PASSWORD }), cookie });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?notice=account-deleted");
    expect(await columnsHolding(EMAIL)).toEqual([]);
    expect(await columnsHolding(NAME)).toEqual([]);
    // The other person is untouched.
    expect(await columnsHolding(OTHER_NAME)).not.toEqual([]);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: other.id }, select: { name: true } })).toEqual({ name: OTHER_NAME });

    // They cannot sign in; their old session is gone.
    const login = await server.request("/login", { method: "POST", body: form({ email: EMAIL, password: TEST_PASSWORD }) });
    expect(login.status).toBe(400);
    expect((await server.request("/account", { cookie })).status).toBe(302);
    // Employers no longer see them.
    expect(await prisma.candidateProfile.count({ where: { userId: user.id } })).toBe(0);

    // The copy they downloaded still verifies; the public page says they removed the platform's copy.
    const verified = await fetch(`${server.origin}/credentials/verify`, { method: "POST", body: JSON.stringify({ verifiableCredential: downloaded }), headers: { "Content-Type": "application/json" } });
    expect(await verified.json()).toEqual({ verified: true, errors: [], warnings: [] });
    const page = await server.request(`/credentials/${ids.credential}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("a retiré ce certificat de Maharat");
    expect((await server.request(`/credentials/${ids.credential}.json`)).status).toBe(410);
  });

  it("waits for the grace period, can be cancelled, and refuses the last admin of a centre", async () => {
    vi.stubEnv("ACCOUNT_DELETION_GRACE_DAYS", "14");
    const user = await createUser({ name: NAME, email: EMAIL });
    const cookie = await sessionCookieHeader(user.id);
    const scheduled = await server.request("/account/delete", { method: "POST", body: form({ password: TEST_PASSWORD }), cookie });
    expect(scheduled.status).toBe(302);
    const page = await (await server.request("/account/delete", { cookie })).text();
    expect(page).toContain('data-deletion="scheduled"');
    expect(await prisma.outboxEmail.count({ where: { to: EMAIL, subject: { startsWith: "Suppression de votre compte prévue le" } } })).toBe(1);
    // Not yet due; cancelled, it never happens.
    expect(await eraseDueAccounts(new Date())).toBe(0);
    expect((await server.request("/account/delete", { method: "POST", body: form({ intent: "cancel" }), cookie })).status).toBe(302);
    expect(await eraseDueAccounts(new Date(Date.now() + 15 * 86_400_000))).toBe(0);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { deletedAt: true } })).toEqual({ deletedAt: null });
    // Scheduled again, it is carried out once due.
    await server.request("/account/delete", { method: "POST", body: form({ password: TEST_PASSWORD }), cookie });
    expect(await eraseDueAccounts(new Date(Date.now() + 15 * 86_400_000))).toBe(1);
    expect(await columnsHolding(EMAIL)).toEqual([]);

    const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "ISTA Privacy" });
    const admin = await createUser({ role: "CENTRE_ADMIN", centreId: centre.id });
    const refused = await server.request("/account/delete", { method: "POST", body: form({ password: TEST_PASSWORD }), cookie: await sessionCookieHeader(admin.id) });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("ISTA Privacy");
  });
});

describe("consents", () => {
  it("lists each consent with version and date, and withdrawing the job board takes effect at once", async () => {
    const user = await createUser();
    await optInToJobBoard({ userId: user.id, locale: "fr" });
    const cookie = await sessionCookieHeader(user.id);
    const page = await (await server.request("/account/privacy", { cookie })).text();
    expect(page).toMatch(/data-consent="privacy_notice" data-active="true"/);
    expect(page).toMatch(/data-consent="job_board" data-active="true"/);
    expect(page).toMatch(/data-consent="ai_processing_abroad" data-active="false"/);
    const withdrawn = await server.request("/account/privacy", { method: "POST", body: form({ intent: "withdraw", kind: "job_board" }), cookie });
    expect(withdrawn.status).toBe(302);
    expect(await prisma.candidateProfile.findUniqueOrThrow({ where: { userId: user.id }, select: { active: true } })).toEqual({ active: false });
    expect(await (await server.request("/account/privacy", { cookie })).text()).toMatch(/data-consent="job_board" data-active="false"/);
    // The privacy notice is withdrawn by deleting the account, not here.
    expect((await server.request("/account/privacy", { method: "POST", body: form({ intent: "withdraw", kind: "privacy_notice" }), cookie })).status).toBe(400);
  });
});

describe("correcting one's name", () => {
  it("saves the names (Arabic and Latin), then re-issues a credential with it: the old one revoked as superseded, history kept", async () => {
    const user = await createUser({ name: "Mohamed Benali" });
    const event = await createCertificationEvent({ userId: user.id });
    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(issued.outcome);
    const cookie = await sessionCookieHeader(user.id);

    const bad = await server.request("/account/profile", { method: "POST", body: form({ name: "", certificateName: "x", certificateNameLatin: "" }), cookie });
    expect(bad.status).toBe(400);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).toEqual({ name: "Mohamed Benali" });

    const saved = await server.request("/account/profile", { method: "POST", body: form({ name: "Mohamed Amine Benali", certificateName: "محمد أمين بن علي", certificateNameLatin: "Mohamed Amine Benali" }), cookie });
    expect(saved.status).toBe(302);
    const page = await (await server.request("/account/profile", { cookie })).text();
    expect(page).toContain(`data-outdated-credential="${issued.credentialId}"`);
    expect(page).toContain("محمد أمين بن علي / Mohamed Amine Benali");

    const reissued = await server.request("/account/profile", { method: "POST", body: form({ intent: "reissue", credentialId: issued.credentialId }), cookie });
    expect(reissued.status).toBe(302);
    const old = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: issued.credentialId }, select: { revokedAt: true, revokeReason: true, json: true } });
    expect(old).toMatchObject({ revokeReason: "superseded", revokedAt: expect.any(Date) });
    const next = await prisma.issuedCredential.findFirstOrThrow({ where: { supersedesId: issued.credentialId }, select: { id: true, json: true, revokedAt: true } });
    expect(next.revokedAt).toBeNull();
    expect(JSON.stringify(next.json)).toContain("محمد أمين بن علي / Mohamed Amine Benali");
    const verify = (credential: unknown) =>
      fetch(`${server.origin}/credentials/verify`, { method: "POST", body: JSON.stringify({ verifiableCredential: credential }), headers: { "Content-Type": "application/json" } }).then((r) => r.json());
    expect(await verify(next.json)).toEqual({ verified: true, errors: [], warnings: [] });
    expect((await verify(old.json)).verified).toBe(false);
    // Nothing left to re-issue; a second re-issue of the old one is refused.
    expect(await (await server.request("/account/profile", { cookie })).text()).not.toContain("data-outdated-credential");
    expect((await server.request("/account/profile", { method: "POST", body: form({ intent: "reissue", credentialId: issued.credentialId }), cookie })).status).toBe(409);
    // The credentials page shows the new one.
    expect(await (await server.request("/credentials", { cookie })).text()).toContain(next.id);
  });
});

describe("the credentials page while a grader has not finished", () => {
  it("says the exam awaits review, by name, instead of 'no certificate yet'", async () => {
    const user = await createUser();
    const version = await prisma.examVersion.findFirstOrThrow({ where: { courseId: "t1-course", archivedAt: null }, select: { id: true, examSlug: true } });
    await prisma.examAttempt.create({
      data: { userId: user.id, courseId: "t1-course", examSlug: version.examSlug, examVersionId: version.id, number: 1, state: "AWAITING_REVIEW", language: "fr", itemIds: [], displayOrders: {}, deadlineAt: new Date(), submittedAt: new Date() },
    });
    const page = await (await server.request("/credentials", { cookie: await sessionCookieHeader(user.id) })).text();
    expect(page).toContain('data-awaiting-review="t1-course"');
    expect(page).toMatch(/En attente de correction : [^<]+/);
    expect(page).not.toContain("pas encore de certification");
  });
});

describe("the privacy notice and the record of processing activities", () => {
  it("name the controller from the configuration, and the record says where the AI model and e-mail go", async () => {
    vi.stubEnv("PRIVACY_CONTROLLER_NAME", "Association Maharat Souss");
    vi.stubEnv("PRIVACY_CONTACT_EMAIL", "dpo-contact@maharat-souss.ma");
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", "https://llm.example.com/v1");
    vi.stubEnv("AI_PROCESSING_ABROAD", "true");
    try {
      const notice = await (await server.request("/privacy")).text();
      expect(notice).toContain("Association Maharat Souss");
      expect(notice).toContain("mailto:dpo-contact@maharat-souss.ma");
      const admin = await createUser({ role: "PLATFORM_ADMIN" });
      const learner = await createUser();
      expect((await server.request("/admin/processing-record.csv", { cookie: await sessionCookieHeader(learner.id) })).status).toBe(403);
      const record = await server.request("/admin/processing-record.csv", { cookie: await sessionCookieHeader(admin.id) });
      expect(record.status).toBe(200);
      expect(record.headers.get("content-type")).toContain("text/csv");
      const csv = await record.text();
      expect(csv).toContain("Association Maharat Souss");
      expect(csv).toContain("Oui : modèle d’IA hébergé par llm.example.com");
      expect(csv).toContain("180 jours après le dernier message");
      expect(csv.split("\r\n").filter((line) => line.startsWith("Espace emploi et classement;"))).toHaveLength(1);
    } finally {
      for (const name of ["PRIVACY_CONTROLLER_NAME", "PRIVACY_CONTACT_EMAIL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "AI_PROCESSING_ABROAD"]) vi.stubEnv(name, undefined);
    }
  });
});
