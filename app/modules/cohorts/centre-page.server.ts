// A centre's own page for its admins: cohorts, creating one, staff and inviting them by e-mail.
import { prisma } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { getMailer } from "~/lib/mailer.server";
import { INVITATION_LIFETIME_DAYS, createInvitationLink } from "~/modules/accounts/index.server";
import { localized } from "~/modules/catalog/index.server";
import type { requireCentreAccess } from "./access.server";
import { CohortError, createCohort, listCentreCohorts } from "./cohorts.server";
import { StaffInviteSchema, fieldErrorsOf, readCohortForm } from "./schemas";

type CentreAccess = Awaited<ReturnType<typeof requireCentreAccess>>;

export async function centrePage({ centre, language }: { centre: { id: string }; language: string }) {
  const [details, cohorts, staff, courses] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({ where: { id: centre.id }, select: { id: true, slug: true, name: true, city: true } }),
    listCentreCohorts({ centreId: centre.id }),
    prisma.membership.findMany({
      where: { organisationId: centre.id },
      orderBy: { createdAt: "asc" },
      select: { role: true, user: { select: { id: true, name: true, email: true, invitedAt: true } } },
    }),
    prisma.course.findMany({ where: { archivedAt: null }, orderBy: [{ tier: "asc" }, { position: "asc" }], select: { id: true, title: true, tier: true } }),
  ]);
  return {
    centre: details,
    cohorts,
    staff: staff.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, invited: m.user.invitedAt !== null })),
    courses: courses.map((c) => ({ id: c.id, tier: c.tier, title: localized(c.title, language) || c.id })),
  };
}

type FieldErrors = Partial<Record<"name" | "startsOn" | "endsOn" | "staffName" | "email", string[]>>;
export type CentreActionResult = { ok: true; cohortId?: string } | { ok: false; status: 400 | 404 | 409; error?: string; fieldErrors: FieldErrors };

export async function handleCentreAction({ access, form, origin }: { access: CentreAccess; form: FormData; origin: string }): Promise<CentreActionResult> {
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "create-cohort") {
      const read = readCohortForm(form);
      if (!read.ok) return { ok: false, status: 400, error: "form_invalid", fieldErrors: read.fieldErrors };
      const cohort = await createCohort({ centreId: access.centre.id, ...read.cohort });
      return { ok: true, cohortId: cohort.id };
    }
    if (intent === "invite-staff") {
      const parsed = StaffInviteSchema.safeParse({ name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") });
      if (!parsed.success) return { ok: false, status: 400, error: "form_invalid", fieldErrors: fieldErrorsOf(parsed.error.issues, { name: "staffName", email: "email" }) };
      await inviteStaff({ centre: access.centre, actorId: access.user.id, origin, ...parsed.data });
      return { ok: true };
    }
    return { ok: false, status: 400, error: "unknown_action", fieldErrors: {} };
  } catch (error) {
    if (error instanceof CohortError) return { ok: false, status: error.status, error: error.code, fieldErrors: {} };
    throw error;
  }
}

/**
 * Adds someone to the centre's staff. A new address gets an account (no password yet) and an invitation link; an
 * existing account gets a notice. Inviting the same person to the same role again sends nothing new.
 */
export async function inviteStaff({
  centre,
  name,
  email,
  role,
  actorId,
  origin,
}: {
  centre: { id: string; name: string };
  name: string;
  email: string;
  role: "ADMIN" | "INSTRUCTOR";
  actorId: string;
  origin: string;
}) {
  const user = await prisma.user.upsert({
    where: { email },
    create: { email, name, passwordHash: "", invitedAt: new Date() },
    update: {},
    select: { id: true, name: true, locale: true, invitedAt: true },
  });
  const existing = await prisma.membership.findFirst({ where: { userId: user.id, organisationId: centre.id, role }, select: { id: true } });
  if (existing) return { invited: false };
  await prisma.membership.create({ data: { userId: user.id, organisationId: centre.id, role } });
  const t = await getFixedT(user.locale);
  const roleName = t(`orgRoles.${role}`);
  if (user.invitedAt) {
    const link = await createInvitationLink({ userId: user.id, origin });
    await getMailer().send({
      to: email,
      subject: t("email.staffInvitation.subject", { centre: centre.name }),
      text: t("email.staffInvitation.body", { name: user.name, centre: centre.name, role: roleName, link, days: INVITATION_LIFETIME_DAYS }),
    });
  } else {
    await getMailer().send({
      to: email,
      subject: t("email.staffAdded.subject", { centre: centre.name }),
      text: t("email.staffAdded.body", { name: user.name, centre: centre.name, role: roleName, link: `${origin}/login` }),
    });
  }
  logger.info({ centreId: centre.id, actorId, role }, "staff invited to a centre");
  return { invited: true };
}

/** A readable, unique slug: "Institut Spécialisé – Agadir" → "institut-specialise-agadir" (then -2, -3…). */
async function uniqueSlug(name: string) {
  const base =
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "centre";
  const taken = new Set((await prisma.organisation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A platform admin creates a training centre and invites its first admin. */
export async function createCentre({
  name,
  city,
  website,
  adminName,
  adminEmail,
  actorId,
  origin,
}: {
  name: string;
  city: string | null;
  website: string | null;
  adminName: string;
  adminEmail: string;
  actorId: string;
  origin: string;
}) {
  const centre = await prisma.organisation.create({
    data: { name, city, website, kind: "TRAINING_CENTRE", slug: await uniqueSlug(name) },
    select: { id: true, slug: true, name: true },
  });
  await inviteStaff({ centre, name: adminName, email: adminEmail, role: "ADMIN", actorId, origin });
  logger.info({ centreId: centre.id, actorId }, "training centre created");
  return centre;
}

/**
 * An employer's internal academy: a training centre owned by the employer, run like any centre (cohorts, paths,
 * CSV enrolment), whose credentials are co-branded with the academy's name. The employer's admin who creates it
 * becomes its first admin. Only the employer's admins (or a platform admin) may create it; one per employer.
 */
export async function createAcademy({ employerId, name, actor }: { employerId: string; name: string; actor: { id: string; isPlatformAdmin: boolean } }) {
  const academyName = name.trim().replace(/\s+/g, " ");
  if (academyName.length < 2 || academyName.length > 160) throw new CohortError("name_too_short");
  const employer = await prisma.organisation.findFirst({
    where: { id: employerId, kind: "EMPLOYER", ...(actor.isPlatformAdmin ? {} : { memberships: { some: { userId: actor.id, role: "ADMIN" } } }) },
    select: { id: true, name: true, city: true, website: true, academies: { select: { slug: true } } },
  });
  if (!employer) throw new CohortError("not_found", 404);
  if (employer.academies[0]) return { slug: employer.academies[0].slug };
  const academy = await prisma.organisation.create({
    data: {
      name: academyName,
      kind: "TRAINING_CENTRE",
      city: employer.city,
      website: employer.website,
      ownerId: employer.id,
      slug: await uniqueSlug(academyName),
      memberships: { create: { userId: actor.id, role: "ADMIN" } },
    },
    select: { slug: true },
  });
  logger.info({ employerId, actorId: actor.id }, "employer academy created");
  return academy;
}
