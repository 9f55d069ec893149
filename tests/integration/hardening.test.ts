// The security issue's reproduction lines, each over HTTP through the production build: a freeze by an oversized
// proof, poisoned reset links, open redirects, and inputs that used to end in a 500.
import http from "node:http";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { issueCredentialForEvent } from "~/modules/certification/issuer.server";
import { createCertifiedLearner, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { createUser, TEST_PASSWORD } from "../factories";
import { cookiesFrom, form, useTestServer } from "../setup/test-server";

const API_TOKEN = "hardening-token-for-tests-0123456789";
// No APP_URL: the Origin check then expects the test server's own origin, as on a newcomer's machine.
useCredentialTestEnv({ appUrl: null });
vi.stubEnv("CREDENTIALS_API_TOKEN", API_TOKEN);

const server = useTestServer();

/** A raw HTTP/1.1 request, for what fetch refuses to send (a Host header, TRACE). */
function rawRequest({ method, path, headers = {}, body }: { method: string; path: string; headers?: Record<string, string>; body?: string }) {
  const { hostname, port } = new URL(server.origin);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function signedCredential() {
  const { event } = await createCertifiedLearner();
  const result = await issueCredentialForEvent({ eventId: event.id });
  if (result.outcome !== "issued") throw new Error(result.outcome);
  const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: result.credentialId }, select: { json: true } });
  return row.json as Record<string, unknown>;
}

