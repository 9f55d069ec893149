// The consents a person gave, each with its version and date, and withdrawing the ones the law lets them withdraw
// while keeping an account (the privacy notice itself is withdrawn by deleting the account).
import { prisma } from "~/lib/db.server";
import { AI_CONSENT_KIND, withdrawAiConsent } from "~/modules/accounts/index.server";
import { withdrawFromJobBoard } from "~/modules/candidates/index.server";
import { JOB_BOARD_CONSENT_KIND } from "~/modules/candidates/index.server";

export const CONSENT_KINDS = ["privacy_notice", JOB_BOARD_CONSENT_KIND, AI_CONSENT_KIND] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
const WITHDRAWABLE: ReadonlySet<string> = new Set([JOB_BOARD_CONSENT_KIND, AI_CONSENT_KIND]);

export type ConsentView = {
  kind: ConsentKind;
  /** The latest record of this kind, or null when never given. */
  version: string | null;
  acceptedAt: Date | null;
  withdrawnAt: Date | null;
  active: boolean;
  withdrawable: boolean;
  /** Every record of this kind, newest first (the history). */
  history: Array<{ version: string; acceptedAt: Date; withdrawnAt: Date | null }>;
};

export async function listConsents(userId: string): Promise<ConsentView[]> {
  const rows = await prisma.consent.findMany({ where: { userId }, orderBy: { acceptedAt: "desc" }, select: { kind: true, version: true, acceptedAt: true, withdrawnAt: true } });
  return CONSENT_KINDS.map((kind) => {
    const history = rows.filter((r) => r.kind === kind).map(({ version, acceptedAt, withdrawnAt }) => ({ version, acceptedAt, withdrawnAt }));
    const latest = history[0] ?? null;
    const active = latest !== null && latest.withdrawnAt === null;
    return { kind, version: latest?.version ?? null, acceptedAt: latest?.acceptedAt ?? null, withdrawnAt: latest?.withdrawnAt ?? null, active, withdrawable: active && WITHDRAWABLE.has(kind), history };
  });
}

/** Withdraws a consent, with its effect at once: off the job board; no more text sent to a model abroad. */
export async function withdrawConsent({ userId, kind }: { userId: string; kind: string }) {
  if (kind === JOB_BOARD_CONSENT_KIND) {
    await withdrawFromJobBoard({ userId });
    return true;
  }
  if (kind === AI_CONSENT_KIND) {
    await withdrawAiConsent({ userId });
    return true;
  }
  return false;
}
