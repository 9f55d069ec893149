// The credential endpoints over HTTP, through the production build (run `npm run build` first): the DID document,
// status lists, and the W3C VC-API verify and issue calls made the way an outside client makes them (JSON, no
// cookies, no Origin header).
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { issueCredentialForEvent, revokeCredential } from "~/modules/certification/issuer.server";
import { getDidDocument } from "~/modules/certification/keys.server";
import { TEST_APP_URL, TEST_DID, createCertifiedLearner, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { useTestServer } from "../setup/test-server";

const API_TOKEN = "integration-token-for-tests-0123456789";
useCredentialTestEnv();
vi.stubEnv("CREDENTIALS_API_TOKEN", API_TOKEN);

const server = useTestServer();

/** A POST as an API client sends it: JSON, no cookies, no Origin. */
function post(pathname: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}${pathname}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers }, redirect: "manual" });
}

async function issuedCredential() {
  const { user, event } = await createCertifiedLearner();
  const result = await issueCredentialForEvent({ eventId: event.id });
  if (result.outcome !== "issued") throw new Error(result.outcome);
  const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: result.credentialId }, select: { id: true, json: true, statusListId: true } });
  return { user, ...row };
}

function unsignedCredential(issuer: string = TEST_DID) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Atelier IA",
    issuer: { id: issuer, type: ["Profile"], name: "Maharat", url: TEST_APP_URL },
    credentialSubject: {
      type: ["AchievementSubject"],
      id: "urn:uuid:6f1c2d7e-0000-4000-8000-000000000020",
      achievement: { id: `${TEST_APP_URL}/achievements/workshop`, type: ["Achievement"], name: "Atelier IA", description: "Participation.", criteria: { narrative: "Participer." } },
    },
  };
}

