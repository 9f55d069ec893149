import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createRequestContext, runInRequestContext } from "~/lib/request-context.server";
import { createUser, userForSessionToken } from "../../../tests/factories";
import { getCurrentUser } from "./auth.server";
import { createSession, invalidateSession, sessionCookie, invalidateUserSessions, SESSION_LIFETIME_MS } from "./session.server";
import { hashToken } from "./tokens.server";

const DAY = 24 * 60 * 60 * 1000;

describe("sessions", () => {
  it("store only the SHA-256 of the token", async () => {
    const user = await createUser();
    const { token, session } = await createSession({ userId: user.id });
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(hashToken(token));
    expect(session.id).not.toContain(token);
    const rows = await prisma.session.findMany({ select: { id: true } });
    expect(rows).toEqual([{ id: hashToken(token) }]);
  });

  it("validate a live token and refuse an unknown one", async () => {
    const user = await createUser();
    const { token } = await createSession({ userId: user.id });
    expect((await userForSessionToken(token))?.id).toBe(user.id);
    expect(await userForSessionToken(`${token}x`)).toBeNull();
  });

  it("delete an expired session when it is presented", async () => {
    const user = await createUser();
    const { token, session } = await createSession({ userId: user.id });
    await prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForSessionToken(token)).toBeNull();
    expect(await prisma.session.count({ where: { id: session.id } })).toBe(0);
  });

  it("slide the expiry forward when less than half of the lifetime is left", async () => {
    const user = await createUser();
    const { token, session } = await createSession({ userId: user.id });
    const soon = new Date(Date.now() + 10 * DAY);
    await prisma.session.update({ where: { id: session.id }, data: { expiresAt: soon } });
    const result = await userForSessionToken(token);
    expect(result?.renewedUntil?.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: session.id }, select: { expiresAt: true } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
  });

  it("are looked up once per request, shared by its loaders (each with its own Request object)", async () => {
    const user = await createUser();
    const { token, session } = await createSession({ userId: user.id });
    await prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 10 * DAY) } });
    const cookie = (await sessionCookie.serialize(token)).split(";")[0];
    const request = () => new Request("http://localhost/learn", { headers: { Cookie: cookie } });
    const context = createRequestContext({ cspNonce: "" });
    const [root, route] = await runInRequestContext(context, () => Promise.all([getCurrentUser(request()), getCurrentUser(request())]));
    expect(root?.id).toBe(user.id);
    expect(route).toBe(root);
    // The renewal happened once, and its cookie is queued for the response.
    expect(context.cookies.get("maharat_session")).toContain("Expires=");
    // An action's lookup is its own (the loaders after it see what it changed).
    const posted = await runInRequestContext(context, () => getCurrentUser(new Request("http://localhost/learn", { method: "POST", headers: { Cookie: cookie } })));
    expect(posted).not.toBe(root);
    expect(posted?.id).toBe(user.id);
    // Outside a request (scripts), every call looks up.
    expect(await getCurrentUser(request())).not.toBe(await getCurrentUser(request()));
  });

  it("do not rewrite the row on every request while plenty of time is left", async () => {
    const user = await createUser();
    const { token, session } = await createSession({ userId: user.id });
    await userForSessionToken(token);
    expect(await prisma.session.findUniqueOrThrow({ where: { id: session.id }, select: { expiresAt: true } })).toEqual({ expiresAt: session.expiresAt });
  });

  it("revoke one session, or all of a user's sessions but the current one", async () => {
    const user = await createUser();
    const a = await createSession({ userId: user.id });
    const b = await createSession({ userId: user.id });
    const c = await createSession({ userId: user.id });
    await invalidateSession(a.session.id);
    expect(await userForSessionToken(a.token)).toBeNull();
    await invalidateUserSessions({ userId: user.id, exceptSessionId: b.session.id });
    expect(await userForSessionToken(b.token)).not.toBeNull();
    expect(await userForSessionToken(c.token)).toBeNull();
    await invalidateUserSessions({ userId: user.id });
    expect(await userForSessionToken(b.token)).toBeNull();
  });
});
