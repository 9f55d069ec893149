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

const env = parseEnv();
let embedded: EmbeddedDb | undefined;
if (!env.DATABASE_URL) {
  const started = Date.now();
  embedded = await startEmbeddedDb({ dataDir: env.EMBEDDED_DB_DIR });
  process.env.DATABASE_URL = embedded.url;
  logger.info({ dataDir: env.EMBEDDED_DB_DIR, ms: Date.now() - started }, "embedded PostgreSQL (PGlite) started");
}
const databaseUrl = process.env.DATABASE_URL ?? "";
const { applied } = await applyMigrations({ databaseUrl });
logger.info({ applied }, applied.length ? "migrations applied" : "database schema up to date");

// Imported only now: the Prisma client reads DATABASE_URL when its module loads.
const { prisma } = await import("../app/lib/db.server");
if (env.SEED_DEMO ?? Boolean(embedded)) {
  const { seedDemoData } = await import("../prisma/seed");
  await seedDemoData(prisma);
  logger.info("demo data seeded (idempotent)");
}

const buildPath = path.join(root, "build", "index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = createApp({ build, env });

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
  server.close();
  server.closeAllConnections();
  await prisma.$disconnect().catch(() => {});
  await embedded?.stop().catch((error: unknown) => logger.error({ error }, "embedded database did not stop cleanly"));
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
