import { data, redirect } from "@remix-run/node";
import type { Session, User } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { memoForRequest, requestContext } from "~/lib/request-context.server";
import { sql } from "~/lib/sql.server";
import { deriveRoles, hasAnyRole, isGlobalRole, isOrgKind, isOrgRole, type Role } from "./roles";
import {
  getSessionToken,
  invalidateSession,
  serializeSessionCookie,
  SESSION_LIFETIME_MS,
  sessionCookie,
  sessionRenewal,
  sessionTokenFromCookieHeader,
} from "./session.server";
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

/**
 * The signed-in user for this request, or null: one lookup per request, shared by the root and route loaders through
 * the request's context (app/lib/request-context.server.ts). An action's lookup is not reused by the loaders that run
 * after it in the same request (they see what the action changed: a new name, a deleted session). A sliding renewal
 * queues the session cookie with its new expiry on the response.
 */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  return memoForRequest(`accounts.current-user:${request.method}`, async () => {
    const token = await getSessionToken(request);
    const user = await userForSessionToken(token);
    if (token && user?.renewedUntil) requestContext()?.cookies.set(sessionCookie.name, await serializeSessionCookie(request, token, user.renewedUntil));
    return user;
  });
}

// Typed from the schema (docs/decisions/028-raw-sql-typed-from-the-schema.md); the aggregates by hand.
type CurrentUserRow = { sessionId: Session["id"] } & Pick<Session, "userId" | "expiresAt"> & Pick<User, "email" | "name" | "locale"> & {
  globalRoles: string[];
  memberships: Array<{ role: string; kind: string }>;
  unreadNotifications: number;
};

// An account's roles and language: the columns of every lookup that derives roles (deriveRoles below).
const ACCOUNT_COLUMNS = `u."email", u."name", u."locale",
    ARRAY(SELECT r."role"::text FROM "UserRole" r WHERE r."userId" = u."id") AS "globalRoles",
    COALESCE((SELECT json_agg(json_build_object('role', m."role", 'kind', o."kind"))
              FROM "Membership" m JOIN "Organisation" o ON o."id" = m."organisationId"
              WHERE m."userId" = u."id"), '[]'::json) AS "memberships"`;

// Every signed-in request asks this, so it is one plain-SQL round trip (see app/lib/sql.server.ts).
const CURRENT_USER_SQL = `
  SELECT s."id" AS "sessionId", s."userId", s."expiresAt", ${ACCOUNT_COLUMNS},
    (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS "unreadNotifications"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."id" = $1`;

type AccountRow = Pick<CurrentUserRow, "email" | "name" | "locale" | "globalRoles" | "memberships">;

function rolesOf(row: AccountRow): Role[] {
  return deriveRoles({
    globalRoles: row.globalRoles.filter(isGlobalRole),
    memberships: row.memberships.flatMap((m) => (isOrgRole(m.role) && isOrgKind(m.kind) ? [{ role: m.role, organisation: { kind: m.kind } }] : [])),
  });
}

/** An account's roles and stored language, by id (at sign-in, before any session exists), or null. */
export async function accountRoles(userId: string): Promise<{ roles: Role[]; locale: string } | null> {
  const [row] = await sql<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM "User" u WHERE u."id" = $1`, [userId]);
  return row ? { roles: rolesOf(row), locale: row.locale } : null;
}

/** The signed-in user for a Cookie header (sliding renewal included), or null. */
export async function getUserFromCookieHeader(cookieHeader: string | null): Promise<CurrentUser | null> {
  return userForSessionToken(await sessionTokenFromCookieHeader(cookieHeader));
}

async function userForSessionToken(token: string | null): Promise<CurrentUser | null> {
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
  }
  return {
    id: row.userId,
    email: row.email,
    name: row.name,
    locale: row.locale,
    roles: rolesOf(row),
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
