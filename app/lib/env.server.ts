import path from "node:path";
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Environment, validated once at start-up; a wrong value stops the server with a readable message. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** HTTP worker processes (server/index.ts); default: one per CPU but one (1 to 4) in production, 1 otherwise. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  EMBEDDED_DB_DIR: z.string().min(1).default(path.join(".data", "pglite")),
  /** A folder (e.g. a private git checkout) of live exam banks, <course-id>/exam.yaml each, replacing content/'s open ones. */
  EXAM_BANKS_DIR: z.string().min(1).optional(),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Maharat <no-reply@maharat.local>"),
  SEED_DEMO: booleanish.optional(),
  /** Production without APP_URL refuses to issue credentials (their ids would be loopback URLs forever) unless this is true. */
  ALLOW_LOOPBACK_CREDENTIAL_IDS: booleanish.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanish.default(false),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** The study tutor's and practice lab's chat model; OPENAI_MODEL when unset. */
  TUTOR_MODEL: z.string().min(1).optional(),
  /** How long the tutor may take to start answering before the learner gets the lesson passages instead. */
  TUTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** The model's server is outside Morocco (law 09-08): each person consents once before any of their text is sent. */
  AI_PROCESSING_ABROAD: booleanish.default(false),
  /** Model calls per learner and day (tutor and practice lab); past it, 429. */
  STUDY_DAILY_MODEL_CALLS: z.coerce.number().int().min(0).max(100_000).default(40),
  /** The deployment's monthly spend cap on model calls, in AI_PRICE currency units; 0 means no model calls at all. */
  AI_MONTHLY_SPEND_CAP: z.coerce.number().min(0).default(20),
  /** Price per million input and output tokens of the configured model (defaults: gpt-4o-mini's list price in USD). */
  AI_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).default(0.15),
  AI_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).default(0.6),
  /** Tutor conversations older than this many days (since their last message) are deleted. */
  STUDY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** The data controller named in the privacy notice (the organisation operating this instance) and its contacts. */
  PRIVACY_CONTROLLER_NAME: z.string().trim().min(1).max(200).optional(),
  PRIVACY_CONTACT_EMAIL: z.string().trim().email().optional(),
  /** The data protection officer's address, when the controller has named one. */
  PRIVACY_DPO_EMAIL: z.string().trim().email().optional(),
  /** Retention (privacy/retention.server.ts, applied daily by the job queue): expired sessions, local outbox e-mails,
   *  ranking logs, security events, and invitations never accepted (those accounts are erased). */
  RETENTION_SESSIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_RANKING_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  RETENTION_SECURITY_EVENTS_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_INVITATIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Days between a person's request to delete their account and its erasure, during which they can cancel; 0 erases at once. */
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** Days a prepared data export (ZIP) stays downloadable. */
  DATA_EXPORT_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** The issuer key set (encrypted private keys), kept outside the repository (.data/ is git-ignored). */
  CREDENTIALS_KEY_FILE: z.string().min(1).default(path.join(".data", "keys", "issuer-keys.json")),
  /** Encrypts the issuer's private keys at rest; when unset one is generated next to the key file (see certification/keys.server.ts). */
  CREDENTIALS_KEY_SECRET: z.string().min(32).optional(),
  /** Bearer token for integrations calling POST /credentials/issue (platform admins can use their session). */
  CREDENTIALS_API_TOKEN: z.string().min(16).optional(),
  /** Public credential checks (POST /credentials/verify, /verify paste and upload) per client address and minute; the API token is not limited. */
  VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Longest a credential verification may run (in its worker thread) before it is stopped and reported. */
  VERIFY_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

export const isProduction = () => getEnv().NODE_ENV === "production";
