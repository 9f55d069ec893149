import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { cookieSecurity } from "~/lib/cookies.server";
import { generateToken, hashToken } from "./tokens.server";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** When less than this is left, a request pushes the expiry back to a full lifetime (sliding expiry). */
const RENEW_WHEN_LEFT_MS = 15 * DAY;

/**
 * The session cookie holds the random token; the database holds only its SHA-256 (Lucia's current guide).
 * HttpOnly, SameSite=Lax, Secure in production over HTTPS (decided per request: see cookieSecurity).
 */
export const sessionCookie = createCookie("maharat_session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
});

export async function createSession({ userId, userAgent }: { userId: string; userAgent?: string | null }) {
  const token = generateToken();
  const session = await prisma.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true, userId: true, expiresAt: true },
  });
  return { token, session };
}

/** Whether a session is still valid, due for its sliding renewal, or expired. */
export function sessionRenewal({ expiresAt, now = Date.now() }: { expiresAt: Date; now?: number }): "valid" | "renew" | "expired" {
  if (now >= expiresAt.getTime()) return "expired";
  if (now >= expiresAt.getTime() - RENEW_WHEN_LEFT_MS) return "renew";
  return "valid";
}

/**
 * SQL for the user of a live session, for statements that check the session inline instead of looking the user up
 * first (the autosave). Live means what sessionRenewal calls not expired: the same rule, written for the database.
 */
export function liveSessionUserIdSql({ sessionId, now }: { sessionId: string; now: string }) {
  return `(SELECT s."userId" FROM "Session" s WHERE s."id" = ${sessionId} AND s."expiresAt" > ${now}::timestamp)`;
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** "Log out everywhere"; `exceptSessionId` keeps the current device signed in (after a password change). */
export async function invalidateUserSessions({ userId, exceptSessionId }: { userId: string; exceptSessionId?: string }) {
  await prisma.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
}

export async function getSessionToken(request: Request): Promise<string | null> {
  return sessionTokenFromCookieHeader(request.headers.get("Cookie"));
}

/** The session token in a Cookie header (for handlers that get the header rather than a Fetch Request). */
export async function sessionTokenFromCookieHeader(cookieHeader: string | null): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(cookieHeader);
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function serializeSessionCookie(request: Request, token: string, expiresAt: Date) {
  return sessionCookie.serialize(token, { expires: expiresAt, ...cookieSecurity(request) });
}

export function serializeBlankSessionCookie(request: Request) {
  return sessionCookie.serialize("", { maxAge: 0, ...cookieSecurity(request) });
}

/** Starts a session and redirects with its cookie. */
export async function redirectWithNewSession({
  userId,
  request,
  redirectTo,
  extraCookies = [],
}: {
  userId: string;
  request: Request;
  redirectTo: string;
  /** Further Set-Cookie values (the account's language at sign-in). */
  extraCookies?: string[];
}) {
  const { token, session } = await createSession({ userId, userAgent: request.headers.get("User-Agent") });
  const headers = new Headers();
  headers.append("Set-Cookie", await serializeSessionCookie(request, token, session.expiresAt));
  for (const cookie of extraCookies) headers.append("Set-Cookie", cookie);
  return redirect(redirectTo, { headers });
}
