// Every URL written into an issued credential resolves on the platform (run `npm run build` first): the credential
// id (page for people, signed JSON-LD for machines by content negotiation), the achievement (page and JSON-LD),
// the skill pages, the co-branding centre, the status list; in French and Arabic.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { issueCredentialForEvent } from "~/modules/certification/issuer.server";
import { TEST_APP_URL, createCertifiedLearner, useCredentialTestEnv } from "~/modules/certification/test-fixtures";
import { createOrganisation } from "../factories";
import { useTestServer } from "../setup/test-server";

useCredentialTestEnv();

const server = useTestServer();

type Alignment = { targetUrl: string; targetCode: string; targetFramework: string };
type IssuedJson = {
  id: string;
  credentialStatus: { statusListCredential: string };
  credentialSubject: {
    achievement: { id: string; name: string; inLanguage: string; alignment: Alignment[] } & Record<string, unknown>;
    source?: { id: string; name: string };
  };
};

/** A learner of a centre's cohort passes; the credential the worker issues, with the centre. */
async function issuedWithCentre(locale = "fr") {
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "Institut Spécialisé de Technologie Appliquée – Agadir" });
  const { user, event } = await createCertifiedLearner({ locale });
  const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: `Promo ${user.id}` } });
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: user.id, role: "LEARNER" } });
  const result = await issueCredentialForEvent({ eventId: event.id });
  if (result.outcome !== "issued") throw new Error(result.outcome);
  const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: result.credentialId }, select: { id: true, json: true } });
  return { centre, id: row.id, json: row.json as unknown as IssuedJson };
}

/** The path on the test server of a URL written into a credential (ids use APP_URL's origin). */
function local(url: string) {
  expect(url.startsWith(`${TEST_APP_URL}/`)).toBe(true);
  return url.slice(TEST_APP_URL.length);
}

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("the URLs inside an issued credential", () => {
  it("the credential id: its page for a browser, the signed document (303) for a JSON-LD client", async () => {
    const { id, json } = await issuedWithCentre();
    const page = await server.request(local(json.id), { headers: { Accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("vary")).toContain("Accept");

    const negotiated = await server.request(local(json.id), { headers: { Accept: "application/ld+json" } });
    expect(negotiated.status).toBe(303);
    expect(negotiated.headers.get("location")).toBe(`/credentials/${id}.json`);
    const doc = await server.request(`/credentials/${id}.json`, { headers: { Accept: "application/ld+json" } });
    expect(doc.status).toBe(200);
    expect(doc.headers.get("content-type")).toContain("application/ld+json");
    expect(doc.headers.get("access-control-allow-origin")).toBe("*");
    expect(doc.headers.get("content-disposition")).toBeNull();
    expect(await doc.json()).toEqual(json);

    const download = await server.request(`/credentials/${id}.json?download`);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="maharat-credential-${id}.json"`);
    expect((await server.request("/credentials/00000000-0000-4000-8000-000000000000.json")).status).toBe(404);
    expect((await server.request("/credentials/not-a-uuid.json")).status).toBe(404);
  });

  it("the achievement id: a page in the reader's language, and the same Achievement the credential embeds as JSON-LD", async () => {
    const { json } = await issuedWithCentre();
    const achievementId = json.credentialSubject.achievement.id;
    const page = await server.request(local(achievementId), { headers: { Accept: BROWSER_ACCEPT, "Accept-Language": "fr" } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(json.credentialSubject.achievement.name.replace(/'/g, "&#x27;"));
    expect(body).toContain("Compétences certifiées");

    const negotiated = await server.request(local(achievementId), { headers: { Accept: "application/ld+json", "Accept-Language": "fr" } });
    expect(negotiated.status).toBe(303);
    const location = negotiated.headers.get("location") ?? "";
    const doc = await server.request(location, { headers: { "Accept-Language": "fr" } });
    expect(doc.status).toBe(200);
    expect(doc.headers.get("access-control-allow-origin")).toBe("*");
    const { "@context": contexts, ...achievement } = (await doc.json()) as Record<string, unknown>;
    expect(contexts).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    // The credential was issued in French (the learner's locale): the French document is the embedded achievement.
    expect(achievement).toEqual(json.credentialSubject.achievement);

    expect((await server.request("/achievements/no-such-course")).status).toBe(404);
    expect((await server.request("/achievements/no-such-course.json")).status).toBe(404);
  });

  it("the achievement page renders right-to-left in Arabic, with the Arabic achievement", async () => {
    const { json } = await issuedWithCentre("ar");
    expect(json.credentialSubject.achievement.inLanguage).toBe("ar");
    const page = await server.request(`${local(json.credentialSubject.achievement.id)}?lng=ar`);
    const body = await page.text();
    expect(page.status).toBe(200);
    expect(body).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"/);
    expect(body).toContain(json.credentialSubject.achievement.name);
    expect(body).toContain("المهارات المُصادق عليها");
  });

  it("each skill alignment that is ours opens the skill's page; ESCO ones point to ESCO", async () => {
    const { json } = await issuedWithCentre();
    const alignments = json.credentialSubject.achievement.alignment;
    expect(alignments.length).toBeGreaterThan(0);
    for (const alignment of alignments) {
      if (alignment.targetFramework === "ESCO") {
        expect(alignment.targetUrl).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
        const page = await server.request(`/skills/${encodeURIComponent(alignment.targetCode)}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(alignment.targetUrl);
      } else {
        const page = await server.request(local(alignment.targetUrl));
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(alignment.targetCode);
      }
    }
    expect((await server.request("/skills/no-such-skill")).status).toBe(404);
  });

  it("the co-branding centre and the status list resolve; employers are not public", async () => {
    const { centre, json } = await issuedWithCentre();
    const source = json.credentialSubject.source;
    expect(source).toMatchObject({ name: centre.name });
    const page = await server.request(local(source?.id ?? ""));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Institut Spécialisé de Technologie Appliquée – Agadir");
    const status = await server.request(local(json.credentialStatus.statusListCredential));
    expect(status.status).toBe(200);

    const employer = await createOrganisation({ kind: "EMPLOYER" });
    expect((await server.request(`/organisations/${employer.id}`)).status).toBe(404);
  });
});
