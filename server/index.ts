// The production HTTP server: Express in front of the Remix request handler.
// Start-up order: environment → database (embedded PGlite when DATABASE_URL is unset) → migrations → demo seed
// (embedded default, or SEED_DEMO=true) → content sync → HTTP. The process keeps no state of its own beyond the
// embedded database, so several instances can run behind a load balancer on one PostgreSQL server.
//
// HTTP is served by WEB_CONCURRENCY worker processes (node:cluster, sharing the port; default in production: one per
// CPU but one, up to 4). The primary does the start-up steps above, hosts the embedded database when there is one, runs
// the jobs (server/jobs.ts) and restarts a worker that dies. With WEB_CONCURRENCY=1 everything runs in one process.
import cluster from "node:cluster";
import os from "node:os";
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

async function loadBuild() {
  const buildPath = path.join(root, "build", "index.js");
  return step("loading the build (run `npm run build` first)", async () => {
    const module: ServerBuild = await import(pathToFileURL(buildPath).href);
    return module;
  });
}

function listen(app: ReturnType<typeof createApp>) {
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    // The address people can open: localhost when every interface is served, else the one given.
    const shown = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
    logger.info({ port, host: env.HOST, pid: process.pid }, `Maharat listening on http://${shown}:${port}`);
  });
  return server;
}

if (cluster.isWorker) {
  // A worker: HTTP only, on the database the primary prepared (DATABASE_URL comes from the primary).
  const app = createApp({ build: await loadBuild(), env });
  const server = listen(app);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", () => {}); // the primary decides; Ctrl-C reaches the whole group
  // The primary is gone (stopped or killed): never keep serving without it.
  process.on("disconnect", stop);
} else {
  await runPrimary();
}

async function runPrimary() {
  if (!env.DATABASE_URL) {
    const started = Date.now();
    embedded = await step("embedded database", () => startEmbeddedDb({ dataDir: env.EMBEDDED_DB_DIR, maxConnections: 64 }));
    process.env.DATABASE_URL = embedded.url;
    logger.info({ dataDir: env.EMBEDDED_DB_DIR, ms: Date.now() - started }, "embedded PostgreSQL (PGlite) started");
  }
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const { applied } = await step("database migrations", () => applyMigrations({ databaseUrl }));
  logger.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");

  // Imported only now: the Prisma client reads DATABASE_URL when its module loads.
  const { disconnectDatabase, prisma } = await import("../app/lib/db.server");
  // This process runs the jobs (below): its queue client, whoever first uses it, does pg-boss's maintenance and cron.
  const { configureJobQueue, startJobWorkers } = await import("../app/lib/jobs.server");
  configureJobQueue({ supervise: true, schedule: true });
  // Decided once here and passed on (workers and the build read it): the demo seed also allows loopback credential ids.
  const seedDemo = env.SEED_DEMO ?? Boolean(embedded);
  process.env.SEED_DEMO = String(seedDemo);
  if (!env.APP_URL && env.NODE_ENV === "production") {
    const allowed = seedDemo || env.ALLOW_LOOPBACK_CREDENTIAL_IDS;
    logger.error(
      { allowed },
      allowed
        ? "APP_URL is not set: e-mail links and credential ids use a loopback address, and credentials issued now keep it forever (allowed: demo seed or ALLOW_LOOPBACK_CREDENTIAL_IDS)"
        : "APP_URL is not set: e-mail links use a loopback address and credentials will NOT be issued until APP_URL is set",
    );
  }
  if (seedDemo) {
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
  // The study tutor's passage index follows the lessons (rebuilt only when they changed).
  await step("study index", async () => {
    const { ensureStudyIndex } = await import("../app/modules/study/retrieval.server");
    await ensureStudyIndex({ force: true });
  });

  // Verifiable credentials: the issuer key set is created on first start (a wrong secret is logged, not fatal).
  await step("issuer key", async () => {
    const { checkIssuerKey } = await import("../app/modules/certification/jobs.server");
    await checkIssuerKey();
  });
  // The job queue (app/lib/jobs.server.ts): this process runs every job's worker, feed and schedule (server/jobs.ts:
  // credentials, enrolment e-mails, data exports, deletions, retention, the exam sweep) and pg-boss's maintenance.
  const jobWorkers = await step("job queue", async () => {
    const { serverJobs } = await import("./jobs");
    return startJobWorkers(serverJobs);
  });

  // Default: one CPU is left to PostgreSQL and the rest of the machine (on 2 CPUs, one process measured better
  // than two: README "Benchmarks").
  const workerCount = env.WEB_CONCURRENCY ?? (env.NODE_ENV === "production" ? Math.min(Math.max(os.availableParallelism() - 1, 1), 4) : 1);
  let closing = false;
  let server: ReturnType<typeof listen> | undefined;
  if (workerCount > 1) {
    // Each worker opens its own pool (and the primary keeps its own, for the jobs): keep the total near DB_POOL_MAX.
    const poolMax = String(Math.max(2, Math.floor(env.DB_POOL_MAX / workerCount) + 1));
    const fork = () => cluster.fork({ DATABASE_URL: databaseUrl, DB_POOL_MAX: poolMax });
    for (let i = 0; i < workerCount; i++) fork();
    cluster.on("exit", (worker, code, signal) => {
      if (closing) return;
      logger.error({ pid: worker.process.pid, code, signal }, "an HTTP worker died; starting another");
      fork();
    });
    logger.info({ workers: workerCount, database: embedded ? "embedded" : "external" }, "HTTP served by worker processes");
  } else {
    server = listen(createApp({ build: await loadBuild(), env }));
  }

  async function shutdown(signal: string) {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    if (server) {
      server.close();
      server.closeAllConnections();
    }
    await stopWorkers();
    await jobWorkers.stop().catch((error: unknown) => logger.error({ err: error }, "the job queue did not stop cleanly"));
    await disconnectDatabase().catch(() => {});
    await embedded?.stop().catch((error: unknown) => logger.error({ error }, "embedded database did not stop cleanly"));
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** Asks every worker to stop and waits (at most 5 s) until they have. */
async function stopWorkers() {
  const workers = Object.values(cluster.workers ?? {}).flatMap((w) => (w ? [w] : []));
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          const timer = setTimeout(() => {
            worker.process.kill("SIGKILL");
            resolve();
          }, 5_000);
          worker.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          worker.process.kill("SIGTERM");
        }),
    ),
  );
}
