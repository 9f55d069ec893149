// The production HTTP server: Express in front of the Remix request handler.
// Start-up order: environment → database (embedded PGlite when DATABASE_URL is unset) → migrations → demo seed
// (embedded default, or SEED_DEMO=true) → HTTP. The process keeps no state of its own beyond the embedded
// database, so several instances can run behind a load balancer on one PostgreSQL server.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { startEmbeddedDb, type EmbeddedDb } from "../app/lib/embedded-db.server";
import { parseEnv } from "../app/lib/env.server";
import { logger } from "../app/lib/logger.server";
import { applyMigrations } from "../app/lib/migrate.server";
import { createApp } from "./app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

let embedded: EmbeddedDb | undefined;

/** A start-up step that fails stops the server with one readable line, not a stack trace. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.fatal({ err: error }, `start-up failed: ${what}`);
    process.stderr.write(`\nMaharat could not start (${what}): ${reason}\n`);
    await embedded?.stop().catch(() => {});
    process.exit(1);
  }
}

const env = await step("configuration", async () => parseEnv());
if (!env.DATABASE_URL) {
  const started = Date.now();
  embedded = await step("embedded database", () => startEmbeddedDb({ dataDir: env.EMBEDDED_DB_DIR }));
  process.env.DATABASE_URL = embedded.url;
  logger.info({ dataDir: env.EMBEDDED_DB_DIR, ms: Date.now() - started }, "embedded PostgreSQL (PGlite) started");
}
const databaseUrl = process.env.DATABASE_URL ?? "";
const { applied } = await step("database migrations", () => applyMigrations({ databaseUrl }));
logger.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");

// Imported only now: the Prisma client reads DATABASE_URL when its module loads.
const { prisma } = await import("../app/lib/db.server");
if (env.SEED_DEMO ?? Boolean(embedded)) {
  await step("demo seed", async () => {
    const { seedDemoData } = await import("../prisma/seed");
    await seedDemoData(prisma);
  });
  logger.info("demo data seeded (idempotent)");
}

// The curriculum in content/ is synced at every start (idempotent, keyed by content hash). Invalid content is not
// synced: the server starts with the last valid curriculum and logs each problem.
const contentSync = await step("content sync", async () => {
  const { syncContentFromDisk } = await import("../app/modules/catalog/sync-content.server");
  return syncContentFromDisk({ prisma });
});
if (contentSync.ok) logger.info({ report: contentSync.report }, "curriculum synced from content/");
else logger.error({ problems: contentSync.problems }, "content/ has problems; the last valid curriculum stays in use (run npm run content:check)");

const buildPath = path.join(root, "build", "index.js");
const build = await step("loading the build (run `npm run build` first)", async () => {
  const module: ServerBuild = await import(pathToFileURL(buildPath).href);
  return module;
});

const app = createApp({ build, env });

// Exams close at their deadline even if the learner never comes back: every instance sweeps overdue attempts
// (claims are conditional updates, so concurrent sweeps submit and grade each attempt once).
// The same sweep asks the grading assistant (AI or local) for suggestions on answers awaiting human review.
const { sweepOverdueAttempts } = await import("../app/modules/exams/attempts.server");
const { suggestPendingReviews } = await import("../app/modules/exams/review.server");
const sweepTimer = setInterval(() => {
  sweepOverdueAttempts()
    .then(() => suggestPendingReviews())
    .catch((error: unknown) => logger.error({ err: error }, "exam sweep failed"));
}, 30_000);
sweepTimer.unref();

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  logger.info({ port, host: env.HOST, database: embedded ? "embedded" : "external" }, `Maharat listening on http://localhost:${port}`);
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, "shutting down");
  clearInterval(sweepTimer);
  server.close();
  server.closeAllConnections();
  await prisma.$disconnect().catch(() => {});
  await embedded?.stop().catch((error: unknown) => logger.error({ error }, "embedded database did not stop cleanly"));
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
