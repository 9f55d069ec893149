// Deleting one's account (right of opposition and erasure, law 09-08 art. 9): asked on /account/privacy (or
// POST /account/delete) and confirmed by password, carried out after ACCOUNT_DELETION_GRACE_DAYS (0: at once) unless
// cancelled. What stays and why is written down in docs/decisions/023-peoples-rights-law-09-08.md:
//  - kept without anything identifying: the account row (its id holds exam attempts a centre's statistics need, the
//    credentials' revocation bits, ranking audit lines, AI usage counts), its name, e-mail and password erased;
//  - kept as issued: the credentials' status list bits, so a copy the person downloaded still verifies (and can
//    still be revoked); the platform's stored copy, which carries their name, is replaced by a note that the holder
//    removed it;
//  - erased: sessions, reset tokens, security events (addresses), consents, cohort and organisation memberships,
//    enrolments and progress, accommodations (health data), the job-board profile, applications, contact requests
//    and objections, tutor conversations, practice answers and review cards, data exports, e-mails to them in the
//    outbox, and their name and e-mail wherever free text or queued jobs hold them.
import crypto from "node:crypto";
import type { Organisation } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { parseEnv } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import { getMailer } from "~/lib/mailer.server";
import { sql, sqlTransaction } from "~/lib/sql.server";
import { verifyPassword } from "~/modules/accounts/index.server";
import { notify } from "~/modules/notifications/index.server";

const DAY_MS = 86_400_000;
export const ERASED = "[erased]";

export type DeletionRefusal = { code: "wrong_password" | "last_admin"; organisations?: string[] };

/** Organisations where the person is the only admin: someone else must be named first. */
export async function organisationsOnlyAdministeredBy(userId: string) {
  const rows = await sql<Pick<Organisation, "name">>(
    `SELECT o."name" FROM "Membership" m JOIN "Organisation" o ON o."id" = m."organisationId"
     WHERE m."userId" = $1 AND m."role" = 'ADMIN'
       AND NOT EXISTS (SELECT 1 FROM "Membership" other JOIN "User" u ON u."id" = other."userId"
                       WHERE other."organisationId" = m."organisationId" AND other."role" = 'ADMIN'
                         AND other."userId" <> m."userId" AND u."deletedAt" IS NULL)
     ORDER BY o."name"`,
    [userId],
  );
  return rows.map((r) => r.name);
}

/** The person's pending deletion, if any. */
export function pendingDeletion(userId: string) {
  return prisma.accountDeletion.findFirst({ where: { userId, cancelledAt: null, completedAt: null }, select: { requestedAt: true, scheduledFor: true } });
}

/**
 * Schedules the deletion after the grace period (or erases at once when it is 0). Refuses a wrong password and a
 * last admin of an organisation. Announced by e-mail.
 */
export async function scheduleDeletion({ userId, password, now = new Date() }: { userId: string; password: string; now?: Date }): Promise<
  { ok: true; erased: boolean; scheduledFor: Date } | { ok: false; refusal: DeletionRefusal }
> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true, email: true, name: true, locale: true, deletedAt: true } });
  if (!user || user.deletedAt || !(await verifyPassword({ hash: user.passwordHash, password }))) return { ok: false, refusal: { code: "wrong_password" } };
  const organisations = await organisationsOnlyAdministeredBy(userId);
  if (organisations.length > 0) return { ok: false, refusal: { code: "last_admin", organisations } };
  // Read at each request (not cached), so an operator's change applies at once.
  const grace = parseEnv().ACCOUNT_DELETION_GRACE_DAYS;
  const scheduledFor = new Date(now.getTime() + grace * DAY_MS);
  await prisma.accountDeletion.upsert({
    where: { userId },
    create: { userId, requestedAt: now, scheduledFor },
    update: { requestedAt: now, scheduledFor, cancelledAt: null, completedAt: null },
  });
  const t = await getFixedT(user.locale);
  if (grace === 0) {
    // Sent before the erasure, which then removes it from the local outbox with the rest.
    await getMailer().send({ to: user.email, subject: t("privacy.email.deleted.subject"), text: t("privacy.email.deleted.text", { name: user.name }) });
    await eraseAccount({ userId, now });
    return { ok: true, erased: true, scheduledFor };
  }
  const date = scheduledFor.toISOString().slice(0, 10);
  await notify({
    userId,
    kind: "deletion_scheduled",
    values: { date },
    href: "/account/delete",
    email: {
      to: user.email,
      subject: t("privacy.email.deletionScheduled.subject", { date }),
      text: t("privacy.email.deletionScheduled.text", { name: user.name, date, days: grace }),
    },
  });
  return { ok: true, erased: false, scheduledFor };
}

