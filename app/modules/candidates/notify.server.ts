import { getEnv } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { getMailer, type Email } from "~/lib/mailer.server";

/** An absolute link when the public origin is known (the request's, or APP_URL), else the bare path. */
export function linkTo(path: string, origin?: string) {
  const base = origin ?? getEnv().APP_URL;
  return base ? `${new URL(base).origin}${path}` : path;
}

/**
 * Sends a notification to a candidate. The fact it announces (an answer, a contact request) is already saved and
 * shown on /account/job-board, so a mail failure is logged and does not undo it.
 */
export async function notifyCandidate(email: Email, context: Record<string, string>) {
  try {
    await getMailer().send(email);
  } catch (error) {
    logger.warn({ err: error, ...context }, "job-board notification e-mail not sent");
  }
}
