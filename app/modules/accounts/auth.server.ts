import { data, redirect } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { deriveRoles, hasAnyRole, isGlobalRole, isOrgKind, isOrgRole, type Role } from "./roles";
import { invalidateSession, SESSION_LIFETIME_MS, sessionRenewal, sessionTokenFromCookieHeader } from "./session.server";
import { hashToken } from "./tokens.server";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  roles: Role[];
  /** Unread notifications (the header's count), read in the same round trip. */
  unreadNotifications: number;
  sessionId: string;
  /** Set when the session's expiry slid forward and the cookie must be re-sent. */
  renewedUntil: Date | null;
};

/** How recent a renewal (or sign-in) still re-sends the cookie: see getUserFromCookieHeader. */
const JUST_RENEWED_MS = 60_000;

const cache = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The signed-in user for this request, or null. Memoised per request (root and route loaders both ask). */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadCurrentUser(request);
    cache.set(request, pending);
  }
  return pending;
}

type CurrentUserRow = {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  email: string;
  name: string;
  locale: string;
  globalRoles: string[];
  memberships: Array<{ role: string; kind: string }>;
  unreadNotifications: number;
};

// Every signed-in request asks this, so it is one plain-SQL round trip (see app/lib/sql.server.ts).
const CURRENT_USER_SQL = `
  SELECT s."id" AS "sessionId", s."userId", s."expiresAt", u."email", u."name", u."locale",
    ARRAY(SELECT r."role"::text FROM "UserRole" r WHERE r."userId" = u."id") AS "globalRoles",
    COALESCE((SELECT json_agg(json_build_object('role', m."role", 'kind', o."kind"))
              FROM "Membership" m JOIN "Organisation" o ON o."id" = m."organisationId"
              WHERE m."userId" = u."id"), '[]'::json) AS "memberships",
    (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS "unreadNotifications"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."id" = $1`;

async function loadCurrentUser(request: Request): Promise<CurrentUser | null> {
  return getUserFromCookieHeader(request.headers.get("Cookie"));
}

/** The signed-in user for a Cookie header (sliding renewal included), or null. */
export async function getUserFromCookieHeader(cookieHeader: string | null): Promise<CurrentUser | null> {
  const token = await sessionTokenFromCookieHeader(cookieHeader);
  if (!token) return null;
  const [row] = await sql<CurrentUserRow>(CURRENT_USER_SQL, [hashToken(token)]);
  if (!row) return null;
  const renewal = sessionRenewal({ expiresAt: row.expiresAt });
  if (renewal === "expired") {
    await invalidateSession(row.sessionId);
    return null;
  }
  let renewedUntil: Date | null = null;
  if (renewal === "renew") {
    renewedUntil = new Date(Date.now() + SESSION_LIFETIME_MS);
    await sql(`UPDATE "Session" SET "expiresAt" = $2 WHERE "id" = $1`, [row.sessionId, renewedUntil.toISOString()]);
  } else if (row.expiresAt.getTime() > Date.now() + SESSION_LIFETIME_MS - JUST_RENEWED_MS) {
    // Remix hands each loader of one request its own Request object, so the per-request memo above does not
    // span loaders: a route loader may slide the expiry a moment before the root loader (which re-sends the
    // cookie) reads the row. A session renewed within the last minute therefore re-sends its cookie too.
    renewedUntil = row.expiresAt;
  }
  return {
    id: row.userId,
    email: row.email,
    name: row.name,
    locale: row.locale,
    roles: deriveRoles({
      globalRoles: row.globalRoles.filter(isGlobalRole),
      memberships: row.memberships.flatMap((m) => (isOrgRole(m.role) && isOrgKind(m.kind) ? [{ role: m.role, organisation: { kind: m.kind } }] : [])),
    }),
    unreadNotifications: row.unreadNotifications,
    sessionId: row.sessionId,
    renewedUntil,
  };
}

function loginRedirect(request: Request, redirectTo?: string) {
  const url = new URL(request.url);
  const target = redirectTo ?? `${url.pathname}${url.search}`;
  const params = new URLSearchParams({ redirectTo: target });
  return redirect(`/login?${params}`);
}

/** Throws a redirect to /login (coming back here afterwards) when nobody is signed in. */
export async function requireUser(request: Request, { redirectTo }: { redirectTo?: string } = {}) {
  const user = await getCurrentUser(request);
  if (!user) throw loginRedirect(request, redirectTo);
  return user;
}

/** Throws 403 unless the user has one of the roles (platform admins pass everywhere). */
export async function requireRole(request: Request, required: Role | Role[]) {
  const user = await requireUser(request);
  const roles = Array.isArray(required) ? required : [required];
  if (!hasAnyRole(user.roles, roles)) {
    throw data({ error: "forbidden", requiredRoles: roles }, { status: 403 });
  }
  return user;
}

/** Pages for signed-out visitors (log in, sign up) send signed-in users on. */
export async function requireAnonymous(request: Request, to = "/learn") {
  if (await getCurrentUser(request)) throw redirect(to);
}

/**
 * Organisation-scoped access: the user must hold one of `roles` in this organisation (platform admins pass).
 * The membership is looked up in the `where`, so a missing check is a missing row, never a leak. Throws 404 for an
 * unknown organisation and 403 for someone else's.
 */
export async function requireOrganisationRole({
  request,
  slug,
  kind,
  roles,
}: {
  request: Request;
  slug: string;
  kind: "TRAINING_CENTRE" | "EMPLOYER" | "ISSUER";
  roles: Array<"ADMIN" | "INSTRUCTOR" | "RECRUITER">;
}) {
  const user = await requireUser(request);
  const organisation = await prisma.organisation.findFirst({
    where: { slug, kind },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      memberships: { where: { userId: user.id, role: { in: roles } }, select: { role: true } },
    },
  });
  if (!organisation) throw data({ error: "not_found" }, { status: 404 });
  if (organisation.memberships.length === 0 && !user.roles.includes("PLATFORM_ADMIN")) {
    throw data({ error: "forbidden" }, { status: 403 });
  }
  return { user, organisation };
}