export async function cancelDeletion({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const { count } = await prisma.accountDeletion.updateMany({ where: { userId, cancelledAt: null, completedAt: null }, data: { cancelledAt: now } });
  return count > 0;
}

/** Deletions whose grace period is over (the scheduled job). */
export async function eraseDueAccounts(now = new Date()) {
  const due = await prisma.accountDeletion.findMany({ where: { cancelledAt: null, completedAt: null, scheduledFor: { lte: now } }, select: { userId: true } });
  for (const { userId } of due) await eraseAccount({ userId, now });
  return due.length;
}

/** A string as it appears inside JSON text (quotes and backslashes escaped), for replacing it in json/jsonb columns. */
const inJson = (value: string) => JSON.stringify(value).slice(1, -1);

/** Erases the account now (see the header for what goes and what stays). Idempotent. */
export async function eraseAccount({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, name: true, deletedAt: true } });
  if (!user) return;
  if (user.deletedAt) {
    await prisma.accountDeletion.updateMany({ where: { userId, completedAt: null }, data: { completedAt: now } });
    return;
  }
  // Name and e-mail as free text may hold them (an answer signed with one's name, an e-mail's body, a queued job).
  // Names shorter than 3 characters are not searched for in other people's text: they would match ordinary words.
  const needles = [user.email, ...(user.name.trim().length >= 3 ? [user.name.trim()] : [])];
  const attemptIds = (await prisma.examAttempt.findMany({ where: { userId }, select: { id: true } })).map((a) => a.id);
  await sqlTransaction(async (client) => {
    const run = (text: string, values: unknown[]) => client.query(text, values);
    const scrubText = async (table: string, column: string, where: string, whereValues: unknown[]) => {
      for (const needle of needles) {
        await run(`UPDATE ${table} SET ${column} = replace(${column}, $1, $2) WHERE ${where.replaceAll("$W", "$3")} AND strpos(${column}, $1) > 0`, [needle, ERASED, ...whereValues]);
      }
    };
    const scrubJson = async (table: string, column: string, where: string, whereValues: unknown[]) => {
      for (const needle of needles) {
        await run(
          `UPDATE ${table} SET ${column} = replace(${column}::text, $1, $2)::jsonb WHERE ${where.replaceAll("$W", "$3")} AND strpos(${column}::text, $1) > 0`,
          [inJson(needle), ERASED, ...whereValues],
        );
      }
    };
    // Their records that others keep: free text about them scrubbed.
    await scrubJson(`"AttemptResponse"`, `"response"`, `"attemptId" = ANY($W::text[])`, [attemptIds]);
    await scrubText(`"ReviewDecision"`, `"comment"`, `"attemptId" = ANY($W::text[])`, [attemptIds]);
    await scrubText(`"ReviewSuggestion"`, `"justification"`, `"attemptId" = ANY($W::text[])`, [attemptIds]);
    await scrubJson(`"AttemptEvent"`, `"data"`, `"attemptId" = ANY($W::text[])`, [attemptIds]);
    await scrubText(`"AttemptEvent"`, `"reason"`, `"attemptId" = ANY($W::text[])`, [attemptIds]);
    // The stored credential carries their name: replaced by a note (the public page then says the holder removed it).
    await run(
      `UPDATE "IssuedCredential" SET "json" = jsonb_build_object('removedByHolder', true, 'removedAt', $2::text) WHERE "userId" = $1`,
      [userId, now.toISOString()],
    );
    // What is theirs alone.
    for (const table of [
      "Session",
      "PasswordResetToken",
      "SecurityEvent",
      "Consent",
      "Membership",
      "UserRole",
      "CohortMember",
      "CohortReminder",
      "Enrolment",
      "LessonProgress",
      "ExamAccommodation",
      "CandidateSkill",
      "JobApplication",
      "ContactRequest",
      "MatchObjection",
      "StudyFlag",
      "PracticeAttempt",
      "ReviewCard",
      "DataExport",
      "Notification",
      "NotificationPreference",
    ]) {
      await run(`DELETE FROM "${table}" WHERE "userId" = $1`, [userId]);
    }
    await run(`DELETE FROM "StudyMessage" WHERE "conversationId" IN (SELECT "id" FROM "StudyConversation" WHERE "userId" = $1)`, [userId]);
    await run(`DELETE FROM "StudyConversation" WHERE "userId" = $1`, [userId]);
    await run(`DELETE FROM "CandidateProfile" WHERE "userId" = $1`, [userId]);
    // E-mails: those to them go; their name or address in anyone else's is scrubbed.
    await run(`DELETE FROM "OutboxEmail" WHERE "to" = $1`, [user.email]);
    for (const column of [`"subject"`, `"text"`, `"html"`]) await scrubText(`"OutboxEmail"`, column, "TRUE", []);
    // Jobs queued or archived by pg-boss (an invitation e-mail holds the address and name).
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('pgboss.job') IS NOT NULL AS "exists"`);
    if (rows[0]?.exists) {
      for (const table of ["pgboss.job", "pgboss.archive"]) {
        const { rows: found } = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [table]);
        if (!found[0]?.exists) continue;
        await scrubJson(table, "data", "TRUE", []);
        await scrubJson(table, "output", "TRUE", []);
      }
    }
    // The account: no name, no address, no usable password; the id stays for the records above.
    await run(
      `UPDATE "User" SET "email" = $2, "name" = '', "passwordHash" = $3, "invitedAt" = NULL, "deletedAt" = $4::timestamp, "updatedAt" = $4::timestamp WHERE "id" = $1`,
      [userId, `erased-${userId}@erased.invalid`, `!erased-${crypto.randomUUID()}`, now.toISOString()],
    );
    await run(`UPDATE "AccountDeletion" SET "completedAt" = $2::timestamp WHERE "userId" = $1`, [userId, now.toISOString()]);
  });
}
