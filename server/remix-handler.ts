// Express → Remix, in place of @remix-run/express's adapter, so that the request guard (request-guard.ts) sees the
// whole body before any route does, and so that forwarded headers reach Remix only when TRUST_PROXY says they may.
import { type ServerBuild, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type express from "express";
import { cookiesToAdd, type RequestContext, runInRequestContext } from "../app/lib/request-context.server";
import { ALLOWED_METHODS, MAX_BODY_BYTES, REFUSAL_TEXT, type GuardRefusal, checkBody, checkRequestLine } from "./request-guard";

const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "forwarded"];
// The Origin check is server/app.ts's (against APP_URL or the trusted host). Remix repeats a stricter one against the
// Host or X-Forwarded-Host header and throws (a 500) when they differ, e.g. behind a proxy with APP_URL set: the
// header is not passed on, so one rule decides, once.
const DROPPED_HEADERS = new Set(["origin"]);

function refuse(res: express.Response, refusal: GuardRefusal) {
  if (refusal.status === 405) res.set("Allow", [...ALLOWED_METHODS].join(", "));
  res.status(refusal.status).type("text/plain; charset=utf-8").send(REFUSAL_TEXT[refusal.reason]);
}

/** The origin the client addressed: req.protocol and req.hostname follow "trust proxy"; the port comes from Host. */
export function requestOrigin(req: express.Request) {
  const port = /:(\d+)$/.exec(req.get("host") ?? "")?.[1];
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}`;
}

async function sendResponse(res: express.Response, response: Response, context: RequestContext) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  for (const cookie of cookiesToAdd(context, response.headers.getSetCookie())) res.append("Set-Cookie", cookie);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The body, or "too_large" as soon as it passes MAX_BODY_BYTES (the rest is not read). */
async function readBody(req: express.Request): Promise<Buffer | "too_large"> {
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) return "too_large";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return "too_large";
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function createRemixHandler({
  build,
  mode,
  trustProxy,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: string;
  trustProxy: boolean;
  /** The request's context: Remix's load context, current while the request runs (app/lib/request-context.server.ts). */
  getLoadContext: (req: express.Request, res: express.Response) => RequestContext;
}): express.RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const lineRefusal = checkRequestLine({ method: req.method, url: req.originalUrl });
      if (lineRefusal) return refuse(res, lineRefusal);

      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || DROPPED_HEADERS.has(name) || (!trustProxy && FORWARDED_HEADERS.includes(name))) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
      }
      let url: URL;
      try {
        url = new URL(`${requestOrigin(req)}${req.originalUrl}`);
      } catch {
        return refuse(res, { status: 400, reason: "host" });
      }

      let body: Buffer | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const read = await readBody(req);
        if (read === "too_large") return refuse(res, { status: 413, reason: "too_large" });
        const bodyRefusal = await checkBody({ pathname: url.pathname, contentType: req.get("content-type") ?? null, body: read });
        if (bodyRefusal) return refuse(res, bodyRefusal);
        // A post with no body is an empty form (a bare "log out" button), which formData() can read.
        if (read.length === 0 && !headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
        body = read;
      }

      const controller = new AbortController();
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => {
        if (!finished) controller.abort();
      });
      const request = new Request(url.href, { method: req.method, headers, body: body && new Uint8Array(body), signal: controller.signal });
      const context = getLoadContext(req, res);
      const response = await runInRequestContext(context, () => handle(request, context));
      await sendResponse(res, response, context);
    } catch (error) {
      next(error);
    }
  };
}
