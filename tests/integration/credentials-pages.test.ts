// The learner's and the public credential pages over HTTP, through the production build (run `npm run build`
// first): /credentials and its downloads (JSON, baked PNG, PDF), the public page, and /verify (by id, pasted,
// uploaded, bulk CSV), in French unless said otherwise.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unbakePng } from "../../credentials/index";
import fr from "~/locales/fr.json";
import { formatDate } from "~/lib/i18n";
import { prisma } from "~/lib/db.server";
import { qrCodePng } from "~/modules/certification/badge-png.server";
import { issueCredentialForEvent, revokeCredential } from "~/modules/certification/issuer.server";
import { TEST_APP_URL, createCertifiedLearner, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { verifyIssuedCredential } from "~/modules/certification/verify.server";
import { createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

useCredentialTestEnv();

const text = fr.credentials;

const server = useTestServer();

/** Text as React writes it into HTML. */
function html(value: string) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

async function issuedCredential() {
  const { user, event } = await createCertifiedLearner();
  const result = await issueCredentialForEvent({ eventId: event.id });
  if (result.outcome !== "issued") throw new Error(result.outcome);
  const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: result.credentialId }, select: { id: true, json: true, statusListId: true } });
  return { user, cookie: await sessionCookieHeader(user.id), ...row };
}

function achievementName(json: unknown): string {
  const name = (json as { credentialSubject: { achievement: { name: string } } }).credentialSubject.achievement.name;
  expect(typeof name).toBe("string");
  return name;
}

/**
 * A cookie-less form post, as a visitor without an account sends it. No Origin header: here APP_URL
 * (https://maharat.test) differs from the test server's own address, which Remix compares the Origin with.
 */
function post(pathname: string, body: URLSearchParams | FormData) {
  return fetch(`${server.origin}${pathname}`, { method: "POST", body, redirect: "manual" });
}

function multipart(fields: Record<string, string | Blob>, fileName = "upload") {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") body.append(key, value);
    else body.append(key, value, fileName);
  }
  return body;
}

const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;

