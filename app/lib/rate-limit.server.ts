import crypto from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "~/lib/db.server";

// Counters live in PostgreSQL (table RateLimiterFlexible) so every app instance behind a load balancer shares them.
function limiter(keyPrefix: string, points: number, durationSeconds: number) {
  return new RateLimiterPrisma({
    storeClient: prisma,
    tableName: "rateLimiterFlexible",
    keyPrefix,
    points,
    duration: durationSeconds,
    clearExpiredByTimeout: false,
  });
}

/** Log-in attempts from one IP address: 30 per 15 minutes. */
export const loginByIp = limiter("login_ip", 30, 15 * 60);
/** Failed log-ins for one account from one address: 5 per 15 minutes, reset by a successful log-in. */
export const loginFailuresByAccount = limiter("login_fail_account", 5, 15 * 60);
/** Password-reset e-mails: 5 per hour per IP address and 3 per hour per address asked for. */
export const resetByIp = limiter("reset_ip", 5, 60 * 60);
export const resetByAccount = limiter("reset_account", 3, 60 * 60);
/** Sign-ups from one IP address: 20 per hour. */
export const signupByIp = limiter("signup_ip", 20, 60 * 60);

/** Bulk credential checks (/verify, up to 200 links each) from one IP address: 10 per hour. */
export const bulkVerifyByIp = limiter("verify_bulk_ip", 10, 60 * 60);

const verifyLimiters = new Map<number, RateLimiterPrisma>();
/** Single credential checks (VC-API verify, /verify paste or upload) per IP address and minute (VERIFY_RATE_LIMIT_PER_MINUTE). */
export function verifyByIp(perMinute: number) {
  let found = verifyLimiters.get(perMinute);
  if (!found) {
    found = limiter(`verify_ip_${perMinute}`, perMinute, 60);
    verifyLimiters.set(perMinute, found);
  }
  return found;
}

export type RateCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// Keys (addresses, e-mails) are stored as digests: the counters table holds nothing that identifies a person.
function digest(key: string) {
  return crypto.createHash("sha256").update(key).digest("base64url");
}

/** Consumes one point; a limiter that is exhausted answers with the wait rather than throwing. */
export async function consumePoint(l: RateLimiterPrisma, key: string): Promise<RateCheck> {
  try {
    await l.consume(digest(key));
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000) };
    }
    throw error;
  }
}

/** Whether a key has points left, without consuming one. */
export async function checkRemaining(l: RateLimiterPrisma, key: string): Promise<RateCheck> {
  const res = await l.get(digest(key));
  if (res && res.remainingPoints <= 0) {
    return { allowed: false, retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) };
  }
  return { allowed: true };
}

/** Forgets a key's count (a successful log-in clears its failures). */
export async function resetPoints(l: RateLimiterPrisma, key: string) {
  await l.delete(digest(key));
}

/** The client's address; behind a load balancer set TRUST_PROXY=true so X-Forwarded-For is believed. */
export function clientIp(request: Request) {
  const fromServer = request.headers.get("X-Maharat-Client-Ip");
  return fromServer && fromServer.length > 0 ? fromServer : "unknown";
}
