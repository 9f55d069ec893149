// The VC-API boundary shared by the credential routes: who may issue, and JSON answers.
import crypto from "node:crypto";
import { parseEnv } from "~/lib/env.server";
import { clientIp, consumePoint, verifyByIp } from "~/lib/rate-limit.server";
import { getCurrentUser } from "~/modules/accounts/index.server";

export type IssuingActor = { kind: "token" } | { kind: "admin"; userId: string };

/** A JSON error in the shape the credential APIs answer with. */
export function apiError(status: number, code: string, message: string, headers?: HeadersInit) {
  return Response.json({ errors: [{ code, message }] }, { status, headers });
}

// Compared as SHA-256 digests so the comparison takes the same time whatever the length of the guess.
function isSameToken(given: string, expected: string) {
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

function bearerToken(request: Request) {
  const authorization = request.headers.get("authorization");
  return authorization ? (/^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] ?? null) : null;
}

/** Whether the request presents CREDENTIALS_API_TOKEN (integrations and conformance suites: no rate limit). */
export function hasApiToken(request: Request) {
  const token = parseEnv().CREDENTIALS_API_TOKEN;
  const given = bearerToken(request);
  return Boolean(token && given && isSameToken(given, token));
}

/**
 * The public verification endpoints' rate limit, per client address; callers with the API token are not limited.
 * Returns the Retry-After seconds when the caller must wait.
 */
export async function checkVerifyRate(request: Request): Promise<number | null> {
  if (hasApiToken(request)) return null;
  const rate = await consumePoint(verifyByIp(parseEnv().VERIFY_RATE_LIMIT_PER_MINUTE), clientIp(request));
  return rate.allowed ? null : rate.retryAfterSeconds;
}

/**
 * POST /credentials/issue is for integrations holding CREDENTIALS_API_TOKEN (Authorization: Bearer …) and for
 * platform admins signed in. Throws 401 (no or wrong credentials: a wrong token never falls back to the session)
 * or 403 (signed in, not a platform admin).
 */
export async function requireCredentialIssuer(request: Request): Promise<IssuingActor> {
  const unauthorized = () =>
    apiError(401, "unauthorized", "Send Authorization: Bearer <CREDENTIALS_API_TOKEN>, or sign in as a platform admin.", {
      "WWW-Authenticate": 'Bearer realm="maharat"',
    });
  if (request.headers.get("authorization")) {
    if (hasApiToken(request)) return { kind: "token" };
    throw unauthorized();
  }
  const user = await getCurrentUser(request);
  if (!user) throw unauthorized();
  if (!user.roles.includes("PLATFORM_ADMIN")) throw apiError(403, "forbidden", "Only platform admins may issue credentials.");
  return { kind: "admin", userId: user.id };
}

/** Parses a JSON request body; `ok: false` when it is not JSON. */
export async function readJsonBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
