// Notifications: something that happened to a person (an answer graded, a credential issued or revoked, a contact
// request, an objection answered, an export ready, a deletion scheduled, a cohort reminder) is kept for their
// notification centre (/account/notifications, unread count in the header) and e-mailed, unless they switched that
// kind of e-mail off. "deletion_scheduled" is always e-mailed: someone else may have asked with their password.
// The fact announced is already saved by the caller: a mail failure is logged and undoes nothing.
import { prisma } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { getMailer, type Email } from "~/lib/mailer.server";

export const NOTIFICATION_KINDS = [
  "open_answer_graded",
  "credential_issued",
  "credential_revoked",
  "contact_request",
  "objection_answered",
  "export_ready",
  "deletion_scheduled",
  "cohort_reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds whose e-mail cannot be switched off (security). */
export const ALWAYS_EMAILED: ReadonlySet<NotificationKind> = new Set(["deletion_scheduled"]);

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export async function wantsEmail(userId: string, kind: NotificationKind) {
  if (ALWAYS_EMAILED.has(kind)) return true;
  const preference = await prisma.notificationPreference.findUnique({ where: { userId_kind: { userId, kind } }, select: { email: true } });
  return preference?.email ?? true;
}

/**
 * Records the notification and sends its e-mail (already written in the person's language by the caller) unless
 * they switched this kind off. `values` are the message's values, translated when the centre shows it.
 */
export async function notify({ userId, kind, values, href, email }: { userId: string; kind: NotificationKind; values: Record<string, string>; href: string; email: Email }) {
  await prisma.notification.create({ data: { userId, kind, values, href }, select: { id: true } });
  if (!(await wantsEmail(userId, kind))) return { emailed: false };
  try {
    await getMailer().send(email);
    return { emailed: true };
  } catch (error) {
    logger.warn({ err: error, userId, kind }, "notification e-mail not sent");
    return { emailed: false };
  }
}

/** The person's notifications, newest first, and how many are unread. */
export async function listNotifications({ userId, limit = 50 }: { userId: string; limit?: number }) {
  const [items, unread] = await Promise.all([
    prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: limit, select: { id: true, kind: true, values: true, href: true, readAt: true, createdAt: true } }),
    unreadCount(userId),
  ]);
  return { items, unread };
}

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export async function markAllRead({ userId, now = new Date() }: { userId: string; now?: Date }) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
}

/** Per kind, whether it is e-mailed (and whether the person may change that). */
export async function emailPreferences(userId: string) {
  const rows = await prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, email: true } });
  return NOTIFICATION_KINDS.map((kind) => ({ kind, email: ALWAYS_EMAILED.has(kind) || (rows.find((r) => r.kind === kind)?.email ?? true), locked: ALWAYS_EMAILED.has(kind) }));
}

/** Saves the e-mail choices: `emailed` holds the kinds to e-mail; the others are switched off (security kinds stay on). */
export async function saveEmailPreferences({ userId, emailed }: { userId: string; emailed: ReadonlySet<string> }) {
  for (const kind of NOTIFICATION_KINDS) {
    if (ALWAYS_EMAILED.has(kind)) continue;
    const email = emailed.has(kind);
    await prisma.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, email }, update: { email } });
  }
}
