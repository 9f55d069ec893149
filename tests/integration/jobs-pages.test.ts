// The employer's job-post journey over HTTP, as a browser without JavaScript does it (plain form posts), and the
// public board (run `npm run build` first).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { languageCookie } from "~/lib/i18n.server";
import { createEmployer, createJob, seedJobTaxonomy } from "~/modules/jobs/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { startTestServer } from "../setup/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let atlas: { id: string; name: string };
let recruiter: { id: string };
let session = "";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  await seedJobTaxonomy();
  atlas = await createEmployer({ name: "Atlas Agritech" });
  recruiter = await createUser({ role: "EMPLOYER", employerId: atlas.id, name: "Karim Tazi" });
  session = await sessionCookieHeader(recruiter.id);
});

async function withLanguage(cookie: string, lng: string) {
  return `${cookie}; ${(await languageCookie.serialize(lng)).split(";")[0]}`;
}

function body(values: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params;
}

/** The <input> tags of the page named `name` with value `value`. */
function inputTag(html: string, name: string, value: string) {
  return [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`name="${name}"`) && tag.includes(`value="${value}"`)) ?? "";
}

function isChecked(html: string, name: string, value: string) {
  return /\schecked=""/.test(inputTag(html, name, value));
}

const description = "Pilotage de l'irrigation goutte-à-goutte à partir des capteurs des parcelles, relation avec les agriculteurs.";

