import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { type JobWorkers, startJobWorkers } from "~/lib/jobs.server";
import { createRequestContext } from "~/lib/request-context.server";
import { sql } from "~/lib/sql.server";
import { authenticate, getResetTokenState, resetPassword } from "~/modules/accounts/accounts.server";
import { INVITATION_LIFETIME_DAYS } from "~/modules/accounts/invitations.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { loader as resetPasswordLoader } from "~/routes/reset-password.$token";
import { makeCurriculum } from "../../../tests/curriculum";
import { createOrganisation, createUser, TEST_PASSWORD } from "../../../tests/factories";
import {
  ENROLMENT_EMAIL_QUEUE,
  enrolmentEmailJob,
  importEnrolment,
  previewEnrolment,
} from "./enrolment.server";

const ORIGIN = "https://maharat.example.ma";
const ip = "203.0.113.9";

let worker: JobWorkers | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

/** A centre with a cohort following two courses, and its admin. */
async function setup() {
  await syncCurriculum({ prisma, curriculum: makeCurriculum() });
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "OFPPT Casablanca" });
  const admin = await createUser({ role: "CENTRE_ADMIN", centreId: centre.id });
  const cohort = await prisma.cohort.create({
    data: {
      organisationId: centre.id,
      name: "Cohorte IA 2026",
      courses: { create: [{ courseId: "t1-course", position: 1 }, { courseId: "t2-course", position: 2 }] },
    },
    select: { id: true },
  });
  return { centre, admin, cohortId: cohort.id };
}