describe("/credentials (the learner's page)", () => {
  it("shows 'being issued' until the credential exists, then the credential with its actions", async () => {
    const { user, event } = await createCertifiedLearner();
    const cookie = await sessionCookieHeader(user.id);
    const before = await server.request("/credentials", { cookie });
    expect(before.status).toBe(200);
    const beforeHtml = await before.text();
    expect(beforeHtml).toContain(html(text.issuing.badge));
    expect(beforeHtml).toContain(html(text.issuing.body));

    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(issued.outcome);
    const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: issued.credentialId }, select: { id: true, json: true } });
    const page = await (await server.request("/credentials", { cookie })).text();
    expect(page).not.toContain(html(text.issuing.badge));
    expect(page).toContain(html(achievementName(row.json)));
    expect(page).toContain(html(text.status.valid));
    expect(page).toContain("Protection des données");
    expect(page).toContain(`href="/credentials/${row.id}.json?download"`);
    expect(page).toContain(`href="/credentials/${row.id}.png"`);
    expect(page).toContain(`href="/credentials/${row.id}.pdf?lng=fr"`);
    expect(page).toContain(`href="/credentials/${row.id}"`);
    expect(page).toContain(`value="${TEST_APP_URL}/credentials/${row.id}"`);
    const linkedIn = /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(page)?.[1].replace(/&amp;/g, "&");
    expect(linkedIn).toBeDefined();
    expect(Object.fromEntries(new URL(linkedIn ?? "").searchParams)).toMatchObject({
      startTask: "CERTIFICATION_NAME",
      name: achievementName(row.json),
      organizationName: "Maharat",
      issueYear: String(new Date().getUTCFullYear()),
      certUrl: `${TEST_APP_URL}/credentials/${row.id}`,
      certId: row.id,
    });

    // Another learner's page lists nothing of it; the dashboard links to the page.
    const other = await sessionCookieHeader((await createUser()).id);
    const otherPage = await (await server.request("/credentials", { cookie: other })).text();
    expect(otherPage).not.toContain(row.id);
    expect(otherPage).toContain(html(text.empty));
    expect(await (await server.request("/learn", { cookie })).text()).toContain('href="/credentials"');
    expect((await server.request("/credentials")).status).toBe(302);
  });

  it("downloads the signed JSON, which POST /credentials/verify accepts", async () => {
    const { id, json, cookie } = await issuedCredential();
    const res = await server.request(`/credentials/${id}.json?download`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="maharat-credential-${id}.json"`);
    const downloaded = await res.json();
    expect(downloaded).toEqual(json);
    const verified = await fetch(`${server.origin}/credentials/verify`, {
      method: "POST",
      body: JSON.stringify({ verifiableCredential: downloaded }),
      headers: { "Content-Type": "application/json" },
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ verified: true, errors: [], warnings: [] });
  });

  it("downloads a PNG badge with the same credential baked in", async () => {
    const { id, json, cookie } = await issuedCredential();
    const res = await server.request(`/credentials/${id}.png`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(JSON.parse(unbakePng(bytes) ?? "null")).toEqual(json);
  });

  it("downloads a PDF certificate naming the achievement, in French and in Arabic", async () => {
    const { id, json, cookie, user } = await issuedCredential();
    for (const lng of ["fr", "ar"]) {
      const res = await server.request(`/credentials/${id}.pdf?lng=${lng}`, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain("attachment");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
      if (!hasPdftotext) continue;
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "maharat-pdf-")), "certificate.pdf");
      fs.writeFileSync(file, bytes);
      const extracted = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" }).stdout;
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      // The achievement is named from the catalogue in the reader's language (the credential stays signed in its own).
      if (lng === "fr") expect(extracted).toContain(achievementName(json));
      expect(extracted).toContain(user.name);
      expect(extracted).toContain(id);
      if (lng === "ar") expect(extracted).toContain("امسح الرمز للتحقق من هذه الشهادة");
      else expect(extracted).toContain(text.pdf.scan);
    }
  });

  it("answers 404 to anyone but the owner for the PNG and PDF, and sends strangers to log in (the JSON is public: credential-links.test.ts)", async () => {
    const { id } = await issuedCredential();
    const other = await sessionCookieHeader((await createUser()).id);
    for (const extension of ["png", "pdf"]) {
      expect((await server.request(`/credentials/${id}.${extension}`, { cookie: other })).status, extension).toBe(404);
      const anonymous = await server.request(`/credentials/${id}.${extension}`);
      expect(anonymous.status, extension).toBe(302);
      expect(anonymous.headers.get("location")).toContain("/login");
    }
  });
});

describe("the public page and /verify", () => {
  it("shows a credential as valid by id, on /verify?id= and on its public page, without an account", async () => {
    const { id, json } = await issuedCredential();
    for (const pathname of [`/verify?id=${id}`, `/verify?id=${encodeURIComponent(`${TEST_APP_URL}/credentials/${id}`)}`, `/credentials/${id}`]) {
      const res = await server.request(pathname);
      expect(res.status, pathname).toBe(200);
      const page = await res.text();
      expect(page, pathname).toContain('data-status="valid"');
      expect(page, pathname).toContain(html(text.verify.headline.valid));
      expect(page, pathname).toContain(html(achievementName(json)));
      expect(page, pathname).toContain("Protection des données");
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await server.request(`/credentials/${unknown}`)).status).toBe(404);
    const missing = await server.request(`/verify?id=${unknown}`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(html(text.verify.notFound));
  });

  it("verifies a pasted credential; one changed character makes it invalid with the reason; garbage is a 400", async () => {
    const { json } = await issuedCredential();
    const valid = await post("/verify", form({ intent: "paste", credential: JSON.stringify(json) }));
    expect(valid.status).toBe(200);
    expect(await valid.text()).toContain('data-status="valid"');

    const tampered = JSON.stringify(json).replace('"86.6"', '"96.6"');
    expect(tampered).not.toBe(JSON.stringify(json));
    const expected = await verifyIssuedCredential(JSON.parse(tampered));
    const invalid = await post("/verify", form({ intent: "paste", credential: tampered }));
    expect(invalid.status).toBe(200);
    const invalidPage = await invalid.text();
    expect(invalidPage).toContain('data-status="invalid"');
    expect(invalidPage).toContain(html(text.verify.headline.invalid));
    expect(expected.errors.length).toBeGreaterThan(0);
    expect(invalidPage).toContain(html(expected.errors[0].message.fr));

    const cases: Array<[string, string]> = [
      ["not json{", text.verify.errors.not_json],
      ["   ", text.verify.errors.empty],
      ["[1, 2]", text.verify.errors.not_credential],
      [`{"a": "${"x".repeat(1_000_001)}"}`, text.verify.errors.too_large],
    ];
    for (const [credential, message] of cases) {
      const res = await post("/verify", form({ intent: "paste", credential }));
      expect(res.status, credential.slice(0, 20)).toBe(400);
      expect(await res.text()).toContain(html(message));
    }
    expect((await post("/verify", form({ intent: "nonsense" }))).status).toBe(400);
  });

  it("verifies an uploaded baked PNG or JSON file; a PNG without a credential or a damaged one is a 400", async () => {
    const { id, json, cookie } = await issuedCredential();
    const png = new Uint8Array(await (await server.request(`/credentials/${id}.png`, { cookie })).arrayBuffer());
    const fromPng = await post("/verify", multipart({ intent: "upload", file: new Blob([png], { type: "image/png" }) }, "badge.png"));
    expect(fromPng.status).toBe(200);
    expect(await fromPng.text()).toContain('data-status="valid"');
    const fromJson = await post("/verify", multipart({ intent: "upload", file: new Blob([JSON.stringify(json)], { type: "application/json" }) }, "c.json"));
    expect(fromJson.status).toBe(200);
    expect(await fromJson.text()).toContain('data-status="valid"');

    const plain = new Uint8Array(await qrCodePng("https://maharat.test"));
    const noCredential = await post("/verify", multipart({ intent: "upload", file: new Blob([plain], { type: "image/png" }) }, "plain.png"));
    expect(noCredential.status).toBe(400);
    expect(await noCredential.text()).toContain(html(text.verify.errors.png_no_credential));
    const damaged = png.slice(0, 60);
    const broken = await post("/verify", multipart({ intent: "upload", file: new Blob([damaged], { type: "image/png" }) }, "broken.png"));
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain(html(text.verify.errors.png_damaged));
    // The printed certificate says to scan its QR code rather than "not JSON".
    const pdf = new Uint8Array(await (await server.request(`/credentials/${id}.pdf`, { cookie })).arrayBuffer());
    const fromPdf = await post("/verify", multipart({ intent: "upload", file: new Blob([pdf], { type: "application/pdf" }) }, "certificate.pdf"));
    expect(fromPdf.status).toBe(400);
    expect(await fromPdf.text()).toContain(html(text.verify.errors.pdf_certificate));
    const huge = await post("/verify", multipart({ intent: "upload", file: new Blob([new Uint8Array(1_100_000)]) }, "big.json"));
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain(html(text.verify.errors.too_large));
  });

  it("shows a revoked credential as revoked, with the date", async () => {
    const { id, cookie } = await issuedCredential();
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    const { revokedAt } = await revokeCredential({ credentialId: id, actor: { userId: admin.id }, reason: "Fraude à l'examen" });
    const expectedLine = html(fr.credentials.revokedOn.replace("{{date}}", formatDate(revokedAt, "fr")));
    for (const pathname of [`/credentials/${id}`, `/verify?id=${id}`]) {
      const page = await (await server.request(pathname)).text();
      expect(page, pathname).toContain('data-status="revoked"');
      expect(page, pathname).toContain(html(text.verify.headline.revoked));
      expect(page, pathname).toContain(expectedLine);
    }
    const mine = await (await server.request("/credentials", { cookie })).text();
    expect(mine).toContain(expectedLine);
    expect(mine).toContain(html(text.status.revoked));
  });

  it("is right-to-left and in Arabic with ?lng=ar", async () => {
    const { id } = await issuedCredential();
    const page = await (await server.request(`/verify?lng=ar&id=${id}`)).text();
    expect(page).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"/);
    expect(page).toContain("هذه الشهادة صالحة");
    const empty = await (await server.request("/verify?lng=ar")).text();
    expect(empty).toMatch(/<html[^>]*dir="rtl"/);
    expect(empty).toContain("التحقق من شهادة");
  });

  it("checks a CSV of links in bulk: one row per link, and at most 200 rows", async () => {
    const first = await issuedCredential();
    const second = await issuedCredential();
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    await revokeCredential({ credentialId: second.id, actor: { userId: admin.id }, reason: "Erreur d'émission" });
    const csv = `nom,url\r\n${first.user.name},${TEST_APP_URL}/credentials/${first.id}\r\n${second.user.name},${TEST_APP_URL}/verify?id=${second.id}\r\n`;
    const res = await post("/verify", multipart({ intent: "bulk", csv: new Blob([csv], { type: "text/csv" }) }, "links.csv"));
    expect(res.status).toBe(200);
    const page = await res.text();
    const rows = [...page.matchAll(/<tr data-status="([a-z_]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(["valid", "revoked"]);
    expect(page).toContain(html(first.user.name));
    expect(page).toContain(html(second.user.name));

    const many = Array.from({ length: 205 }, () => "https://elsewhere.example/credentials/00000000-0000-4000-8000-000000000000").join("\n");
    const big = await (await post("/verify", multipart({ intent: "bulk", csv: new Blob([many]) }, "many.csv"))).text();
    expect([...big.matchAll(/<tr data-status="not_ours"/g)]).toHaveLength(200);
    expect(big).toContain(html(text.verify.bulk.truncated.replace("{{total}}", "205").replace("{{max}}", "200")));

    const empty = await post("/verify", multipart({ intent: "bulk", csv: new Blob(["\n\n"]) }, "empty.csv"));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(html(text.verify.errors.csv_empty));

    // Ten bulk checks an hour per address (three were made above); the eleventh is refused with a message.
    for (let i = 3; i < 10; i++) expect((await post("/verify", multipart({ intent: "bulk", csv: new Blob(["\n\n"]) }, "empty.csv"))).status).toBe(400);
    const refused = await post("/verify", multipart({ intent: "bulk", csv: new Blob([csv], { type: "text/csv" }) }, "links.csv"));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain(html(text.verify.errors.rate_limited));
  });

  it("leaves /credentials/status/…, /credentials/verify and /credentials/issue to their own routes", async () => {
    const { statusListId, json } = await issuedCredential();
    const list = await server.request(`/credentials/status/${statusListId}`);
    expect(list.status).toBe(200);
    expect(list.headers.get("content-type")).toContain("json");
    expect(await list.json()).toMatchObject({ type: ["VerifiableCredential", "BitstringStatusListCredential"] });
    const verify = await fetch(`${server.origin}/credentials/verify`, { method: "POST", body: JSON.stringify({ verifiableCredential: json }), headers: { "Content-Type": "application/json" } });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ verified: true });
    const issue = await fetch(`${server.origin}/credentials/issue`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(issue.status).toBe(401);
    for (const pathname of ["/credentials/verify", "/credentials/issue"]) {
      const page = await server.request(pathname);
      expect(await page.text(), pathname).not.toContain(html(text.publicPage.title));
    }
  });
});

describe("revoking from the public page", () => {
  it("platform admins see the form; a reason is required; the page then shows revoked; the learner cannot revoke", async () => {
    const { id, cookie: learnerCookie } = await issuedCredential();
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    const adminCookie = await sessionCookieHeader(admin.id);
    const page = `/credentials/${id}`;
    // Signed-in posts come, as behind a proxy, from APP_URL's origin and host: the server's Origin check compares
    // with APP_URL, Remix's own with the Host header.
    // (fetch cannot set Host, so node:http.)
    const signedPost = (cookie: string, body: Record<string, string>) =>
      new Promise<{ status: number; text: () => Promise<string> }>((resolve, reject) => {
        const payload = new URLSearchParams(body).toString();
        const request = http.request(`${server.origin}${page}`, {
          method: "POST",
          headers: {
            Cookie: cookie,
            Origin: new URL(TEST_APP_URL).origin,
            Host: new URL(TEST_APP_URL).host,
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(payload),
          },
        });
        request.on("response", (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text: async () => Buffer.concat(chunks).toString("utf8") }));
        });
        request.on("error", reject);
        request.end(payload);
      });

    expect(await (await server.request(page, { cookie: learnerCookie })).text()).not.toContain(html(text.revoke.submit));
    expect(await (await server.request(page, { cookie: adminCookie })).text()).toContain(html(text.revoke.submit));

    expect((await signedPost(learnerCookie, { reason: "Fraude à l'examen" })).status).toBe(403);
    const blank = await signedPost(adminCookie, { reason: " " });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain(html(text.revoke.errors.reason_required));
    expect(await prisma.issuedCredential.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });

    const done = await signedPost(adminCookie, { reason: "Fraude constatée à l'examen" });
    expect(done.status).toBe(302);
    expect(await prisma.issuedCredential.findUniqueOrThrow({ where: { id }, select: { revokeReason: true, revokedById: true } })).toEqual({
      revokeReason: "Fraude constatée à l'examen",
      revokedById: admin.id,
    });
    const after = await (await server.request(page, { cookie: adminCookie })).text();
    expect(after).not.toContain(html(text.revoke.submit));
    expect((await signedPost(adminCookie, { reason: "encore une fois" })).status).toBe(409);
  });
});
