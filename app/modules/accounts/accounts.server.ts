import { prisma } from "~/lib/db.server";
import { isUniqueViolation } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import { getMailer } from "~/lib/mailer.server";
import {
  checkRemaining,
  consumePoint,
  loginByIp,
  loginFailuresByAccount,
  resetByAccount,
  resetByIp,
  resetPoints,
  signupByIp,
} from "~/lib/rate-limit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { PRIVACY_NOTICE_VERSION } from "./schemas";
import { invalidateUserSessions } from "./session.server";
import { generateToken, hashToken } from "./tokens.server";

const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

function loginFailureKey(email: string, ip: string) {
  return `${email}\n${ip}`;
}

export async function recordSecurityEvent({ userId, type, ip }: { userId: string | null; type: string; ip?: string }) {
  await prisma.securityEvent.create({ data: { userId, type, ip: ip ?? null }, select: { id: true } });
}

export type SignUpResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "email_taken" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Creates a learner account and records consent to the privacy notice (version and time) in one transaction. */
export async function signUp({
  name,
  email,
  password,
  language,
  ip,
}: {
  name: string;
  email: string;
  password: string;
  language: string;
  ip: string;
}): Promise<SignUpResult> {
  const rate = await consumePoint(signupByIp, ip);
  if (!rate.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: rate.retryAfterSeconds };
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { ok: false, reason: "email_taken" };
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.user.create({
      data: {
        name,
        email,
        locale: language,
        passwordHash,
        consents: { create: { kind: "privacy_notice", version: PRIVACY_NOTICE_VERSION, locale: language } },
        securityEvents: { create: { type: "signup", ip } },
      },
      select: { id: true },
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

export type AuthenticateResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

// Verifying against a real hash when the account does not exist keeps response times alike (no enumeration).
let dummyHash: Promise<string> | undefined;

/** Checks a password, rate-limited per IP address and per account. */
export async function authenticate({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string;
}): Promise<AuthenticateResult> {
  const byIp = await consumePoint(loginByIp, ip);
  if (!byIp.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  // Failures are counted per account AND address: a guesser is stopped, and the owner, elsewhere, is not locked out.
  const failureKey = loginFailureKey(email, ip);
  const byAccount = await checkRemaining(loginFailuresByAccount, failureKey);
  if (!byAccount.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: byAccount.retryAfterSeconds };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  dummyHash ??= hashPassword("not-a-real-password");
  const valid = await verifyPassword({ hash: user?.passwordHash ?? (await dummyHash), password });
  if (!user || !valid) {
    await consumePoint(loginFailuresByAccount, failureKey);
    await recordSecurityEvent({ userId: user?.id ?? null, type: "login_failed", ip });
    return { ok: false, reason: "invalid" };
  }
  await resetPoints(loginFailuresByAccount, failureKey);
  await recordSecurityEvent({ userId: user.id, type: "login", ip });
  return { ok: true, userId: user.id };
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: "wrong_current" };

/** Changes the password and signs out every other device. */
export async function changePassword({
  userId,
  sessionId,
  currentPassword,
  newPassword,
  ip,
}: {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
}): Promise<ChangePasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword({ hash: user.passwordHash, password: currentPassword }))) {
    return { ok: false, reason: "wrong_current" };
  }
  await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() },
    select: { id: true },
  });
  await invalidateUserSessions({ userId, exceptSessionId: sessionId });
  await recordSecurityEvent({ userId, type: "password_changed", ip });
  return { ok: true };
}

export type RequestResetResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Sends a reset link when the address has an account. The answer is the same whether or not it exists, so the
 * form cannot be used to discover who has an account.
 */
export async function requestPasswordReset({
  email,
  ip,
  origin,
}: {
  email: string;
  ip: string;
  origin: string;
}): Promise<RequestResetResult> {
  const byIp = await consumePoint(resetByIp, ip);
  if (!byIp.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
  if (!user) return { ok: true };
  const byAccount = await consumePoint(resetByAccount, email);
  if (!byAccount.allowed) return { ok: true };

  const token = generateToken(32);
  await prisma.passwordResetToken.create({
    data: { id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_LIFETIME_MS) },
    select: { id: true },
  });
  const link = `${origin}/reset-password/${token}`;
  const t = await getFixedT(user.locale);
  await getMailer().send({
    to: email,
    subject: t("email.reset.subject"),
    text: t("email.reset.body", { name: user.name, link, minutes: 60 }),
  });
  await recordSecurityEvent({ userId: user.id, type: "password_reset_requested", ip });
  return { ok: true };
}

/**
 * Whether a reset link is still usable, and what it is for: "reset" (forgotten password) or "invitation" (an
 * account a centre created, choosing its first password). Shown before asking for a password.
 */
export async function getResetTokenState(token: string): Promise<{ usable: boolean; purpose: "reset" | "invitation" }> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { id: hashToken(token) },
    select: { usedAt: true, expiresAt: true, purpose: true },
  });
  return {
    usable: Boolean(row && !row.usedAt && row.expiresAt.getTime() > Date.now()),
    purpose: row?.purpose === "invitation" ? "invitation" : "reset",
  };
}

/** Whether a reset link is still usable (shown before asking for a new password). */
export async function isResetTokenUsable(token: string) {
  return (await getResetTokenState(token)).usable;
}

export type ResetPasswordResult = { ok: true; userId: string; purpose: "reset" | "invitation" } | { ok: false; reason: "invalid_token" };

/** Sets a new password from a one-time link and signs out every device. */
export async function resetPassword({
  token,
  newPassword,
  ip,
  consentLocale,
}: {
  token: string;
  newPassword: string;
  ip: string;
  /** An invitation accepted with the privacy notice read in this language: recorded as a sign-up's consent is. */
  consentLocale?: string;
}): Promise<ResetPasswordResult> {
  const id = hashToken(token);
  const passwordHash = await hashPassword(newPassword);
  // Marking the token used in the same statement that checks it makes a double submit use it once.
  const claimed = await prisma.passwordResetToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return { ok: false, reason: "invalid_token" };
  const { userId, purpose, user } = await prisma.passwordResetToken.findUniqueOrThrow({
    where: { id },
    select: { userId: true, purpose: true, user: { select: { email: true } } },
  });
  // Choosing a password ends an invitation (invitedAt), whichever link was used, and retires the account's other
  // outstanding links: a second invitation e-mail must not be able to change the password later.
  await prisma.user.update({
    where: { id: userId },
    data: { passwordHash, passwordChangedAt: new Date(), invitedAt: null },
    select: { id: true },
  });
  await prisma.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  await invalidateUserSessions({ userId });
  await resetPoints(loginFailuresByAccount, loginFailureKey(user.email, ip ?? "unknown"));
  await recordSecurityEvent({ userId, type: purpose === "invitation" ? "invitation_accepted" : "password_reset", ip });
  if (purpose === "invitation" && consentLocale) {
    await prisma.consent.create({ data: { userId, kind: "privacy_notice", version: PRIVACY_NOTICE_VERSION, locale: consentLocale }, select: { id: true } });
  }
  return { ok: true, userId, purpose: purpose === "invitation" ? "invitation" : "reset" };
}

export async function updateUserLocale({ userId, locale }: { userId: string; locale: string }) {
  await prisma.user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
}

export async function listUserSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes one of the user's own sessions (ownership in the where: someone else's id matches nothing). */
export async function revokeUserSession({ userId, sessionId }: { userId: string; sessionId: string }) {
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  return count === 1;
}
