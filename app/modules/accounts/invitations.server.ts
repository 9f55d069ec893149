import { prisma } from "~/lib/db.server";
import { generateToken, hashToken } from "./tokens.server";

/** How long an invitation link (centre enrolment, staff invitation) stays usable. */
export const INVITATION_LIFETIME_DAYS = 14;

/**
 * A one-time link that lets an invited account choose its first password: `${origin}/reset-password/<token>`, the
 * token stored hashed with purpose "invitation" (the page then says "choose your password").
 */
export async function createInvitationLink({ userId, origin, now = new Date() }: { userId: string; origin: string; now?: Date }) {
  const token = generateToken(32);
  await prisma.passwordResetToken.create({
    data: { id: hashToken(token), userId, purpose: "invitation", expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 86_400_000) },
    select: { id: true },
  });
  return `${origin}/reset-password/${token}`;
}