describe("the job-post form without JavaScript", () => {
  it("refuses an incomplete post with 400, messages in the reader's language (Arabic, right to left), and everything typed kept", async () => {
    const cookie = await withLanguage(session, "ar");
    const res = await server.request("/employer/jobs/new", {
      method: "POST",
      cookie,
      body: body({ intent: "publish", employerId: atlas.id, title: "Technicien irrigation Tiznit", description: "Trop court", workMode: "HYBRID", region: "", contractType: "CDD", languages: ["fr", "ber"], niceSkills: "ai-agriculture", minTier: "2" }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(html).toContain("لم يُحفظ العرض: يُرجى تصحيح الحقول المشار إليها أدناه.");
    expect(html).toContain("صِف المنصب في 30 حرفًا على الأقل.");
    expect(html).toContain("اختر جهة المنصب (أو العمل عن بعد).");
    expect(html).toContain("اختر كفاءة أساسية واحدة على الأقل.");
    // Nothing lost: text, radios, selects and checkboxes come back as they were sent.
    expect(inputTag(html, "title", "Technicien irrigation Tiznit")).not.toBe("");
    expect(html).toMatch(/<textarea[^>]*name="description"[^>]*>Trop court<\/textarea>/);
    expect(isChecked(html, "workMode", "HYBRID")).toBe(true);
    expect(isChecked(html, "languages", "ber")).toBe(true);
    expect(isChecked(html, "languages", "ar")).toBe(false);
    expect(isChecked(html, "niceSkills", "ai-agriculture")).toBe(true);
    expect(html).toMatch(/<option value="CDD" selected="">/);
    expect(html).toMatch(/<option value="2" selected="">/);
    expect(await prisma.jobPost.count()).toBe(0);
  });

  it("suggests skills from the pasted description: a form post that pre-ticks them and saves nothing", async () => {
    const res = await server.request("/employer/jobs/new", {
      method: "POST",
      cookie: session,
      body: body({ intent: "suggest", employerId: atlas.id, title: "Technicien·ne irrigation", description, workMode: "ON_SITE", region: "souss-massa", contractType: "CDI", languages: "fr" }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Compétences repérées dans votre texte par mots-clés :");
    // Suggestions are ticked as nice-to-have, never as required (the employer promotes what the job needs).
    expect(isChecked(html, "niceSkills", "agri-data")).toBe(true);
    expect(isChecked(html, "niceSkills", "ai-agriculture")).toBe(true);
    expect(isChecked(html, "requiredSkills", "agri-data")).toBe(false);
    expect(isChecked(html, "niceSkills", "ai-tourism")).toBe(false);
    expect(html).toContain(">Suggérée<");
    expect(inputTag(html, "title", "Technicien·ne irrigation")).not.toBe("");
    expect(html).toMatch(/<option value="souss-massa" selected="">/);
    expect(await prisma.jobPost.count()).toBe(0);
  });

  it("publishes, shows the post to the public, then closes it: gone from the board", async () => {
    const created = await server.request("/employer/jobs/new", {
      method: "POST",
      cookie: session,
      body: body({ intent: "publish", employerId: atlas.id, title: "Technicien·ne irrigation", description, workMode: "ON_SITE", region: "souss-massa", contractType: "PUBLIC_SERVICE", languages: ["fr", "dar"], requiredSkills: ["agri-data", "ai-agriculture"], niceSkills: "data-protection", minTier: "1" }),
    });
    expect(created.status).toBe(302);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/employer\/jobs\/[^/?]+\?done=published$/);
    const jobId = location.split("/")[3].split("?")[0];

    const employerPage = await (await server.request(location, { cookie: session })).text();
    expect(employerPage).toContain("Offre publiée : elle est visible sur le site.");
    // The ranked candidates' section: published, nobody on the job board yet.
    expect(employerPage).toContain('<section id="matches"');
    expect(employerPage).toContain("Aucun candidat n&#x27;a encore l&#x27;une des compétences de cette offre.");

    const board = await (await server.request("/jobs?region=souss-massa&contract=PUBLIC_SERVICE&skill=agri-data&q=IRRIGATION")).text();
    expect(board).toContain(`href="/jobs/${jobId}"`);
    expect(board).toContain("Fonction publique / collectivité");

    const page = await server.request(`/jobs/${jobId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Technicien·ne irrigation");
    expect(html).toContain("Atlas Agritech");
    expect(html).toContain("Souss-Massa");
    expect(html).toContain("Darija");
    expect(html).toContain("Niveau 1 — Fondamentaux de l&#x27;IA");
    for (const skill of ["agri-data", "ai-agriculture", "data-protection"]) expect(html).toContain(`href="/skills/${skill}"`);

    const closed = await server.request(`/employer/jobs/${jobId}`, { method: "POST", cookie: session, body: body({ intent: "close" }) });
    expect(closed.status).toBe(302);
    expect((await server.request(`/jobs/${jobId}`)).status).toBe(404);
    expect(await (await server.request("/jobs")).text()).not.toContain(`href="/jobs/${jobId}"`);
  });

  it("edits a post: the form opens with the saved values and a save keeps it published", async () => {
    const job = await createJob({ employerId: atlas.id, createdById: recruiter.id, required: ["agri-data"], nice: ["ai-data-analysis"], workMode: "HYBRID" });
    const form = await (await server.request(`/employer/jobs/${job.id}/edit`, { cookie: session })).text();
    expect(isChecked(form, "requiredSkills", "agri-data")).toBe(true);
    expect(isChecked(form, "niceSkills", "ai-data-analysis")).toBe(true);
    expect(isChecked(form, "workMode", "HYBRID")).toBe(true);
    expect(form).toContain("Enregistrer les modifications");
    const saved = await server.request(`/employer/jobs/${job.id}/edit`, {
      method: "POST",
      cookie: session,
      body: body({ intent: "save", title: "Analyste de données agricoles", description, workMode: "REMOTE", region: "", contractType: "FREELANCE", languages: "fr", requiredSkills: "ai-data-analysis" }),
    });
    expect(saved.status).toBe(302);
    expect(await prisma.jobPost.findUniqueOrThrow({ where: { id: job.id }, select: { title: true, status: true, workMode: true, region: true } })).toEqual({ title: "Analyste de données agricoles", status: "PUBLISHED", workMode: "REMOTE", region: null });
  });
});

describe("pages around the form", () => {
  it("/employer keeps its academy section and links to the jobs pages", async () => {
    const html = await (await server.request("/employer", { cookie: session })).text();
    expect(html).toContain('href="/employer/jobs"');
    expect(html).toContain("Académie interne");
  });

  it("/employer/jobs lists the employer's posts with their status and applications", async () => {
    const job = await createJob({ employerId: atlas.id, createdById: recruiter.id, title: "Chargé·e de données agricoles" });
    const draft = await createJob({ employerId: atlas.id, createdById: recruiter.id, title: "Brouillon interne", status: "DRAFT" });
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await prisma.jobApplication.createMany({ data: [{ jobId: job.id, userId: a.id }, { jobId: job.id, userId: b.id }] });
    const html = await (await server.request("/employer/jobs", { cookie: await withLanguage(session, "en") })).text();
    expect(html).toContain(`href="/employer/jobs/${job.id}"`);
    expect(html).toContain(`href="/employer/jobs/${draft.id}/edit"`);
    expect(html).toContain("2 applications");
    expect(html).toContain("Draft");
  });

  it("the public board and a public post render right to left in Arabic, with the labels in Arabic", async () => {
    const job = await createJob({ employerId: atlas.id, createdById: recruiter.id, contractType: "APPRENTICESHIP", nice: ["data-protection"] });
    const cookie = (await languageCookie.serialize("ar")).split(";")[0];
    const board = await (await server.request("/jobs", { cookie })).text();
    expect(board).toMatch(/<html lang="ar" dir="rtl"/);
    expect(board).toContain("التكوين بالتدرج المهني");
    const page = await (await server.request(`/jobs/${job.id}`, { cookie })).text();
    expect(page).toMatch(/<html lang="ar" dir="rtl"/);
    expect(page).toContain("سوس ماسة");
    expect(page).toContain("البيانات الفلاحية");
    expect(page).toContain("<bdi>Atlas Agritech</bdi>");
  });
});