describe("GET /.well-known/did.json", () => {
  it("serves the issuer's DID document, briefly cacheable", async () => {
    const res = await server.request("/.well-known/did.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/did+ld+json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const document = await res.json();
    expect(document).toEqual(await getDidDocument());
    expect(document).toMatchObject({ id: TEST_DID, assertionMethod: [expect.stringMatching(/^did:web:maharat\.test#z6Mk/)] });
  });
});

describe("POST /credentials/verify", () => {
  it("answers 200 for one of our credentials (no cookies, no Origin needed)", async () => {
    const { json } = await issuedCredential();
    const res = await post("/credentials/verify", JSON.stringify({ verifiableCredential: json }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ verified: true, errors: [], warnings: [] });
  });

  it("answers 400 with coded, translated reasons for a tampered credential", async () => {
    const { json } = await issuedCredential();
    const tampered = JSON.parse(JSON.stringify(json).replace('"86.6"', '"96.6"'));
    const res = await post("/credentials/verify", JSON.stringify({ verifiableCredential: tampered }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ verified: false, warnings: [] });
    expect(body.errors).toEqual([expect.objectContaining({ code: "signature_invalid", message: { fr: expect.any(String), ar: expect.any(String), en: expect.any(String) } })]);
  });

  it("answers 400, never 500, for garbage", async () => {
    for (const body of ["{}", "not json{", "[]", "null", '{"verifiableCredential": 42}', '{"verifiableCredential": {"@context": "x"}}', ""]) {
      const res = await post("/credentials/verify", body);
      expect(res.status, body).toBe(400);
      const answer = await res.json();
      expect(answer.verified, body).toBe(false);
      expect(answer.errors.length, body).toBeGreaterThan(0);
      expect(answer.errors[0].message, body).toEqual({ fr: expect.any(String), ar: expect.any(String), en: expect.any(String) });
    }
  });

  it("reports a revoked credential as revoked", async () => {
    const { id, json } = await issuedCredential();
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    await revokeCredential({ credentialId: id, actor: { userId: admin.id }, reason: "Fraude" });
    const res = await post("/credentials/verify", JSON.stringify({ verifiableCredential: json }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { code: string }) => e.code)).toEqual(["revoked"]);
  });
});

describe("GET /credentials/status/:listId", () => {
  it("serves the signed status list, re-signed after a revocation", async () => {
    const { id, json, statusListId } = await issuedCredential();
    const url = `/credentials/status/${statusListId}`;
    expect(json).toMatchObject({ credentialStatus: { statusListCredential: `${TEST_APP_URL}${url}` } });
    const before = await server.request(url);
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toBe("public, max-age=60");
    const listBefore = await before.json();
    expect(listBefore).toMatchObject({ id: `${TEST_APP_URL}${url}`, issuer: TEST_DID, type: ["VerifiableCredential", "BitstringStatusListCredential"] });

    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    await revokeCredential({ credentialId: id, actor: { userId: admin.id }, reason: "Erreur" });
    const listAfter = await (await server.request(url)).json();
    expect(listAfter.credentialSubject.encodedList).not.toBe(listBefore.credentialSubject.encodedList);
    expect(listAfter.proof[0].proofValue).not.toBe(listBefore.proof[0].proofValue);

    expect((await server.request("/credentials/status/no-such-list")).status).toBe(404);
  });
});

describe("POST /credentials/issue", () => {
  const body = (credential: unknown) => JSON.stringify({ credential, options: {} });

  it("answers 401 without a token or session, and with a wrong token", async () => {
    const anonymous = await post("/credentials/issue", body(unsignedCredential()));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect((await post("/credentials/issue", body(unsignedCredential()), { Authorization: "Bearer wrong-token" })).status).toBe(401);
    expect(await prisma.issuedCredential.count()).toBe(0);
  });

  it("issues with the integration token: 201 with a credential that then verifies", async () => {
    const res = await post("/credentials/issue", body(unsignedCredential()), { Authorization: `Bearer ${API_TOKEN}` });
    expect(res.status).toBe(201);
    const { verifiableCredential } = await res.json();
    expect(verifiableCredential).toMatchObject({
      id: expect.stringMatching(new RegExp(`^${TEST_APP_URL}/credentials/`)),
      issuer: { id: TEST_DID },
      credentialStatus: { type: "BitstringStatusListEntry" },
      proof: [expect.objectContaining({ cryptosuite: "eddsa-rdfc-2022" })],
    });
    const verified = await post("/credentials/verify", JSON.stringify({ verifiableCredential }));
    expect(verified.status).toBe(200);
    expect(await prisma.issuedCredential.count({ where: { source: "api" } })).toBe(1);
  });

  it("answers 400 for a credential whose issuer is not ours, and for a body that is not JSON", async () => {
    const foreign = await post("/credentials/issue", body(unsignedCredential("did:web:elsewhere.example")), { Authorization: `Bearer ${API_TOKEN}` });
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toEqual({ errors: [{ code: "issuer_not_ours", message: expect.any(String) }] });
    expect((await post("/credentials/issue", "nope", { Authorization: `Bearer ${API_TOKEN}` })).status).toBe(400);
    expect((await post("/credentials/issue", "{}", { Authorization: `Bearer ${API_TOKEN}` })).status).toBe(400);
  });

  it("lets a signed-in platform admin issue (403 for anyone else)", async () => {
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    const learner = await createUser();
    // A browser call from our own pages carries the session cookie and our Origin.
    const asUser = (cookie: string) => post("/credentials/issue", body(unsignedCredential()), { Cookie: cookie, Origin: TEST_APP_URL });
    expect((await asUser(await sessionCookieHeader(learner.id))).status).toBe(403);
    const res = await asUser(await sessionCookieHeader(admin.id));
    expect(res.status).toBe(201);
    const row = await prisma.issuedCredential.findFirstOrThrow({ where: { source: "api" }, select: { issuedById: true } });
    expect(row.issuedById).toBe(admin.id);
  });
});
