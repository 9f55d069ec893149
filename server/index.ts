// The production HTTP server: Express in front of the Remix request handler.
// Start-up order: environment → database (embedded PGlite when DATABASE_URL is unset) → migrations → demo seed
// (embedded default, or SEED_DEMO=true) → HTTP. The process keeps no state of its own beyond the embedded
// database, so several instances can run behind a load balancer on one PostgreSQL server.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { startEmbeddedDb, type EmbeddedDb } from "../app/lib/embedded-db.server";
import { parseEnv } from "../app/lib/env.server";
import { logger } from "../app/lib/logger.server";
import { applyMigrations } from "../app/lib/migrate.server";
import { isSameOriginMutation } from "./origin";

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

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);

app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});
const isHttps = env.APP_URL?.startsWith("https://") ?? false;
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": isHttps ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: isHttps,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  }),
);

// Mutations must come from our own pages (CSRF defence in depth on top of SameSite=Lax cookies).
app.use((req, res, next) => {
  const expectedOrigin = env.APP_URL ? new URL(env.APP_URL).origin : `${req.protocol}://${req.get("host")}`;
  const verdict = isSameOriginMutation({
    method: req.method,
    origin: req.get("origin") ?? null,
    referer: req.get("referer") ?? null,
    hasCookies: Boolean(req.get("cookie")),
    expectedOrigin,
  });
  if (!verdict) {
    res.status(403).type("text/plain").send("Cross-origin request refused / Requête d'une autre origine refusée / طلب من مصدر آخر مرفوض");
    return;
  }
  next();
});

// Modules read the client address from this header; it is always overwritten here, so a client cannot forge it.
app.use((req, _res, next) => {
  req.headers["x-maharat-client-ip"] = req.ip ?? "unknown";
  next();
});

app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(
  pinoHttp({
    logger,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
  }),
);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }),
  }),
);

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
