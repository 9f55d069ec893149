// The record of processing activities (registre des traitements) a controller keeps and shows the CNDP, generated
// from this platform's own configuration: each processing with its purpose, data, legal basis, retention (the
// configured periods), recipients and transfers abroad (the AI model and e-mail servers actually configured).
import { parseEnv, type Env } from "~/lib/env.server";
import { privacyContacts } from "./contacts.server";
import { retentionPolicy } from "./retention.server";

export const PROCESSING_ACTIVITIES = ["accounts", "learning", "credentials", "centres", "jobBoard", "tutor", "email", "security"] as const;
export type ProcessingActivity = (typeof PROCESSING_ACTIVITIES)[number];

type Translate = (key: string, values?: Record<string, unknown>) => string;

function hostOf(url: string | undefined) {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** The rows of the record (a header row first), in the reader's language, ready for a CSV or a table. */
export function processingRecord({ t, env = parseEnv(), now = new Date() }: { t: Translate; env?: Env; now?: Date }) {
  const retention = retentionPolicy(env);
  const contacts = privacyContacts(env);
  const aiHost = env.OPENAI_API_KEY ? (hostOf(env.OPENAI_BASE_URL) ?? "api.openai.com") : null;
  const smtpHost = hostOf(env.SMTP_URL);
  const transfers: Record<ProcessingActivity, string> = {
    accounts: t("processing.transfers.none"),
    learning: t("processing.transfers.none"),
    credentials: t("processing.transfers.credentials"),
    centres: t("processing.transfers.none"),
    jobBoard: t("processing.transfers.none"),
    tutor: aiHost
      ? env.AI_PROCESSING_ABROAD
        ? t("processing.transfers.aiAbroad", { host: aiHost })
        : t("processing.transfers.aiLocal", { host: aiHost })
      : t("processing.transfers.noAi"),
    email: smtpHost ? t("processing.transfers.smtp", { host: smtpHost }) : t("processing.transfers.outbox"),
    security: t("processing.transfers.none"),
  };
  const retentionText: Record<ProcessingActivity, string> = {
    accounts: t("processing.retention.accounts", { invitations: retention.invitations, grace: retention.deletionGrace, sessions: retention.sessions }),
    learning: t("processing.retention.learning"),
    credentials: t("processing.retention.credentials"),
    centres: t("processing.retention.centres"),
    jobBoard: t("processing.retention.jobBoard", { rankingLogs: retention.rankingLogs }),
    tutor: t("processing.retention.tutor", { days: retention.tutorConversations }),
    email: t("processing.retention.email", { days: retention.outbox }),
    security: t("processing.retention.security", { days: retention.securityEvents }),
  };
  const header = [
    t("processing.columns.activity"),
    t("processing.columns.purpose"),
    t("processing.columns.data"),
    t("processing.columns.basis"),
    t("processing.columns.retention"),
    t("processing.columns.recipients"),
    t("processing.columns.transfers"),
  ];
  const rows = PROCESSING_ACTIVITIES.map((a) => [
    t(`processing.activities.${a}.name`),
    t(`processing.activities.${a}.purpose`),
    t(`processing.activities.${a}.data`),
    t(`processing.activities.${a}.basis`),
    retentionText[a],
    t(`processing.activities.${a}.recipients`),
    transfers[a],
  ]);
  const preamble = [
    [t("processing.controller"), contacts.controller ?? t("processing.notConfigured")],
    [t("processing.contact"), contacts.email ?? t("processing.notConfigured")],
    [t("processing.dpo"), contacts.dpo ?? t("processing.none")],
    [t("processing.generatedAt"), now.toISOString()],
    [],
  ];
  return { preamble, header, rows };
}