/** Jobs queued for this cohort (pg-boss's tables outlive the per-test truncation of ours). */
async function queuedJobs(cohortId: string) {
  const [row] = await sql<{ count: string }>(`SELECT count(*) FROM pgboss.job WHERE name = $1 AND data->>'cohortId' = $2`, [
    ENROLMENT_EMAIL_QUEUE,
    cohortId,
  ]);
  return Number(row.count);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the e-mail worker until every queued job is completed. */
async function sendQueuedEmails() {
  worker ??= await startJobWorkers([{ ...enrolmentEmailJob, pollingIntervalSeconds: 0.5 }]);
  await waitFor(async () => {
    const [row] = await sql<{ count: string }>(`SELECT count(*) FROM pgboss.job WHERE name = $1 AND state <> 'completed'`, [ENROLMENT_EMAIL_QUEUE]);
    return Number(row.count) === 0;
  });
}

const linkIn = (text: string) => new RegExp(`${ORIGIN}/reset-password/([a-z2-7]+)`).exec(text)?.[1] ?? null;

describe("previewEnrolment", () => {
  it("gives each row a status, counts them and writes nothing", async () => {
    const { centre, cohortId } = await setup();
    const existing = await createUser({ email: "karim@example.ma", name: "Karim Tazi" });
    const enrolled = await createUser({ email: "nadia@example.ma" });
    await prisma.cohortMember.create({ data: { cohortId, userId: enrolled.id, role: "LEARNER" } });
    const instructor = await createUser({ role: "INSTRUCTOR", centreId: centre.id, email: "prof@example.ma" });
    await prisma.cohortMember.create({ data: { cohortId, userId: instructor.id, role: "INSTRUCTOR" } });
    const csv = [
      "Nom complet;E-mail;Matricule;Langue",
      "محمد أمين بن علي;amine@example.ma;J1;ar",
      "Karim Tazi;KARIM@example.ma;J2;",
      "Nadia Alaoui;nadia@example.ma;J3;fr",
      "Prof;prof@example.ma;;",
      ";nobody@example.ma;;",
      "Fatima-Zahra El Idrissi;amine@example.ma;J5;",
    ].join("\r\n");
    const usersBefore = await prisma.user.count();

    const preview = await previewEnrolment({ cohortId, csv });

    expect(preview.fileProblems).toEqual([]);
    expect(preview.cohort).toEqual({ id: cohortId, name: "Cohorte IA 2026", centreName: "OFPPT Casablanca" });
    expect(preview.rows.map((r) => [r.line, r.email, r.status, r.problems.map((p) => p.code)])).toEqual([
      [2, "amine@example.ma", "new_account", []],
      [3, "karim@example.ma", "existing_account", []],
      [4, "nadia@example.ma", "already_enrolled", []],
      [5, "prof@example.ma", "invalid", ["cohort_instructor"]],
      [6, "nobody@example.ma", "invalid", ["name_missing"]],
      [7, "amine@example.ma", "invalid", ["duplicate_in_file"]],
    ]);
    expect(preview.rows[0]).toMatchObject({ name: "محمد أمين بن علي", studentId: "J1", language: "ar" });
    expect(preview.counts).toEqual({ new_account: 1, existing_account: 1, already_enrolled: 1, invalid: 3 });
    expect(existing.id).toBeTruthy();
    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.cohortMember.count({ where: { cohortId } })).toBe(2);
  });

  it("looks accounts up in one batch, not once per row", async () => {
    const { cohortId } = await setup();
    await createUser({ email: "l7@example.ma" });
    const csv = ["name,email", ...Array.from({ length: 300 }, (_, i) => `Learner ${i},l${i}@example.ma`)].join("\n");
    const findMany = vi.spyOn(prisma.user, "findMany");
    const findUnique = vi.spyOn(prisma.user, "findUnique");
    const preview = await previewEnrolment({ cohortId, csv });
    expect(preview.counts).toEqual({ new_account: 299, existing_account: 1, already_enrolled: 0, invalid: 0 });
    expect(findMany).toHaveBeenCalledTimes(1);
    expect(findUnique).not.toHaveBeenCalled();
  });

  it("reports a file problem and no rows for a file without an e-mail column", async () => {
    const { cohortId } = await setup();
    const preview = await previewEnrolment({ cohortId, csv: "nom;téléphone\nSalma;0600000000\n" });
    expect(preview).toMatchObject({ rows: [], fileProblems: [{ code: "missing_column_email" }] });
  });

  it("refuses an unknown or archived cohort with a coded error", async () => {
    const { cohortId } = await setup();
    await expect(previewEnrolment({ cohortId: "nope", csv: "name,email\n" })).rejects.toMatchObject({ code: "cohort_not_found", status: 404 });
    await prisma.cohort.update({ where: { id: cohortId }, data: { archivedAt: new Date() } });
    await expect(importEnrolment({ cohortId, csv: "name,email\nA,a@example.ma", actorId: "x", origin: ORIGIN })).rejects.toMatchObject({
      code: "cohort_archived",
      status: 409,
    });
    expect(await prisma.user.count({ where: { email: "a@example.ma" } })).toBe(0);
  });
});

