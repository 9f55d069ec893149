import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { languageCookie } from "~/lib/i18n.server";
import { hashToken } from "~/modules/accounts/tokens.server";
import { createUser, sessionCookieHeader, TEST_PASSWORD } from "../factories";
import { cookiesFrom, form, useTestServer } from "../setup/test-server";

const server = useTestServer();

async function lngCookie(lng: string) {
  return (await languageCookie.serialize(lng)).split(";")[0];
}

describe("HTTP basics", () => {
  it("/healthz reports the database as reachable", async () => {
    const res = await server.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up" });
  });

  it("sets security headers with a per-request script nonce", async () => {
    const res = await server.request("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await res.text();
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("picks the language from Accept-Language, then from the remembered choice", async () => {
    const ar = await server.request("/", { headers: { "Accept-Language": "ar-MA,ar;q=0.9" } });
    expect(await ar.text()).toMatch(/<html lang="ar" dir="rtl"/);
    const en = await server.request("/", { headers: { "Accept-Language": "en-GB" } });
    expect(await en.text()).toMatch(/<html lang="en" dir="ltr"/);
    const unknown = await server.request("/", { headers: { "Accept-Language": "de-DE" } });
    expect(await unknown.text()).toMatch(/<html lang="fr" dir="ltr"/);
    const remembered = await server.request("/", { headers: { "Accept-Language": "en" }, cookie: await lngCookie("ar") });
    expect(await remembered.text()).toMatch(/<html lang="ar" dir="rtl"/);
  });

  it("remembers the language switch in a cookie and on the account", async () => {
    const user = await createUser({ locale: "fr" });
    const cookie = await sessionCookieHeader(user.id);
    const res = await server.request("/set-language", { method: "POST", body: form({ language: "ar", redirectTo: "/learn" }), cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/learn");
    const set = cookiesFrom(res);
    expect(set).toMatch(/^lng=/);
    const page = await server.request("/learn", { cookie: `${cookie}; ${set}` });
    expect(await page.text()).toContain('dir="rtl"');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { locale: true } })).locale).toBe("ar");
  });

  it("answers an unknown page with a translated 404", async () => {
    const res = await server.request("/nope/nothing", { cookie: await lngCookie("en") });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Page not found");
  });
});

describe("Origin check on mutations", () => {
  it("refuses a cookie-bearing POST from another site", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const res = await server.request("/logout", { method: "POST", cookie, headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("accepts the same POST from our own pages", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const res = await server.request("/logout", { method: "POST", cookie });
    expect(res.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(res.headers.get("set-cookie")).toMatch(/maharat_session=;.*Max-Age=0/);
  });
});

describe("sign-up, log-in and bad input over HTTP", () => {
  it("signs up, stores the session hash, sets an HttpOnly SameSite=Lax cookie and remembers the language", async () => {
    const res = await server.request("/signup", {
      method: "POST",
      body: form({ name: "Hajar Idrissi", email: "hajar@example.ma", password: "une longue phrase", language: "ar", consent: "on" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/learn?welcome=1");
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith("maharat_session="));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(setCookies.some((c) => c.startsWith("lng="))).toBe(true);
    const page = await server.request("/learn?welcome=1", { cookie: cookiesFrom(res) });
    const html = await page.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("مرحبًا، Hajar Idrissi");
    const rows = await prisma.session.findMany({ select: { id: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["missing everything", {}],
    ["no consent", { name: "Ali B", email: "ali@example.ma", password: "une longue phrase", language: "fr" }],
    ["bad e-mail", { name: "Ali B", email: "ali@", password: "une longue phrase", language: "fr", consent: "on" }],
    ["unknown language", { name: "Ali B", email: "ali@example.ma", password: "une longue phrase", language: "xx", consent: "on" }],
    ["huge name", { name: "x".repeat(10_000), email: "ali@example.ma", password: "une longue phrase", language: "fr", consent: "on" }],
  ])("answers 400, not 500, to a sign-up with %s", async (_label, values) => {
    const res = await server.request("/signup", { method: "POST", body: form(values), cookie: await lngCookie("fr") });
    expect(res.status).toBe(400);
    await res.arrayBuffer();
    expect(await prisma.user.count()).toBe(0);
  });

  it("shows the consent error in the reader's language when JavaScript is off", async () => {
    const res = await server.request("/signup", {
      method: "POST",
      body: form({ name: "Ali B", email: "ali@example.ma", password: "une longue phrase", language: "ar" }),
      cookie: await lngCookie("ar"),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("يجب الموافقة على إشعار الخصوصية لإنشاء حساب.");
  });

  it("after log-in the interface follows the account's language, not the browser's", async () => {
    await createUser({ email: "hajar@example.ma", locale: "ar" });
    const res = await server.request("/login", { method: "POST", headers: { "Accept-Language": "fr-FR,fr" }, body: form({ email: "hajar@example.ma", password: TEST_PASSWORD }) });
    expect(res.status).toBe(302);
    const cookies = res.headers.getSetCookie();
    expect(cookies.map((c) => c.split(";")[0])).toContain(await lngCookie("ar"));
    const home = await server.request("/learn", { headers: { "Accept-Language": "fr-FR,fr" }, cookie: cookiesFrom(res) });
    expect(await home.text()).toMatch(/<html lang="ar" dir="rtl"/);
    // A language chosen with the switcher on this device is kept.
    const chosen = await server.request("/login", { method: "POST", headers: { "Accept-Language": "ar" }, cookie: await lngCookie("en"), body: form({ email: "hajar@example.ma", password: TEST_PASSWORD }) });
    expect(chosen.headers.getSetCookie().some((c) => c.startsWith("lng="))).toBe(false);
  });

  it("logs in, and answers 429 with a translated message once the account is locked", async () => {
    const user = await createUser({ email: "salma@example.ma" });
    const ok = await server.request("/login", { method: "POST", body: form({ email: "SALMA@example.ma", password: TEST_PASSWORD }) });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/learn");
    const stored = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(stored).toHaveLength(1);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await server.request("/login", { method: "POST", body: form({ email: "salma@example.ma", password: "wrong" }) });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const locked = await server.request("/login", {
      method: "POST",
      body: form({ email: "salma@example.ma", password: TEST_PASSWORD }),
      cookie: await lngCookie("en"),
    });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Too many attempts\. Try again in \d+ minute\(s\)\./);
  });

  it("goes back to the protected page after logging in, but never to another site", async () => {
    await createUser({ email: "back@example.ma", role: "PLATFORM_ADMIN" });
    const guarded = await server.request("/admin");
    expect(guarded.headers.get("location")).toBe("/login?redirectTo=%2Fadmin");
    const back = await server.request("/login", {
      method: "POST",
      body: form({ email: "back@example.ma", password: TEST_PASSWORD, redirectTo: "/admin" }),
    });
    expect(back.headers.get("location")).toBe("/admin");
    const evil = await server.request("/login", {
      method: "POST",
      body: form({ email: "back@example.ma", password: TEST_PASSWORD, redirectTo: "https://evil.example/" }),
    });
    expect(evil.headers.get("location")).toBe("/admin");
  });

  it("sends Arabic pages without the NUL bytes React 18.3 pads its stream chunks with", async () => {
    const lng = (await languageCookie.serialize("ar")).split(";")[0];
    for (const path of ["/", "/courses", "/privacy", "/signup"]) {
      const bytes = new Uint8Array(await (await server.request(path, { cookie: lng })).arrayBuffer());
      expect(bytes.length, path).toBeGreaterThan(4096);
      expect(bytes.includes(0), path).toBe(false);
      // Still valid UTF-8 throughout.
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), path).not.toThrow();
    }
  });

  it("re-sends the session cookie when the expiry slides forward", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const token = decodeURIComponent(cookie.split("=")[1]);
    const raw = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as string;
    await prisma.session.update({ where: { id: hashToken(raw) }, data: { expiresAt: new Date(Date.now() + 3 * 24 * 3600 * 1000) } });
    const res = await server.request("/learn", { cookie });
    expect(res.status).toBe(200);
    const renewed = res.headers.getSetCookie().find((c) => c.startsWith("maharat_session="));
    expect(renewed).toBeDefined();
    const expires = new Date(/Expires=([^;]+)/.exec(renewed ?? "")?.[1] ?? 0).getTime();
    expect(expires).toBeGreaterThan(Date.now() + 25 * 24 * 3600 * 1000);
  });

  it("re-sends a renewed session's cookie on any response, also an action's redirect", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const token = decodeURIComponent(cookie.split("=")[1]);
    const raw = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as string;
    await prisma.session.update({ where: { id: hashToken(raw) }, data: { expiresAt: new Date(Date.now() + 3 * 24 * 3600 * 1000) } });
    const res = await server.request("/set-language", { method: "POST", body: form({ language: "ar", redirectTo: "/learn" }), cookie });
    expect(res.status).toBe(302);
    const cookies = res.headers.getSetCookie();
    expect(cookies.filter((c) => c.startsWith("maharat_session="))).toHaveLength(1);
    expect(cookies.some((c) => c.startsWith("lng="))).toBe(true);
    const renewed = cookies.find((c) => c.startsWith("maharat_session=")) ?? "";
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: hashToken(raw) }, select: { expiresAt: true } });
    const expires = new Date(/Expires=([^;]+)/.exec(renewed)?.[1] ?? 0).getTime();
    expect(Math.abs(expires - stored.expiresAt.getTime())).toBeLessThan(1_000);
  });

  it("does not send the session cookie back on a request that did not renew it", async () => {
    const user = await createUser();
    const cookie = await sessionCookieHeader(user.id);
    const res = await server.request("/learn", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().filter((c) => c.startsWith("maharat_session="))).toEqual([]);
  });

  it("signs out every device from the sessions page", async () => {
    const user = await createUser();
    const here = await sessionCookieHeader(user.id);
    await sessionCookieHeader(user.id);
    const res = await server.request("/account/sessions", { method: "POST", body: form({ intent: "sign-out-everywhere" }), cookie: here });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?notice=signed-out-everywhere");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("completes a password reset from the e-mail link", async () => {
    await createUser({ email: "forgot@example.ma" });
    const asked = await server.request("/forgot-password", { method: "POST", body: form({ email: "forgot@example.ma" }) });
    expect(asked.status).toBe(200);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ select: { text: true } });
    const link = /http:\/\/localhost:\d+(\/reset-password\/[a-z2-7]+)/.exec(mail.text)?.[1] ?? "";
    expect(link).not.toBe("");
    expect((await server.request(link)).status).toBe(200);
    const mismatch = await server.request(link, { method: "POST", body: form({ password: "tout nouveau mdp", confirmPassword: "autre chose ici" }) });
    expect(mismatch.status).toBe(400);
    const done = await server.request(link, { method: "POST", body: form({ password: "tout nouveau mdp", confirmPassword: "tout nouveau mdp" }) });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?notice=password-reset");
    const login = await server.request("/login", { method: "POST", body: form({ email: "forgot@example.ma", password: "tout nouveau mdp" }) });
    expect(login.status).toBe(302);
  });
});
