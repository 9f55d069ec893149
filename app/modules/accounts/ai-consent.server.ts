// Law 09-08 and AI processing abroad: when the model's server is outside Morocco (AI_PROCESSING_ABROAD=true), a
// person's text (a tutor question, a practice answer, an exam answer for the grading assistant) leaves the country
// only after they consented, once, to the notice's current version. Without that consent every AI feature runs
// in its local mode. When the setting is false (the server is in Morocco, or no model is configured), no consent
// is asked: the privacy notice names the processing.
import { prisma } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";

export const AI_CONSENT_KIND = "ai_processing_abroad";
/** Bump when the notice's text changes: earlier consents then no longer count, and people are asked again. */
export const AI_CONSENT_VERSION = "2026-12-06";

export type AiConsentStatus = { required: boolean; given: boolean; acceptedAt: Date | null };

export async function aiConsentStatus(userId: string, { abroad = getEnv().AI_PROCESSING_ABROAD } = {}): Promise<AiConsentStatus> {
  if (!abroad) return { required: false, given: false, acceptedAt: null };
  const consent = await prisma.consent.findFirst({
    where: { userId, kind: AI_CONSENT_KIND, version: AI_CONSENT_VERSION, withdrawnAt: null },
    orderBy: { acceptedAt: "desc" },
    select: { acceptedAt: true },
  });
  return { required: true, given: consent !== null, acceptedAt: consent?.acceptedAt ?? null };
}

/** Whether this person's text may be sent to the configured model. */
export async function mayProcessTextWithAi(userId: string, options: { abroad?: boolean } = {}) {
  const status = await aiConsentStatus(userId, options);
  return !status.required || status.given;
}

/** Records the consent (idempotent for the current version). */
export async function giveAiConsent({ userId, locale }: { userId: string; locale: string }) {
  const existing = await prisma.consent.findFirst({
    where: { userId, kind: AI_CONSENT_KIND, version: AI_CONSENT_VERSION, withdrawnAt: null },
    select: { id: true },
  });
  if (!existing) await prisma.consent.create({ data: { userId, kind: AI_CONSENT_KIND, version: AI_CONSENT_VERSION, locale } });
}

export async function withdrawAiConsent({ userId }: { userId: string }) {
  await prisma.consent.updateMany({ where: { userId, kind: AI_CONSENT_KIND, withdrawnAt: null }, data: { withdrawnAt: new Date() } });
}