describe("importEnrolment", () => {
  const csv = [
    "\uFEFFPrénom;Nom;Courriel;CNE;Langue",
    "Fatima-Zahra;El Idrissi;fz.elidrissi@example.ma;J130000001;Français",
    "محمد أمين;بن علي;amine.benali@example.ma;J130000002;العربية",
    "Youssef;Alaoui;youssef@example.ma;;en",
    "Karim;Tazi;karim@example.ma;J130000004;",
    "Sans;Adresse;;;",
    "Double;Entrée;youssef@example.ma;;",
  ].join("\r\n");

  it("creates invited accounts, adds everyone to the cohort and its courses, and e-mails each learner once", async () => {
    const { admin, cohortId } = await setup();
    const karim = await createUser({ email: "karim@example.ma", name: "Karim Tazi", locale: "fr" });

    const result = await importEnrolment({ cohortId, csv, actorId: admin.id, origin: ORIGIN });

    expect(result).toEqual({ created: 3, enrolled: 4, alreadyEnrolled: 0, rejected: 2, fileProblems: [] });
    const users = await prisma.user.findMany({
      where: { email: { in: ["fz.elidrissi@example.ma", "amine.benali@example.ma", "youssef@example.ma"] } },
      select: { email: true, name: true, locale: true, passwordHash: true, invitedAt: true },
      orderBy: { email: "asc" },
    });
    expect(users.map((u) => [u.email, u.name, u.locale, u.passwordHash])).toEqual([
      ["amine.benali@example.ma", "محمد أمين بن علي", "ar", ""],
      ["fz.elidrissi@example.ma", "Fatima-Zahra El Idrissi", "fr", ""],
      ["youssef@example.ma", "Youssef Alaoui", "en", ""],
    ]);
    for (const user of users) expect(Math.abs((user.invitedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    // The existing account is left as it was.
    expect(await prisma.user.findUniqueOrThrow({ where: { id: karim.id }, select: { name: true, invitedAt: true } })).toEqual({
      name: "Karim Tazi",
      invitedAt: null,
    });

    const members = await prisma.cohortMember.findMany({
      where: { cohortId },
      select: { role: true, studentId: true, user: { select: { email: true } } },
      orderBy: { user: { email: "asc" } },
    });
    expect(members.map((m) => [m.user.email, m.role, m.studentId])).toEqual([
      ["amine.benali@example.ma", "LEARNER", "J130000002"],
      ["fz.elidrissi@example.ma", "LEARNER", "J130000001"],
      ["karim@example.ma", "LEARNER", "J130000004"],
      ["youssef@example.ma", "LEARNER", null],
    ]);
    expect(await prisma.enrolment.count()).toBe(8);
    expect(await prisma.enrolment.count({ where: { userId: karim.id } })).toBe(2);

    // Nothing is sent in the request: one job per learner, carrying no token.
    expect(await prisma.outboxEmail.count()).toBe(0);
    expect(await queuedJobs(cohortId)).toBe(4);
    const [job] = await sql<{ data: Record<string, unknown> }>(`SELECT data FROM pgboss.job WHERE name = $1 AND data->>'cohortId' = $2 LIMIT 1`, [
      ENROLMENT_EMAIL_QUEUE,
      cohortId,
    ]);
    expect(Object.keys(job.data).sort()).toEqual(["cohortId", "kind", "origin", "userId"]);

    await sendQueuedEmails();
    const mails = await prisma.outboxEmail.findMany({ select: { to: true, subject: true, text: true }, orderBy: { to: "asc" } });
    expect(mails.map((m) => m.to)).toEqual(["amine.benali@example.ma", "fz.elidrissi@example.ma", "karim@example.ma", "youssef@example.ma"]);
    const byTo = new Map(mails.map((m) => [m.to, m]));
    // New accounts get a one-time link, in their language; the existing account a notice without one.
    for (const to of ["amine.benali@example.ma", "fz.elidrissi@example.ma", "youssef@example.ma"]) expect(linkIn(byTo.get(to)?.text ?? "")).not.toBeNull();
    expect(linkIn(byTo.get("karim@example.ma")?.text ?? "")).toBeNull();
    expect(byTo.get("karim@example.ma")?.text).toContain(`${ORIGIN}/learn`);
    expect(byTo.get("amine.benali@example.ma")?.subject).toMatch(/[\u0600-\u06FF]/);
    expect(byTo.get("youssef@example.ma")?.subject).not.toMatch(/[\u0600-\u06FF]/);
    expect(byTo.get("youssef@example.ma")?.subject).not.toBe(byTo.get("fz.elidrissi@example.ma")?.subject);
    expect(byTo.get("fz.elidrissi@example.ma")?.text).toContain("Cohorte IA 2026");

    const tokens = await prisma.passwordResetToken.findMany({ select: { purpose: true, expiresAt: true, usedAt: true } });
    expect(tokens).toHaveLength(3);
    for (const token of tokens) {
      expect(token.purpose).toBe("invitation");
      expect(token.usedAt).toBeNull();
      expect(Math.abs(token.expiresAt.getTime() - Date.now() - INVITATION_LIFETIME_DAYS * 86_400_000)).toBeLessThan(60_000);
    }
  });

  it("changes nothing and sends nothing when the same file is imported again", async () => {
    const { admin, cohortId } = await setup();
    await createUser({ email: "karim@example.ma" });
    await importEnrolment({ cohortId, csv, actorId: admin.id, origin: ORIGIN });
    await sendQueuedEmails();
    const snapshot = async () => ({
      users: await prisma.user.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } }),
      members: await prisma.cohortMember.findMany({ select: { userId: true, studentId: true, enrolledAt: true }, orderBy: { userId: "asc" } }),
      enrolments: await prisma.enrolment.count(),
      tokens: await prisma.passwordResetToken.count(),
      mails: await prisma.outboxEmail.count(),
      jobs: await queuedJobs(cohortId),
    });
    const before = await snapshot();
    expect(before.mails).toBe(4);

    const again = await importEnrolment({ cohortId, csv, actorId: admin.id, origin: ORIGIN });

    expect(again).toEqual({ created: 0, enrolled: 0, alreadyEnrolled: 4, rejected: 2, fileProblems: [] });
    await sendQueuedEmails();
    await new Promise((resolve) => setTimeout(resolve, 700)); // a poll of the worker, in case a job was queued
    expect(await snapshot()).toEqual(before);
    expect((await previewEnrolment({ cohortId, csv })).counts).toEqual({ new_account: 0, existing_account: 0, already_enrolled: 4, invalid: 2 });
  });

  it("creates each account once when the same file is imported twice at the same time", async () => {
    const { admin, cohortId } = await setup();
    const rows = Array.from({ length: 200 }, (_, i) => `Learner ${i};learner${i}@example.ma`);
    const file = ["nom;email", ...rows].join("\n");
    const results = await Promise.all([
      importEnrolment({ cohortId, csv: file, actorId: admin.id, origin: ORIGIN }),
      importEnrolment({ cohortId, csv: file, actorId: admin.id, origin: ORIGIN }),
    ]);
    expect(results[0].created + results[1].created).toBe(200);
    expect(results[0].enrolled + results[1].enrolled).toBe(200);
    expect(results[0].alreadyEnrolled + results[1].alreadyEnrolled).toBe(200);
    expect(await prisma.user.count({ where: { email: { startsWith: "learner" } } })).toBe(200);
    expect(await prisma.cohortMember.count({ where: { cohortId } })).toBe(200);
    expect(await queuedJobs(cohortId)).toBe(200);
  });

  it("adds an invited learner to a second cohort with a fresh invitation, and an active one with a notice", async () => {
    const { admin, cohortId, centre } = await setup();
    const other = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Cohorte B" }, select: { id: true } });
    await importEnrolment({ cohortId, csv: "name,email\nSalma Bennani,salma@example.ma\nKarim,karim@example.ma", actorId: admin.id, origin: ORIGIN });
    await prisma.user.update({ where: { email: "karim@example.ma" }, data: { invitedAt: null, passwordHash: "set" } });
    const result = await importEnrolment({ cohortId: other.id, csv: "name,email\nSalma,salma@example.ma\nKarim,karim@example.ma", actorId: admin.id, origin: ORIGIN });
    expect(result).toMatchObject({ created: 0, enrolled: 2, alreadyEnrolled: 0 });
    await sendQueuedEmails();
    const mails = await prisma.outboxEmail.findMany({ where: { text: { contains: "Cohorte B" } }, select: { to: true, text: true }, orderBy: { to: "asc" } });
    expect(mails.map((m) => [m.to, linkIn(m.text) !== null])).toEqual([
      ["karim@example.ma", false],
      ["salma@example.ma", true],
    ]);
  });

  it("writes nothing for a file with a file problem", async () => {
    const { admin, cohortId } = await setup();
    const result = await importEnrolment({ cohortId, csv: 'name;email\n"Salma;s@example.ma\n', actorId: admin.id, origin: ORIGIN });
    expect(result).toEqual({ created: 0, enrolled: 0, alreadyEnrolled: 0, rejected: 0, fileProblems: [{ code: "unreadable" }] });
    expect(await prisma.user.count({ where: { email: "s@example.ma" } })).toBe(0);
    expect(await prisma.cohortMember.count({ where: { cohortId } })).toBe(0);
  });

  it("imports 1,000 rows in a few seconds and queues one e-mail per learner", async () => {
    const { admin, cohortId } = await setup();
    const lines = ["Nom complet;Email;Matricule;Langue"];
    for (let i = 0; i < 1000; i++) lines.push(`${i % 2 ? "محمد أمين بن علي" : "Fatima-Zahra El Idrissi"} ${i};learner${i}@example.ma;J${100000 + i};${i % 2 ? "ar" : "fr"}`);
    const started = performance.now();
    const result = await importEnrolment({ cohortId, csv: lines.join("\r\n"), actorId: admin.id, origin: ORIGIN });
    const seconds = (performance.now() - started) / 1000;
    expect(result).toEqual({ created: 1000, enrolled: 1000, alreadyEnrolled: 0, rejected: 0, fileProblems: [] });
    expect(seconds).toBeLessThan(10);
    expect(await prisma.cohortMember.count({ where: { cohortId, role: "LEARNER" } })).toBe(1000);
    expect(await prisma.enrolment.count()).toBe(2000);
    expect(await queuedJobs(cohortId)).toBe(1000);
  });
});

