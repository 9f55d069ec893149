// The privacy jobs (app/lib/jobs.server.ts): data exports ("export-personal-data", fed by a short poll of pending
// DataExport rows, as credentials are fed from their events); every five minutes, the deletions whose grace period is
// over ("erase-due-accounts"); every night, the retention periods, expired export archives included
// ("privacy-retention": an archive is never served after its expiry, whenever its bytes are dropped). The two
// scheduled jobs also run once at start.
import { z } from "zod";
import { defineJob, stableJobId } from "~/lib/jobs.server";
import { logger } from "~/lib/logger.server";
import { eraseDueAccounts } from "./deletion.server";
import { buildExport, failExport, pendingExportIds } from "./export.server";
import { applyRetention } from "./retention.server";

export const EXPORT_QUEUE = "export-personal-data";
export const RETENTION_QUEUE = "privacy-retention";
export const ERASE_DUE_ACCOUNTS_QUEUE = "erase-due-accounts";

export const exportPersonalDataJob = defineJob<{ exportId: string }>({
  name: EXPORT_QUEUE,
  schema: z.object({ exportId: z.string().min(1) }),
  run: ({ exportId }) => buildExport({ exportId }),
  policy: { policy: "stately", retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 },
  feed: {
    everyMs: 2_000,
    // One job per export (a fixed id): a poll that offers it again while it waits or runs adds nothing.
    pending: async () => (await pendingExportIds()).map((exportId) => ({ data: { exportId }, id: stableJobId(`export-personal-data:${exportId}`) })),
  },
  async onError(error, data, { lastAttempt }) {
    const { exportId } = data as { exportId?: string };
    logger.error({ err: error, exportId }, "data export failed; pg-boss will retry");
    // The last retry gives up: the person sees it failed and can ask again.
    if (lastAttempt && exportId) await failExport({ exportId, error: error instanceof Error ? error.message : String(error) });
  },
});

export const eraseDueAccountsJob = defineJob<Record<string, never>>({
  name: ERASE_DUE_ACCOUNTS_QUEUE,
  schema: z.object({}).strict(),
  async run() {
    const erased = await eraseDueAccounts();
    if (erased > 0) logger.info({ erased }, "accounts erased at the end of their grace period");
  },
  policy: { policy: "singleton", retryLimit: 1, expireInSeconds: 600 },
  cron: { expression: "*/5 * * * *", atStart: true },
});

/** Retention: one job at a time, at 03:17 Casablanca time. */
export const retentionJob = defineJob<Record<string, never>>({
  name: RETENTION_QUEUE,
  schema: z.object({}).strict(),
  async run() {
    const counts = await applyRetention();
    logger.info({ counts }, "retention periods applied");
  },
  policy: { policy: "singleton", retryLimit: 2, expireInSeconds: 1_800 },
  cron: { expression: "17 3 * * *", tz: "Africa/Casablanca", atStart: true },
});
