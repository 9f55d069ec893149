// The privacy jobs, on the server's job queue (the pg-boss instance the credential worker started): data exports
// ("export-personal-data", fed by a short poll of pending DataExport rows, as credentials are fed from their events),
// every few minutes, the deletions whose grace period is over and the expired export archives, and every night (and
// once at start) the retention periods ("privacy-retention", a pg-boss cron schedule).
import type PgBoss from "pg-boss";
import { logger } from "~/lib/logger.server";
import { eraseDueAccounts } from "./deletion.server";
import { buildExport, failExport, pendingExportIds, purgeExpiredExports } from "./export.server";
import { applyRetention } from "./retention.server";

export const EXPORT_QUEUE = "export-personal-data";
export const RETENTION_QUEUE = "privacy-retention";
type ExportJob = { exportId: string };

export async function startPrivacyJobs({ boss, pollIntervalMs = 2_000, sweepIntervalMs = 300_000 }: { boss: PgBoss; pollIntervalMs?: number; sweepIntervalMs?: number }) {
  const queue = { name: EXPORT_QUEUE, policy: "stately" as const, retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 };
  await boss.createQueue(EXPORT_QUEUE, queue);
  await boss.updateQueue(EXPORT_QUEUE, queue);
  const workerId = await boss.work<ExportJob>(EXPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true }, async ([job]) => {
    if (!job) return;
    try {
      await buildExport({ exportId: job.data.exportId });
    } catch (error) {
      logger.error({ err: error, exportId: job.data.exportId }, "data export failed; pg-boss will retry");
      // The last retry gives up: the person sees it failed and can ask again.
      if (job.retryCount >= queue.retryLimit) await failExport({ exportId: job.data.exportId, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  });

  // Retention: one job at a time (singleton policy), at 03:17 Casablanca time, and once now.
  await boss.createQueue(RETENTION_QUEUE, { name: RETENTION_QUEUE, policy: "singleton", retryLimit: 2, expireInSeconds: 1_800 });
  await boss.schedule(RETENTION_QUEUE, "17 3 * * *", {}, { tz: "Africa/Casablanca" });
  await boss.work(RETENTION_QUEUE, { batchSize: 1 }, async () => {
    const counts = await applyRetention();
    logger.info({ counts }, "retention periods applied");
  });
  await boss.send(RETENTION_QUEUE, {});

  let stopped = false;
  const poll = async () => {
    const ids = await pendingExportIds();
    if (ids.length === 0 || stopped) return;
    // One job per export (singletonKey): a poll that offers it again while it runs adds nothing.
    await boss.insert(ids.map((exportId) => ({ name: EXPORT_QUEUE, data: { exportId }, singletonKey: exportId })));
    boss.notifyWorker(workerId);
  };
  const sweep = async () => {
    const erased = await eraseDueAccounts();
    const purged = await purgeExpiredExports();
    if (erased + purged > 0) logger.info({ erased, purged }, "privacy sweep");
  };
  const pollTimer = setInterval(() => void poll().catch((error: unknown) => logger.error({ err: error }, "data export poll failed")), pollIntervalMs);
  const sweepTimer = setInterval(() => void sweep().catch((error: unknown) => logger.error({ err: error }, "privacy sweep failed")), sweepIntervalMs);
  pollTimer.unref();
  sweepTimer.unref();
  void poll().catch(() => {});
  void sweep().catch((error: unknown) => logger.error({ err: error }, "privacy sweep failed"));
  return {
    stop() {
      stopped = true;
      clearInterval(pollTimer);
      clearInterval(sweepTimer);
    },
  };
}
