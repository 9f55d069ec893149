import nodemailer from "nodemailer";
import { prisma } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";

export type Email = { to: string; subject: string; text: string; html?: string };

/** The one seam for e-mail: SMTP in production, a local outbox everywhere else (so the platform runs offline). */
export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(email: Email): Promise<void>;
}

/** Sends through any SMTP server given as a URL (smtp://user:pass@host:587, smtps://…). */
export function createSmtpMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
  };
}

/** Keeps messages in the OutboxEmail table, readable at /dev/outbox and by tests. */
export function createOutboxMailer(): Mailer {
  return {
    kind: "outbox",
    async send(email) {
      await prisma.outboxEmail.create({ data: email, select: { id: true } });
      // No address in the logs (they outlive an erased account): the outbox row says who it is for.
      logger.info({ subject: email.subject }, "e-mail kept in the local outbox (no SMTP_URL)");
    },
  };
}

let mailer: Mailer | undefined;
export function getMailer(): Mailer {
  const { SMTP_URL, MAIL_FROM } = getEnv();
  mailer ??= SMTP_URL ? createSmtpMailer({ url: SMTP_URL, from: MAIL_FROM }) : createOutboxMailer();
  return mailer;
}
