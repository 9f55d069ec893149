// Issuing, revoking and listing the platform's credentials. A "certification earned" event (written by the exam
// engine) becomes one signed Open Badges credential per learner and course; the job (jobs.server.ts) calls
// issueCredentialForEvent, which is safe to run twice at once or for two events of the same learner and course.
import crypto from "node:crypto";
import {
  type JsonObject,
  type SignedCredential,
  VC_V2_CONTEXT,
  issueCredential,
  statusEntry,
  toDateTimeStamp,
} from "../../../credentials/index";
import { prisma } from "~/lib/db.server";
import { AppError, isUniqueViolation } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { canIssueCredentials } from "~/lib/origin.server";
import { sqlTransaction } from "~/lib/sql.server";
import { getFixedT } from "~/lib/i18n.server";
import { nameOnCertificates } from "~/modules/accounts/index.server";
import { localized } from "~/modules/catalog/index.server";
import { notify } from "~/modules/notifications/index.server";
import { parseStoredExam } from "~/modules/exams/index.server";
import { refreshVerifiedSkills, refreshVerifiedSkillsOfCredential } from "~/modules/matching/index.server";
import { asLocalizedText, composeCertificationCredential, credentialUrls } from "./achievements";
import { type IssuerIdentity, getIssuerKey, issuerIdentity } from "./keys.server";
import { allocateStatusIndex, setRevokedBit } from "./status-lists.server";

export type CredentialErrorCode =
  /** No credential with that id. */
  | "not_found"
  /** The actor may not revoke this credential (only platform admins and admins of the co-branding centre may). */
  | "forbidden"
  /** Revoked already: a revocation is never overwritten. */
  | "already_revoked"
  /** A revocation needs a reason (3 to 500 characters). */
  | "reason_required"
  /** POST /credentials/issue: not a VC 2.0 credential we can sign (shape, contexts, undefined terms, a proof already). */
  | "invalid_credential"
  /** POST /credentials/issue: the credential's issuer is not our DID. */
  | "issuer_not_ours"
  /** POST /credentials/issue: credentialStatus is allocated by the issuer, not given. */
  | "status_not_allowed"
  /** POST /credentials/issue: an id that is not one of our credential URLs. */
  | "invalid_id"
  /** POST /credentials/issue: a credential with that id exists. */
  | "id_taken"
  /** Production without APP_URL: ids would be loopback URLs forever (lib/origin.server.ts canIssueCredentials). */
  | "app_url_missing";

const HTTP_STATUS: Record<CredentialErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  already_revoked: 409,
  reason_required: 400,
  invalid_credential: 400,
  issuer_not_ours: 400,
  status_not_allowed: 400,
  invalid_id: 400,
  id_taken: 409,
  app_url_missing: 503,
};

const APP_URL_MISSING =
  "APP_URL is not set: a credential issued now would carry a loopback id that can never change. Set APP_URL (or ALLOW_LOOPBACK_CREDENTIAL_IDS=true) and restart.";

/** Throws app_url_missing unless credentials may be signed now. */
function requireIssuableOrigin() {
  if (!canIssueCredentials()) throw new CredentialError("app_url_missing", APP_URL_MISSING);
}

/** Expected failures of this module, with the HTTP status a route answers. `message` is English, for API clients. */
export class CredentialError extends AppError<CredentialErrorCode> {
  constructor(code: CredentialErrorCode, message: string = code) {
    super(code, HTTP_STATUS[code], message);
  }
}

