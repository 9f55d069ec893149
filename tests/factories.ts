import { faker } from "@faker-js/faker";
import { prisma } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import type { Role } from "~/modules/accounts/roles";
import { PRIVACY_NOTICE_VERSION } from "~/modules/accounts/schemas";
import { createSession, sessionCookie } from "~/modules/accounts/session.server";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export async function createOrganisation({
  kind,
  name = faker.company.name(),
}: {
  kind: "TRAINING_CENTRE" | "EMPLOYER" | "ISSUER";
  name?: string;
}) {
  return prisma.organisation.create({
    data: { kind, name, slug: `${faker.helpers.slugify(name).toLowerCase()}-${faker.string.alphanumeric(6).toLowerCase()}` },
    select: { id: true, slug: true, name: true },
  });
}

/**
 * A user holding the given role: instructors and centre admins get a membership in `centreId` (or a new centre),
 * employers in `employerId` (or a new employer).
 */
export async function createUser({
  role = "LEARNER",
  email = faker.internet.email().toLowerCase(),
  name = faker.person.fullName(),
  locale = "fr",
  centreId,
  employerId,
}: {
  role?: Role;
  email?: string;
  name?: string;
  locale?: string;
  centreId?: string;
  employerId?: string;
} = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await prisma.user.create({
    data: {
      email,
      name,
      locale,
      passwordHash: await passwordHash,
      consents: { create: { kind: "privacy_notice", version: PRIVACY_NOTICE_VERSION, locale } },
    },
    select: { id: true, email: true, name: true },
  });
  if (role === "PLATFORM_ADMIN") {
    await prisma.userRole.create({ data: { userId: user.id, role: "PLATFORM_ADMIN" } });
  }
  if (role === "INSTRUCTOR" || role === "CENTRE_ADMIN") {
    const organisationId = centreId ?? (await createOrganisation({ kind: "TRAINING_CENTRE" })).id;
    await prisma.membership.create({
      data: { userId: user.id, organisationId, role: role === "INSTRUCTOR" ? "INSTRUCTOR" : "ADMIN" },
    });
  }
  if (role === "EMPLOYER") {
    const organisationId = employerId ?? (await createOrganisation({ kind: "EMPLOYER" })).id;
    await prisma.membership.create({ data: { userId: user.id, organisationId, role: "RECRUITER" } });
  }
  return user;
}

/** A Cookie header for a fresh session of this user. */
export async function sessionCookieHeader(userId: string) {
  const { token } = await createSession({ userId, userAgent: "vitest" });
  const setCookie = await sessionCookie.serialize(token);
  return setCookie.split(";")[0];
}

/** The signed-in user a session token stands for, through the one lookup every request makes (or null). */
export async function userForSessionToken(token: string) {
  const { getUserFromCookieHeader } = await import("~/modules/accounts/auth.server");
  return getUserFromCookieHeader((await sessionCookie.serialize(token)).split(";")[0]);
}
