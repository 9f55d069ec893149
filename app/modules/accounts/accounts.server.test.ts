import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser, TEST_PASSWORD, userForSessionToken } from "../../../tests/factories";
import {
  authenticate,
  changePassword,
  isResetTokenUsable,
  requestPasswordReset,
  resetPassword,
  signUp,
} from "./accounts.server";
import { PRIVACY_NOTICE_VERSION } from "./schemas";
import { createSession } from "./session.server";

const ip = "203.0.113.7";

function resetTokenFromOutbox(text: string) {
  const match = /\/reset-password\/([a-z2-7]+)/.exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[1];
}

describe("signUp", () => {
  it("hashes the password with argon2id and records consent with the notice version", async () => {
    const result = await signUp({ name: "Hajar", email: "hajar@example.ma", password: "une longue phrase", language: "ar", ip });
    expect(result.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "hajar@example.ma" },
      select: { passwordHash: true, locale: true, consents: { select: { kind: true, version: true, locale: true, acceptedAt: true } } },
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.locale).toBe("ar");
    expect(user.consents).toHaveLength(1);
    expect(user.consents[0]).toMatchObject({ kind: "privacy_notice", version: PRIVACY_NOTICE_VERSION, locale: "ar" });
    expect(Date.now() - user.consents[0].acceptedAt.getTime()).toBeLessThan(60_000);
  });

  it("refuses a second account on the same address", async () => {
    await createUser({ email: "taken@example.ma" });
    expect(await signUp({ name: "X Y", email: "taken@example.ma", password: "une longue phrase", language: "fr", ip })).toEqual({
      ok: false,
      reason: "email_taken",
    });
  });
});

describe("authenticate", () => {
  it("accepts the right password and refuses a wrong one or an unknown account", async () => {
    const user = await createUser({ email: "salma@example.ma" });
    expect(await authenticate({ email: "salma@example.ma", password: TEST_PASSWORD, ip })).toEqual({ ok: true, userId: user.id });
    expect(await authenticate({ email: "salma@example.ma", password: "wrong password", ip })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ email: "nobody@example.ma", password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account for a while after 5 failures from one address, even with the right password", async () => {
    await createUser({ email: "target@example.ma" });
    for (let i = 0; i < 5; i++) {
      expect((await authenticate({ email: "target@example.ma", password: "guess", ip: "198.51.100.7" })).ok).toBe(false);
    }
    const locked = await authenticate({ email: "target@example.ma", password: TEST_PASSWORD, ip: "198.51.100.7" });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!locked.ok && locked.reason === "rate_limited") expect(locked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("never locks the owner out from another address: failures count per account and address", async () => {
    const owner = await createUser({ email: "owner@example.ma" });
    for (let i = 0; i < 6; i++) await authenticate({ email: "owner@example.ma", password: "guess", ip: "203.0.113.66" });
    expect(await authenticate({ email: "owner@example.ma", password: TEST_PASSWORD, ip: "198.51.100.20" })).toEqual({ ok: true, userId: owner.id });
    // The counter's key is a digest: no e-mail or address in the table.
    const keys = await prisma.rateLimiterFlexible.findMany({ select: { key: true } });
    expect(keys.some((row) => row.key.includes("owner@example.ma") || row.key.includes("203.0.113.66"))).toBe(false);
  });

  it("limits attempts per IP address across accounts", async () => {
    const results = [];
    for (let i = 0; i < 31; i++) results.push(await authenticate({ email: `user${i}@example.ma`, password: "x", ip: "192.0.2.1" }));
    expect(results.slice(0, 30).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[30]).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another address is not affected.
    expect(await authenticate({ email: "user0@example.ma", password: "x", ip: "192.0.2.2" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("records failed and successful log-ins as security events", async () => {
    const user = await createUser({ email: "events@example.ma" });
    await authenticate({ email: "events@example.ma", password: "nope", ip });
    await authenticate({ email: "events@example.ma", password: TEST_PASSWORD, ip });
    const events = await prisma.securityEvent.findMany({ where: { userId: user.id }, select: { type: true, ip: true }, orderBy: { createdAt: "asc" } });
    expect(events).toEqual([
      { type: "login_failed", ip },
      { type: "login", ip },
    ]);
  });
});

describe("changePassword", () => {
  it("needs the current password, then signs out every other device", async () => {
    const user = await createUser();
    const here = await createSession({ userId: user.id });
    const elsewhere = await createSession({ userId: user.id });
    expect(
      await changePassword({ userId: user.id, sessionId: here.session.id, currentPassword: "wrong", newPassword: "nouvelle phrase secrète", ip }),
    ).toEqual({ ok: false, reason: "wrong_current" });
    expect(
      await changePassword({ userId: user.id, sessionId: here.session.id, currentPassword: TEST_PASSWORD, newPassword: "nouvelle phrase secrète", ip }),
    ).toEqual({ ok: true });
    expect(await userForSessionToken(here.token)).not.toBeNull();
    expect(await userForSessionToken(elsewhere.token)).toBeNull();
    expect((await authenticate({ email: user.email, password: "nouvelle phrase secrète", ip })).ok).toBe(true);
  });
});

describe("password reset by e-mail", () => {
  it("sends a one-time link in the account's language, which sets a new password and signs out everywhere", async () => {
    const user = await createUser({ email: "reset@example.ma", locale: "ar", name: "هاجر" });
    const session = await createSession({ userId: user.id });
    expect(await requestPasswordReset({ email: "reset@example.ma", ip, origin: "https://maharat.example" })).toEqual({ ok: true });

    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "reset@example.ma" }, select: { subject: true, text: true } });
    expect(mail.subject).toContain("مهارات");
    expect(mail.text).toContain("مرحبًا هاجر");
    expect(mail.text).toContain("https://maharat.example/reset-password/");
    const token = resetTokenFromOutbox(mail.text);
    // Only the hash is stored.
    expect(await prisma.passwordResetToken.count({ where: { id: token } })).toBe(0);

    expect(await isResetTokenUsable(token)).toBe(true);
    expect(await resetPassword({ token, newPassword: "mot de passe tout neuf", ip })).toMatchObject({ ok: true });
    expect(await resetPassword({ token, newPassword: "encore un autre", ip })).toEqual({ ok: false, reason: "invalid_token" });
    expect(await isResetTokenUsable(token)).toBe(false);
    expect(await userForSessionToken(session.token)).toBeNull();
    expect((await authenticate({ email: "reset@example.ma", password: "mot de passe tout neuf", ip })).ok).toBe(true);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    expect(await requestPasswordReset({ email: "ghost@example.ma", ip, origin: "https://maharat.example" })).toEqual({ ok: true });
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  it("refuses an expired link", async () => {
    await createUser({ email: "late@example.ma" });
    await requestPasswordReset({ email: "late@example.ma", ip, origin: "https://maharat.example" });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ select: { text: true } });
    await prisma.passwordResetToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resetPassword({ token: resetTokenFromOutbox(mail.text), newPassword: "mot de passe tout neuf", ip })).toEqual({
      ok: false,
      reason: "invalid_token",
    });
  });
});