export function credentialUrl(id: string, identity: IssuerIdentity = issuerIdentity()) {
  return `${identity.idBase}/credentials/${id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The uuid of one of our credentials, from the uuid itself or its URL; null otherwise. */
export function parseCredentialId(value: string, identity: IssuerIdentity = issuerIdentity()): string | null {
  const prefix = `${identity.idBase}/credentials/`;
  const id = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return UUID.test(id) ? id : null;
}

/**
 * A stable, opaque subject id for a learner (urn:uuid), derived from the account id so the account id itself is not
 * published and the learner's credentials share one subject.
 */
export function learnerSubjectId(userId: string) {
  const hex = crypto.createHash("sha256").update(`maharat:learner:${userId}`).digest("hex");
  // RFC 9562 version 8 (custom) UUID, variant 10.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function httpUrlOrUndefined(value: string | null) {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export type IssueForEventResult =
  | { outcome: "issued"; credentialId: string }
  /** A credential for this learner and course exists (this event or another one won): the event is marked processed. */
  | { outcome: "already_issued"; credentialId: string | null }
  | { outcome: "already_processed" }
  | { outcome: "not_found" }
  /** The learner or the course no longer exists: nothing to issue; the event is marked processed. */
  | { outcome: "skipped"; reason: string };

async function markProcessed(eventId: string, now: Date) {
  await prisma.certificationEvent.updateMany({ where: { id: eventId, processedAt: null }, data: { processedAt: now } });
}

/**
 * Composes and signs a learner's credential for a course from their current name (nameOnCertificates), the course
 * and the attempt's score, with a fresh status index. Nothing is stored: the callers write the row.
 */
async function signLearnerCredential({ userId, courseId, attemptId, now }: { userId: string; courseId: string; attemptId: string; now: Date }) {
  const [user, course, attempt, cohortMembership] = await Promise.all([
    prisma.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, certificateName: true, certificateNameLatin: true, email: true, locale: true, deletedAt: true },
    }),
    prisma.course.findUnique({
      where: { id: courseId },
      select: {
        id: true,
        title: true,
        summary: true,
        tier: true,
        skills: { select: { skill: { select: { id: true, label: true, esco: true } } } },
      },
    }),
    prisma.examAttempt.findUnique({
      where: { id: attemptId },
      select: { percent: true, examVersion: { select: { definition: true } } },
    }),
    // The centre of the learner's most recent cohort co-brands the credential.
    prisma.cohortMember.findFirst({
      where: { userId, role: "LEARNER", cohort: { organisation: { kind: "TRAINING_CENTRE" } } },
      orderBy: { enrolledAt: "desc" },
      select: { cohort: { select: { organisation: { select: { id: true, name: true, website: true } } } } },
    }),
  ]);
  if (!user || user.deletedAt || !course) return { ok: false as const, reason: !user || user.deletedAt ? "the learner no longer exists" : "the course no longer exists" };
  // The event stays unprocessed and the queue retries: the credential is issued once APP_URL is set.
  requireIssuableOrigin();
  const tier = await prisma.tier.findUnique({ where: { level: course.tier }, select: { level: true, title: true } });
  const exam = attempt ? parseStoredExam(attempt.examVersion.definition) : null;

  const { identity, key } = await getIssuerKey();
  const status = await allocateStatusIndex({ signer: key.signer, identity, now });
  const id = crypto.randomUUID();
  const centre = cohortMembership?.cohort.organisation;
  const unsigned = composeCertificationCredential({
    credentialUrl: credentialUrl(id, identity),
    achievementUrl: credentialUrls.achievement(identity.idBase, course.id),
    skillsBaseUrl: credentialUrls.skillsBase(identity.idBase),
    issuer: { did: identity.did, url: identity.appOrigin },
    trainingCentre: centre
      ? { id: credentialUrls.organisation(identity.idBase, centre.id), name: centre.name, url: httpUrlOrUndefined(centre.website) }
      : undefined,
    learner: {
      subjectId: learnerSubjectId(user.id),
      locale: user.locale,
      displayName: nameOnCertificates(user),
      email: { address: user.email, salt: crypto.randomBytes(12).toString("base64url") },
    },
    course: {
      title: asLocalizedText(course.title),
      summary: asLocalizedText(course.summary),
      tier: tier ? { level: tier.level, title: asLocalizedText(tier.title) } : undefined,
      skills: course.skills.map(({ skill }) => ({ id: skill.id, label: asLocalizedText(skill.label), esco: skill.esco })).sort((a, b) => a.id.localeCompare(b.id)),
      passMarkPercent: exam?.passMarkPercent,
    },
    percent: attempt?.percent,
    issuedAt: now,
    status: { statusListCredential: status.statusListCredential, index: status.index },
  });
  const json = await issueCredential({ credential: unsigned, signer: key.signer, date: now });
  return { ok: true as const, id, json, user, course, centre, status };

}

/**
 * Issues the credential for a "certification earned" event (the queue's job). Exactly one credential per learner
 * and course: a concurrent run, or a second event, loses at the unique (userId, courseId) insert, and its status
 * index stays unused. Throws on transient failures (key unavailable, database), so the queue retries.
 */
export async function issueCredentialForEvent({ eventId, now = new Date() }: { eventId: string; now?: Date }): Promise<IssueForEventResult> {
  const event = await prisma.certificationEvent.findUnique({
    where: { id: eventId },
    select: { id: true, userId: true, courseId: true, attemptId: true, processedAt: true },
  });
  if (!event) return { outcome: "not_found" };
  if (event.processedAt) return { outcome: "already_processed" };

  const existing = await prisma.issuedCredential.findFirst({
    where: { userId: event.userId, courseId: event.courseId },
    select: { id: true },
  });
  if (existing) {
    // A retry after a failure between issuing and the job board's refresh lands here: refresh again (idempotent).
    await refreshVerifiedSkills(event.userId, { now });
    await markProcessed(event.id, now);
    return { outcome: "already_issued", credentialId: existing.id };
  }

  const signed = await signLearnerCredential({ userId: event.userId, courseId: event.courseId, attemptId: event.attemptId, now });
  if (!signed.ok) {
    logger.warn({ eventId, reason: signed.reason }, "certification event skipped: nothing to issue");
    await markProcessed(event.id, now);
    return { outcome: "skipped", reason: signed.reason };
  }
  const { id, user, course, centre, status } = signed;
  const [created] = await prisma.$transaction([
    prisma.issuedCredential.createMany({
      data: [
        {
          id,
          source: "certification",
          userId: user.id,
          courseId: course.id,
          certificationEventId: event.id,
          trainingCentreId: centre?.id ?? null,
          json: signed.json,
          issuedAt: now,
          statusListId: status.listId,
          statusIndex: status.index,
        },
      ],
      skipDuplicates: true,
    }),
    prisma.certificationEvent.updateMany({ where: { id: event.id, processedAt: null }, data: { processedAt: now } }),
  ]);
  if (created.count === 0) {
    const winner = await prisma.issuedCredential.findFirst({ where: { userId: user.id, courseId: course.id }, select: { id: true } });
    return { outcome: "already_issued", credentialId: winner?.id ?? null };
  }
  logger.info({ eventId, credentialId: id, courseId: course.id }, "credential issued");
  await refreshVerifiedSkills(user.id, { now });
  const t = await getFixedT(user.locale);
  const title = localized(course.title, user.locale) || course.id;
  await notify({
    userId: user.id,
    kind: "credential_issued",
    values: { course: title },
    href: "/credentials",
    email: { to: user.email, subject: t("email.credentialIssued.subject", { course: title }), text: t("email.credentialIssued.text", { name: user.name, course: title, link: `${issuerIdentity().appOrigin}/credentials` }) },
  });
  return { outcome: "issued", credentialId: id };
}

function issuerIdOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const id: unknown = Reflect.get(value, "id");
    return typeof id === "string" ? id : undefined;
  }
  return undefined;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * VC-API issuing (POST /credentials/issue): signs an unsigned VC 2.0 credential whose issuer is our DID, after
 * giving it an id (when it has none), validFrom (when missing) and a revocation entry, and stores it.
 */
export async function issueGivenCredential({
  credential,
  issuedById = null,
  now = new Date(),
}: {
  credential: unknown;
  issuedById?: string | null;
  now?: Date;
}): Promise<SignedCredential<JsonObject>> {
  requireIssuableOrigin();
  if (!isJsonObject(credential)) throw new CredentialError("invalid_credential", "credential must be a JSON object");
  const identity = issuerIdentity();
  const contexts = credential["@context"];
  if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) {
    throw new CredentialError("invalid_credential", `@context must be an array starting with ${VC_V2_CONTEXT}`);
  }
  if (credential.proof !== undefined) throw new CredentialError("invalid_credential", "the credential must be unsigned (no proof)");
  if (issuerIdOf(credential.issuer) !== identity.did) {
    throw new CredentialError("issuer_not_ours", `the issuer must be ${identity.did}`);
  }
  if (credential.credentialStatus !== undefined) {
    throw new CredentialError("status_not_allowed", "leave credentialStatus out: the issuer allocates the revocation entry");
  }
  let id: string;
  if (credential.id === undefined) {
    id = crypto.randomUUID();
  } else {
    const given = typeof credential.id === "string" ? parseCredentialId(credential.id, identity) : null;
    if (!given || credential.id !== credentialUrl(given, identity)) {
      throw new CredentialError("invalid_id", `id must be left out or be ${identity.idBase}/credentials/<uuid>`);
    }
    if (await prisma.issuedCredential.findUnique({ where: { id: given }, select: { id: true } })) throw new CredentialError("id_taken");
    id = given;
  }

  const { key } = await getIssuerKey();
  const status = await allocateStatusIndex({ signer: key.signer, identity, now });
  const unsigned: JsonObject = {
    ...credential,
    id: credentialUrl(id, identity),
    validFrom: typeof credential.validFrom === "string" ? credential.validFrom : toDateTimeStamp(now),
    credentialStatus: statusEntry({ statusListCredential: status.statusListCredential, index: status.index }),
  };
  let signed: SignedCredential<JsonObject>;
  try {
    signed = await issueCredential({ credential: unsigned, signer: key.signer, date: now });
  } catch (error) {
    // JSON-LD safe mode (undefined terms), bad dates, unknown contexts: the caller's credential, not our failure.
    throw new CredentialError("invalid_credential", error instanceof Error ? error.message : String(error));
  }
  try {
    await prisma.issuedCredential.create({
      data: { id, source: "api", issuedById, json: signed, issuedAt: now, statusListId: status.listId, statusIndex: status.index },
      select: { id: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new CredentialError("id_taken");
    throw error;
  }
  return signed;
}

export type RevokeCredentialOptions = {
  /** The credential's uuid or URL. */
  credentialId: string;
  actor: { userId: string };
  reason: string;
  now?: Date;
};

/**
 * Revokes a credential: sets its bit in the status list, re-signs and stores the list, and records who, when and
 * why on the credential. Allowed to platform admins and to admins of the training centre that co-brands it.
 * Throws CredentialError: not_found, forbidden, reason_required, already_revoked.
 */
/** Platform admins may revoke any credential; a centre's admins those their centre co-brands. */
async function mayRevoke({ trainingCentreId, userId }: { trainingCentreId: string | null; userId: string }) {
  const [isPlatformAdmin, isCentreAdmin] = await Promise.all([
    prisma.userRole.findFirst({ where: { userId, role: "PLATFORM_ADMIN" }, select: { userId: true } }).then(Boolean),
    trainingCentreId
      ? prisma.membership
          .findFirst({
            where: { userId, role: "ADMIN", organisationId: trainingCentreId, organisation: { kind: "TRAINING_CENTRE" } },
            select: { id: true },
          })
          .then(Boolean)
      : false,
  ]);
  return isPlatformAdmin || isCentreAdmin;
}

/** Whether this user may revoke this (not yet revoked) credential: shows the revoke form. */
export async function canRevokeCredential({ credentialId, userId }: { credentialId: string; userId: string }) {
  const id = parseCredentialId(credentialId);
  const credential = id ? await prisma.issuedCredential.findUnique({ where: { id }, select: { trainingCentreId: true, revokedAt: true } }) : null;
  if (!credential || credential.revokedAt) return false;
  return mayRevoke({ trainingCentreId: credential.trainingCentreId, userId });
}

export async function revokeCredential({ credentialId, actor, reason, now = new Date() }: RevokeCredentialOptions) {
  const id = parseCredentialId(credentialId);
  const credential = id
    ? await prisma.issuedCredential.findUnique({
        where: { id },
        select: { id: true, userId: true, courseId: true, trainingCentreId: true, revokedAt: true, statusListId: true, statusIndex: true },
      })
    : null;
  if (!credential) throw new CredentialError("not_found");

  if (!(await mayRevoke({ trainingCentreId: credential.trainingCentreId, userId: actor.userId }))) throw new CredentialError("forbidden");

  const why = reason.trim();
  if (why.length < 3 || why.length > 500) throw new CredentialError("reason_required");
  if (credential.revokedAt) throw new CredentialError("already_revoked");

  const { key } = await getIssuerKey();
  await sqlTransaction(async (client) => {
    // The list row is locked first (setRevokedBit), then the credential is claimed; a concurrent revocation of the
    // same credential waits for the lock and then finds it revoked.
    const { rows: lock } = await client.query(`SELECT 1 FROM "CredentialStatusList" WHERE "id" = $1 FOR UPDATE`, [credential.statusListId]);
    if (lock.length === 0) throw new Error(`Status list ${credential.statusListId} is missing`);
    const { rowCount } = await client.query(
      `UPDATE "IssuedCredential" SET "revokedAt" = $2, "revokedById" = $3, "revokeReason" = $4
       WHERE "id" = $1 AND "revokedAt" IS NULL`,
      [credential.id, now.toISOString(), actor.userId, why],
    );
    if (rowCount === 0) throw new CredentialError("already_revoked");
    await setRevokedBit(client, { listId: credential.statusListId, index: credential.statusIndex, signer: key.signer, now });
    await refreshVerifiedSkillsOfCredential(client, { credentialId: credential.id, now });
  });
  logger.info({ credentialId: credential.id, actorId: actor.userId }, "credential revoked");
  if (credential.userId) await notifyRevocation({ userId: credential.userId, courseId: credential.courseId, reason: why });
  return { credentialId: credential.id, revokedAt: now };
}

/**
 * Re-issues one of the learner's own credentials with their current name on certificates (after they corrected it):
 * the old one is revoked with the reason "superseded" and the new one, linked to it (supersedesId), is stored in the
 * same transaction, so there is always exactly one current credential per course and the history is kept.
 */
export async function reissueWithCurrentName({ credentialId, userId, now = new Date() }: { credentialId: string; userId: string; now?: Date }) {
  const id = parseCredentialId(credentialId);
  const old = id
    ? await prisma.issuedCredential.findFirst({
        where: { id, userId, courseId: { not: null } },
        select: { id: true, courseId: true, trainingCentreId: true, revokedAt: true, statusListId: true, statusIndex: true },
      })
    : null;
  if (!old?.courseId) throw new CredentialError("not_found");
  if (old.revokedAt) throw new CredentialError("already_revoked");
  const event = await prisma.certificationEvent.findFirst({ where: { userId, courseId: old.courseId }, orderBy: { createdAt: "asc" }, select: { attemptId: true } });
  if (!event) throw new CredentialError("not_found");
  const signed = await signLearnerCredential({ userId, courseId: old.courseId, attemptId: event.attemptId, now });
  if (!signed.ok) throw new CredentialError("not_found");
  const { key } = await getIssuerKey();
  await sqlTransaction(async (client) => {
    const { rows: lock } = await client.query(`SELECT 1 FROM "CredentialStatusList" WHERE "id" = $1 FOR UPDATE`, [old.statusListId]);
    if (lock.length === 0) throw new Error(`Status list ${old.statusListId} is missing`);
    const { rowCount } = await client.query(
      `UPDATE "IssuedCredential" SET "revokedAt" = $2, "revokedById" = $3, "revokeReason" = 'superseded' WHERE "id" = $1 AND "revokedAt" IS NULL`,
      [old.id, now.toISOString(), userId],
    );
    if (rowCount === 0) throw new CredentialError("already_revoked");
    await setRevokedBit(client, { listId: old.statusListId, index: old.statusIndex, signer: key.signer, now });
    await client.query(
      `INSERT INTO "IssuedCredential" ("id", "source", "userId", "courseId", "trainingCentreId", "json", "issuedAt", "statusListId", "statusIndex", "supersedesId")
       VALUES ($1, 'certification', $2, $3, $4, $5::jsonb, $6, $7, $8, $9)`,
      [signed.id, userId, old.courseId, old.trainingCentreId, JSON.stringify(signed.json), now.toISOString(), signed.status.listId, signed.status.index, old.id],
    );
  });
  await refreshVerifiedSkills(userId, { now });
  logger.info({ credentialId: signed.id, supersedes: old.id }, "credential re-issued with a corrected name");
  return { credentialId: signed.id, supersedes: old.id };
}

/** Tells the holder their credential was revoked, and why. */
async function notifyRevocation({ userId, courseId, reason }: { userId: string; courseId: string | null; reason: string }) {
  const [user, course] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true, locale: true, deletedAt: true } }),
    courseId ? prisma.course.findUnique({ where: { id: courseId }, select: { title: true } }) : null,
  ]);
  if (!user || user.deletedAt) return;
  const t = await getFixedT(user.locale);
  const title = localized(course?.title, user.locale) || courseId || "";
  await notify({
    userId,
    kind: "credential_revoked",
    values: { course: title, reason },
    href: "/credentials",
    email: { to: user.email, subject: t("email.credentialRevoked.subject", { course: title }), text: t("email.credentialRevoked.text", { name: user.name, course: title, reason }) },
  });
}

export type MyCredential =
  | { courseId: string; earnedAt: Date; status: "issuing" }
  | {
      courseId: string;
      earnedAt: Date;
      status: "issued" | "revoked";
      credentialId: string;
      credentialUrl: string;
      issuedAt: Date;
      revokedAt: Date | null;
      revokeReason: string | null;
    };

/**
 * The learner's certifications and their credentials: "issuing" while the queue has not issued one yet (the event
 * exists), then "issued" or "revoked". Oldest first.
 */
export async function listMyCredentials({ userId }: { userId: string }): Promise<MyCredential[]> {
  const [events, credentials] = await Promise.all([
    prisma.certificationEvent.findMany({ where: { userId }, select: { courseId: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.issuedCredential.findMany({
      where: { userId, source: "certification" },
      select: { id: true, courseId: true, issuedAt: true, revokedAt: true, revokeReason: true },
      // Oldest first, so the map below keeps the newest per course: a re-issued credential replaces the superseded one.
      orderBy: { issuedAt: "asc" },
    }),
  ]);
  const identity = issuerIdentity();
  const earned = new Map<string, Date>();
  for (const event of events) if (!earned.has(event.courseId)) earned.set(event.courseId, event.createdAt);
  const byCourse = new Map(credentials.flatMap((c) => (c.courseId ? [[c.courseId, c] as const] : [])));
  for (const credential of credentials) {
    if (credential.courseId && !earned.has(credential.courseId)) earned.set(credential.courseId, credential.issuedAt);
  }
  return [...earned.entries()]
    .sort(([, a], [, b]) => a.getTime() - b.getTime())
    .map(([courseId, earnedAt]): MyCredential => {
      const credential = byCourse.get(courseId);
      if (!credential) return { courseId, earnedAt, status: "issuing" };
      return {
        courseId,
        earnedAt,
        status: credential.revokedAt ? "revoked" : "issued",
        credentialId: credential.id,
        credentialUrl: credentialUrl(credential.id, identity),
        issuedAt: credential.issuedAt,
        revokedAt: credential.revokedAt,
        revokeReason: credential.revokeReason,
      };
    });
}

