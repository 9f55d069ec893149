import { data, redirect } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { deriveRoles, hasAnyRole, type Role } from "./roles";
import { getSessionToken, validateSessionToken } from "./session.server";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  roles: Role[];
  sessionId: string;
  /** Set when the session's expiry slid forward and the cookie must be re-sent. */
  renewedUntil: Date | null;
};

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

async function loadCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = await getSessionToken(request);
  if (!token) return null;
  const { session, fresh } = await validateSessionToken(token);
  if (!session) return null;
  const user = await prisma.user.findUnique({
    where: { id: session.userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      roles: { select: { role: true } },
      memberships: { select: { role: true, organisation: { select: { kind: true } } } },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    roles: deriveRoles({ globalRoles: user.roles.map((r) => r.role), memberships: user.memberships }),
    sessionId: session.id,
    renewedUntil: fresh ? session.expiresAt : null,
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

export async function requireUserId(request: Request, options: { redirectTo?: string } = {}) {
  return (await requireUser(request, options)).id;
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
