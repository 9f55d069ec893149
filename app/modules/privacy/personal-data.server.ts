// Everything the platform holds about one person, as plain JSON sections (right of access, law 09-08 art. 7): read by
// the data export (export.server.ts). Each section is one kind of record; another person's data never enters
// (ranking logs keep only this person's own line). Secrets are left out: password hash, session and reset token
// hashes, which identify nothing and would only weaken the account if the archive leaked.
import type { RankingLog } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";

export type PersonalData = Record<string, unknown>;

/** The sections of the export, in the order of the archive's README. */
export const SECTIONS = [
  "account",
  "consents",
  "learning",
  "exams",
  "credentials",
  "job-board",
  "rankings",
  "objections",
  "study",
  "emails",
  "notifications",
  "security",
  "privacy-requests",
] as const;
export type Section = (typeof SECTIONS)[number];

export async function collectPersonalData(userId: string): Promise<Record<Section, PersonalData>> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, locale: true, invitedAt: true, passwordChangedAt: true, createdAt: true, updatedAt: true },
  });
  const attempts = await prisma.examAttempt.findMany({ where: { userId }, orderBy: { startedAt: "asc" } });
  const attemptIds = attempts.map((a) => a.id);
  const conversations = await prisma.studyConversation.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  const [
    roles,
    memberships,
    cohortMemberships,
    reminders,
    consents,
    enrolments,
    lessonProgress,
    certifications,
    certificationEvents,
    responses,
    attemptEvents,
    suggestions,
    decisions,
    accommodations,
    credentials,
    profile,
    skills,
    applications,
    contactRequests,
    objections,
    messages,
    flags,
    practice,
    reviewCards,
    aiUsage,
    emails,
    sessions,
    securityEvents,
    exports,
    deletion,
    notifications,
    notificationPreferences,
    rankingLines,
  ] = await Promise.all([
    prisma.userRole.findMany({ where: { userId } }),
    prisma.membership.findMany({ where: { userId }, include: { organisation: { select: { name: true, kind: true } } } }),
    prisma.cohortMember.findMany({ where: { userId }, include: { cohort: { select: { name: true, organisation: { select: { name: true } } } } } }),
    prisma.cohortReminder.findMany({ where: { userId }, select: { id: true, cohortId: true, sentAt: true } }),
    prisma.consent.findMany({ where: { userId }, orderBy: { acceptedAt: "asc" } }),
    prisma.enrolment.findMany({ where: { userId } }),
    prisma.lessonProgress.findMany({ where: { userId } }),
    prisma.certification.findMany({ where: { userId } }),
    prisma.certificationEvent.findMany({ where: { userId } }),
    prisma.attemptResponse.findMany({ where: { attemptId: { in: attemptIds } } }),
    prisma.attemptEvent.findMany({ where: { attemptId: { in: attemptIds } }, orderBy: { at: "asc" } }),
    prisma.reviewSuggestion.findMany({ where: { attemptId: { in: attemptIds } } }),
    prisma.reviewDecision.findMany({ where: { attemptId: { in: attemptIds } }, select: { id: true, attemptId: true, itemId: true, points: true, comment: true, createdAt: true } }),
    prisma.examAccommodation.findMany({ where: { userId } }),
    prisma.issuedCredential.findMany({
      where: { userId },
      select: { id: true, courseId: true, json: true, issuedAt: true, revokedAt: true, revokeReason: true },
      orderBy: { issuedAt: "asc" },
    }),
    prisma.candidateProfile.findUnique({ where: { userId } }),
    prisma.candidateSkill.findMany({ where: { userId } }),
    prisma.jobApplication.findMany({ where: { userId } }),
    prisma.contactRequest.findMany({ where: { userId } }),
    prisma.matchObjection.findMany({ where: { userId } }),
    prisma.studyMessage.findMany({ where: { conversationId: { in: conversations.map((c) => c.id) } }, orderBy: { createdAt: "asc" } }),
    prisma.studyFlag.findMany({ where: { userId } }),
    prisma.practiceAttempt.findMany({ where: { userId } }),
    prisma.reviewCard.findMany({ where: { userId } }),
    prisma.aiUsage.findMany({ where: { userId } }),
    prisma.outboxEmail.findMany({ where: { to: user.email }, orderBy: { createdAt: "asc" } }),
    prisma.session.findMany({ where: { userId }, select: { createdAt: true, expiresAt: true, userAgent: true } }),
    prisma.securityEvent.findMany({ where: { userId }, select: { type: true, ip: true, createdAt: true } }),
    prisma.dataExport.findMany({ where: { userId }, select: { id: true, state: true, createdAt: true, readyAt: true, expiresAt: true } }),
    prisma.accountDeletion.findUnique({ where: { userId } }),
    prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    prisma.notificationPreference.findMany({ where: { userId } }),
    // Every ranking shown that listed this person: their own line only (rank, score, breakdown), never the others'.
    sql<Pick<RankingLog, "id" | "jobId" | "channel" | "rulesVersion" | "createdAt"> & { entry: unknown }>(
      `SELECT l."id", l."jobId", l."channel", l."rulesVersion", l."createdAt", e."entry"
       FROM "RankingLog" l CROSS JOIN LATERAL jsonb_array_elements(l."entries") AS e("entry")
       WHERE e."entry"->>'userId' = $1 ORDER BY l."createdAt"`,
      [userId],
    ),
  ]);
  return {
    account: { user, roles, memberships, cohortMemberships, cohortReminders: reminders },
    consents: { consents },
    learning: { enrolments, lessonProgress, certifications, certificationEvents },
    exams: { attempts, responses, events: attemptEvents, gradingSuggestions: suggestions, gradingDecisions: decisions, accommodations },
    credentials: { credentials: credentials.map(({ json: _json, ...rest }) => rest) },
    "job-board": { profile, skills, applications, contactRequests },
    rankings: { rankingsShown: rankingLines },
    objections: { objections },
    study: { conversations, messages, flags, practiceAttempts: practice, reviewCards, aiUsage },
    emails: { emails },
    notifications: { notifications, emailPreferences: notificationPreferences },
    security: { sessions, securityEvents },
    "privacy-requests": { exports, deletion },
  };
}

/** The person's credentials with their signed JSON (the archive holds each as JSON, PNG and PDF). */
export function credentialsOf(userId: string) {
  return prisma.issuedCredential.findMany({ where: { userId }, select: { id: true, json: true }, orderBy: { issuedAt: "asc" } });
}
