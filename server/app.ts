import crypto from "node:crypto";
import zlib from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Env } from "../app/lib/env.server";
import { logger } from "../app/lib/logger.server";
import { createRequestContext } from "../app/lib/request-context.server";
import type { autosaveItem as AutosaveItem } from "../app/modules/exams/autosave.server";
import { isSameOriginMutation } from "./origin";
import { createRemixHandler, requestOrigin } from "./remix-handler";
import { hasNul } from "./request-guard";

/** The build's entry module exports the autosave handler (app/entry.server.tsx); checked, as builds are loaded at run time. */
function isAutosaveHandler(value: unknown): value is typeof AutosaveItem {
  return typeof value === "function";
}

/** Request paths as logged: no query string, and one-time tokens in reset links hidden. */
export function redactPath(url: string) {
  return url.split("?")[0].replace(/^\/reset-password\/[^/]+/, "/reset-password/[token]");
}

/** The Express application around the Remix build: security headers, Origin check, static files, logs. */
export function createApp({ build, env }: { build: ServerBuild; env: Env }) {
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
    const expectedOrigin = env.APP_URL ? new URL(env.APP_URL).origin : requestOrigin(req);
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

  // Compression costs CPU the exam-start burst needs (docs/decisions/014-exam-hot-paths-plain-sql-http-workers.md):
  // pages and data loaded with GET are compressed with fast settings (gzip level 1; brotli quality 4 with a 256 KiB
  // window: its defaults cost milliseconds per response); answers to form posts (autosaves, redirects, small JSON)
  // are not.
  app.use(
    compression({
      level: 1,
      brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
      filter: (req, res) => (req.method === "GET" || req.method === "HEAD") && compression.filter(req, res),
    }),
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // The exam page's background autosave, outside Remix's pipeline and before the per-request log line (the most
  // frequent request; errors still reach the error log): app/modules/exams/autosave.server.ts.
  const entry = build.entry.module;
  const autosaveItem = "autosaveItem" in entry ? entry.autosaveItem : undefined;
  if (isAutosaveHandler(autosaveItem)) {
    app.post("/exams/:attemptId/autosave", express.text({ type: "application/x-www-form-urlencoded", limit: "64kb" }), (req, res, next) => {
      const body = typeof req.body === "string" ? req.body : "";
      // Mounted before the Remix handler, so the request guard's NUL rule is applied here too.
      if (hasNul(body) || hasNul(req.originalUrl)) {
        res.status(400).json({ ok: false, closed: false, refused: "nul" });
        return;
      }
      const form = new URLSearchParams(body);
      autosaveItem({ attemptId: req.params.attemptId, cookieHeader: req.get("cookie") ?? null, form })
        .then((result) => {
          res.status(result.status).set("Cache-Control", "no-store").json(result.body);
        })
        .catch((error: unknown) => {
          logger.error({ err: error, path: "/exams/:attemptId/autosave" }, "autosave failed");
          next(error);
        });
    });
  }

  app.use(
    pinoHttp({
      logger,
      // One short line per request: no headers (they carry cookies) and no query strings (they may carry tokens).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: redactPath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    }),
  );

  app.all(
    "*",
    createRemixHandler({
      build,
      mode: env.NODE_ENV,
      trustProxy: env.TRUST_PROXY,
      getLoadContext: (_req, res) => createRequestContext({ cspNonce: String(res.locals.cspNonce) }),
    }),
  );
  return app;
}