function verifyPost(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}/credentials/verify`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...headers },
  });
}

describe("public verification cannot freeze the server", () => {
  it("refuses a 900,000-character proof value with a 400 naming the limit, and 2,000 copies of a proof", async () => {
    const credential = await signedCredential();
    const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
    const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    const huge = `z${Array.from({ length: 900_000 }, (_, i) => alphabet[(i * 7) % 58]).join("")}`;
    const res = await verifyPost({ verifiableCredential: { ...credential, proof: [{ ...proofs[0], proofValue: huge }] } }, { Authorization: `Bearer ${API_TOKEN}` });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.verified).toBe(false);
    expect(body.errors.map((e: { code: string }) => e.code)).toEqual(["too_large"]);

    const copies = await verifyPost({ verifiableCredential: { ...credential, proof: Array.from({ length: 2_000 }, () => proofs[0]) } }, { Authorization: `Bearer ${API_TOKEN}` });
    expect(copies.status).toBe(400);
    expect((await copies.json()).errors.map((e: { code: string }) => e.code)).toEqual(["too_large"]);

    // The genuine credential still verifies.
    const genuine = await verifyPost({ verifiableCredential: credential }, { Authorization: `Bearer ${API_TOKEN}` });
    expect(genuine.status).toBe(200);
  });

  it("rate-limits POST /credentials/verify per address, but never the API token", async () => {
    vi.stubEnv("VERIFY_RATE_LIMIT_PER_MINUTE", "3");
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await verifyPost({ verifiableCredential: { nope: true } });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        await res.arrayBuffer();
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
      const withToken = await verifyPost({ verifiableCredential: { nope: true } }, { Authorization: `Bearer ${API_TOKEN}` });
      expect(withToken.status).toBe(400);
      // The /verify page's paste form shares the same budget per address.
      const paste = await server.request("/verify", { method: "POST", body: form({ intent: "paste", credential: "{}" }) });
      expect(paste.status).toBe(429);
    } finally {
      vi.stubEnv("VERIFY_RATE_LIMIT_PER_MINUTE", "60");
    }
  });
});

describe("links never take their host from the request", () => {
  it("sends a reset link to APP_URL, not to the Host header", async () => {
    vi.stubEnv("APP_URL", "https://maharat.test");
    await createUser({ email: "poison@example.ma" });
    const res = await rawRequest({
      method: "POST",
      path: "/forgot-password",
      headers: { Host: "evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=poison%40example.ma",
    });
    expect(res.status).toBeLessThan(500);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "poison@example.ma" }, select: { text: true } });
    expect(mail.text).not.toContain("evil.example");
    expect(mail.text).toContain("https://maharat.test/reset-password/");
    vi.stubEnv("APP_URL", undefined);
  });

  it("without APP_URL, uses a loopback address the server listens on", async () => {
    {
      await createUser({ email: "poison2@example.ma" });
      await rawRequest({
        method: "POST",
        path: "/forgot-password",
        headers: { Host: "evil.example", "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=poison2%40example.ma",
      });
      const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "poison2@example.ma" }, select: { text: true } });
      expect(mail.text).not.toContain("evil.example");
      expect(mail.text).toMatch(/http:\/\/localhost:\d+\/reset-password\//);
    }
  });

  it("refuses to issue credentials in production without APP_URL, unless allowed", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SEED_DEMO", "false");
    try {
      const { event } = await createCertifiedLearner();
      await expect(issueCredentialForEvent({ eventId: event.id })).rejects.toMatchObject({ code: "app_url_missing" });
      expect(await prisma.certificationEvent.findUniqueOrThrow({ where: { id: event.id }, select: { processedAt: true } })).toEqual({ processedAt: null });
      vi.stubEnv("ALLOW_LOOPBACK_CREDENTIAL_IDS", "true");
      expect((await issueCredentialForEvent({ eventId: event.id })).outcome).toBe("issued");
    } finally {
      vi.stubEnv("NODE_ENV", "test");
      vi.stubEnv("SEED_DEMO", undefined);
      vi.stubEnv("ALLOW_LOOPBACK_CREDENTIAL_IDS", undefined);
    }
  });
});

describe("no open redirect", () => {
  it.each(["/\t/evil.example", "/\t\\evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"])(
    "logs in and stays on the site for redirectTo=%j",
    async (redirectTo) => {
      const email = `redirect-${Math.random().toString(36).slice(2)}@example.ma`;
      await createUser({ email });
      const res = await server.request("/login", { method: "POST", body: form({ email, password: TEST_PASSWORD, redirectTo }) });
      expect(res.status).toBe(302);
      const location = res.headers.get("location") ?? "";
      expect(new URL(location, server.origin).origin).toBe(server.origin);
    },
  );

  it("keeps /set-language on the site too", async () => {
    const res = await server.request("/set-language", { method: "POST", body: form({ language: "ar", redirectTo: "/\t/evil.example" }) });
    expect(new URL(res.headers.get("location") ?? "", server.origin).origin).toBe(server.origin);
  });
});

describe("bad input gets a 4xx, never a 5xx", () => {
  it("refuses a NUL byte in a path, a query value and a form field", async () => {
    for (const path of ["/courses/%00", "/courses?q=%00", "/jobs/abc%00def", "/credentials/%00"]) {
      const res = await server.request(path);
      expect([path, res.status]).toEqual([path, 400]);
    }
    const login = await server.request("/login", { method: "POST", body: "email=a%00b%40example.ma&password=x" , headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain("NUL");
  });

  it("answers 415 to JSON or text sent to a form action, and 400 to a broken multipart body", async () => {
    const json = await server.request("/login", { method: "POST", body: JSON.stringify({ email: "x" }), headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(415);
    const text = await server.request("/signup", { method: "POST", body: "hello", headers: { "Content-Type": "text/plain" } });
    expect(text.status).toBe(415);
    const multipart = await server.request("/login", {
      method: "POST",
      body: "--XYZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nbroken",
      headers: { "Content-Type": "multipart/form-data; boundary=XYZ" },
    });
    expect(multipart.status).toBe(400);
  });

  it("signs up with a redirectTo holding CR/LF and non-Latin-1 characters", async () => {
    const res = await server.request("/signup", {
      method: "POST",
      body: form({ name: "Imane", email: "imane-crlf@example.ma", password: "une phrase assez longue", consent: "on", language: "fr", redirectTo: "/courses\r\nX: y?q=ذكاء" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/coursesX:%20y?q=%D8%B0%D9%83%D8%A7%D8%A1");
  });

  it("refuses, without a 500, an Origin that differs from X-Forwarded-Host", async () => {
    const res = await rawRequest({
      method: "POST",
      path: "/login",
      headers: { Origin: server.origin, "X-Forwarded-Host": "other.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.ma&password=x",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("answers TRACE with 405", async () => {
    const res = await rawRequest({ method: "TRACE", path: "/" });
    expect(res.status).toBe(405);
  });

  it("still reads a bodiless POST as an empty form (log out)", async () => {
    const user = await createUser({ email: "bodiless@example.ma" });
    const login = await server.request("/login", { method: "POST", body: form({ email: user.email, password: TEST_PASSWORD }) });
    const res = await server.request("/logout", { method: "POST", cookie: cookiesFrom(login) });
    expect(res.status).toBe(302);
  });
});
