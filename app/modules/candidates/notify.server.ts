import { appOrigin } from "~/lib/origin.server";
import { logger } from "~/lib/logger.server";
import { getMailer, type Email } from "~/lib/mailer.server";

/** An absolute link on the given origin, else on the app's own (lib/origin.server appOrigin). */
export function linkTo(path: string, origin: string = appOrigin()) {
  return `${new URL(origin).origin}${path}`;
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