describe("invited accounts", () => {
  it("cannot log in until the password is chosen through the invitation link, which then clears invitedAt", async () => {
    const { admin, cohortId } = await setup();
    await importEnrolment({ cohortId, csv: "name,email\nSalma Bennani,salma@example.ma", actorId: admin.id, origin: ORIGIN });
    for (const password of ["", " ", TEST_PASSWORD]) {
      expect(await authenticate({ email: "salma@example.ma", password, ip })).toEqual({ ok: false, reason: "invalid" });
    }

    await sendQueuedEmails();
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "salma@example.ma" }, select: { text: true } });
    const token = linkIn(mail.text);
    if (!token) throw new Error("no invitation link in the e-mail");
    expect(await getResetTokenState(token)).toEqual({ usable: true, purpose: "invitation" });
    // The set-password page words itself for an invitation.
    const page = await resetPasswordLoader({ params: { token }, request: new Request(`${ORIGIN}/reset-password/${token}`), context: createRequestContext({ cspNonce: "" }) });
    expect(page).toEqual({ usable: true, purpose: "invitation" });

    expect(await resetPassword({ token, newPassword: "mon premier mot de passe", ip })).toMatchObject({ ok: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "salma@example.ma" }, select: { id: true, invitedAt: true } });
    expect(user.invitedAt).toBeNull();
    expect(await authenticate({ email: "salma@example.ma", password: "mon premier mot de passe", ip })).toEqual({ ok: true, userId: user.id });
    expect(await getResetTokenState(token)).toEqual({ usable: false, purpose: "invitation" });
    expect(await resetPassword({ token, newPassword: "quelqu'un d'autre", ip })).toEqual({ ok: false, reason: "invalid_token" });
    expect(await prisma.securityEvent.count({ where: { userId: user.id, type: "invitation_accepted" } })).toBe(1);
  });

  it("retires the other outstanding invitation links once a password is chosen", async () => {
    const { admin, cohortId, centre } = await setup();
    const other = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Cohorte B" }, select: { id: true } });
    const file = "name,email\nSalma Bennani,salma@example.ma";
    await importEnrolment({ cohortId, csv: file, actorId: admin.id, origin: ORIGIN });
    await importEnrolment({ cohortId: other.id, csv: file, actorId: admin.id, origin: ORIGIN });
    await sendQueuedEmails();
    const tokens = (await prisma.outboxEmail.findMany({ select: { text: true } })).map((m) => linkIn(m.text));
    expect(tokens).toHaveLength(2);
    const [first, second] = tokens;
    if (!first || !second) throw new Error("missing invitation links");
    expect(await resetPassword({ token: first, newPassword: "mon premier mot de passe", ip })).toMatchObject({ ok: true });
    expect(await resetPassword({ token: second, newPassword: "pris par quelqu'un", ip })).toEqual({ ok: false, reason: "invalid_token" });
  });
});
