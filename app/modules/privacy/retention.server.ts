// How long personal data is kept (law 09-08 art. 3: no longer than the purpose needs), from the configuration, and
// the daily job that applies it (jobs.server.ts, on the job queue). README "Configuration" lists the periods.
import { prisma } from "~/lib/db.server";
import { parseEnv, type Env } from "~/lib/env.server";
import { purgeOldConversations } from "~/modules/study/index.server";
import { eraseAccount } from "./deletion.server";
import { purgeExpiredExports } from "./export.server";

const DAY_MS = 86_400_000;

/** The periods in days, per kind of record (also written into the record of processing activities). */
export function retentionPolicy(env: Env = parseEnv()) {
  return {
    sessions: env.RETENTION_SESSIONS_DAYS,
    outbox: env.RETENTION_OUTBOX_DAYS,
    tutorConversations: env.STUDY_RETENTION_DAYS,
    rankingLogs: env.RETENTION_RANKING_LOG_DAYS,
    securityEvents: env.RETENTION_SECURITY_EVENTS_DAYS,
    invitations: env.RETENTION_INVITATIONS_DAYS,
    dataExports: env.DATA_EXPORT_DAYS,
    deletionGrace: env.ACCOUNT_DELETION_GRACE_DAYS,
  };
}

/** Deletes what is past its period; returns how many records of each kind went. */
export async function applyRetention({ now = new Date(), policy = retentionPolicy() }: { now?: Date; policy?: ReturnType<typeof retentionPolicy> } = {}) {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const [sessions, outbox, rankingLogs, securityEvents] = await Promise.all([
    prisma.session.deleteMany({ where: { expiresAt: { lt: before(policy.sessions) } } }),
    prisma.outboxEmail.deleteMany({ where: { createdAt: { lt: before(policy.outbox) } } }),
    prisma.rankingLog.deleteMany({ where: { createdAt: { lt: before(policy.rankingLogs) } } }),
    prisma.securityEvent.deleteMany({ where: { createdAt: { lt: before(policy.securityEvents) } } }),
  ]);
  const tutorConversations = await purgeOldConversations({ now, days: policy.tutorConversations });
  // An account a centre created whose holder never chose a password: the invitation lapsed, the account goes.
  const lapsed = await prisma.user.findMany({ where: { invitedAt: { lt: before(policy.invitations) }, deletedAt: null }, select: { id: true } });
  for (const { id } of lapsed) await eraseAccount({ userId: id, now });
  const dataExports = await purgeExpiredExports(now);
  return {
    sessions: sessions.count,
    outbox: outbox.count,
    rankingLogs: rankingLogs.count,
    securityEvents: securityEvents.count,
    tutorConversations,
    invitations: lapsed.length,
    dataExports,
  };
}
