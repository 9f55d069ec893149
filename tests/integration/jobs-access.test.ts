// Who may create, edit, publish and close an employer's job posts, and who sees a post: every jobs page and action
// for every kind of actor (run `npm run build` first). Atlas is the employer under test; Tiznit is another one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createEmployer, createJob, seedJobTaxonomy } from "~/modules/jobs/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { form, startTestServer } from "../setup/test-server";

type Actor = "anonymous" | "learner" | "otherEmployer" | "ownRecruiter" | "ownAdmin" | "platformAdmin";
const ACTORS: Actor[] = ["anonymous", "learner", "otherEmployer", "ownRecruiter", "ownAdmin", "platformAdmin"];
type Outcome = 200 | 302 | 400 | 403 | 404 | "login";

let server: Awaited<ReturnType<typeof startTestServer>>;
const cookies = new Map<Actor, string | undefined>();
const ids = { atlas: "", tiznit: "", author: "", draft: "", published: "", closed: "" };

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

// Every test starts from empty tables: the taxonomy, the two employers, their people and posts, afresh.
beforeEach(async () => {
  await seedJobTaxonomy();
  const atlas = await createEmployer({ name: "Atlas Agritech" });
  const tiznit = await createEmployer({ name: "Commune de Tiznit", employerType: "LOCAL_GOVERNMENT" });
  const learner = await createUser();
  const otherEmployer = await createUser({ role: "EMPLOYER", employerId: tiznit.id });
  const ownRecruiter = await createUser({ role: "EMPLOYER", employerId: atlas.id });
  const ownAdmin = await createUser();
  await prisma.membership.create({ data: { userId: ownAdmin.id, organisationId: atlas.id, role: "ADMIN" } });
  const platformAdmin = await createUser({ role: "PLATFORM_ADMIN" });
  const draft = await createJob({ employerId: atlas.id, createdById: ownRecruiter.id, status: "DRAFT" });
  const published = await createJob({ employerId: atlas.id, createdById: ownRecruiter.id, status: "PUBLISHED" });
  const closed = await createJob({ employerId: atlas.id, createdById: ownRecruiter.id, status: "CLOSED" });
  Object.assign(ids, { atlas: atlas.id, tiznit: tiznit.id, author: ownRecruiter.id, draft: draft.id, published: published.id, closed: closed.id });
  cookies.set("anonymous", undefined);
  for (const [actor, user] of [
    ["learner", learner],
    ["otherEmployer", otherEmployer],
    ["ownRecruiter", ownRecruiter],
    ["ownAdmin", ownAdmin],
    ["platformAdmin", platformAdmin],
  ] as const) {
    cookies.set(actor, await sessionCookieHeader(user.id));
  }
});

function outcome(res: Response): Outcome {
  const location = res.headers.get("location") ?? "";
  if (res.status === 302 && location.startsWith("/login?redirectTo=")) return "login";
  if (res.status === 200 || res.status === 302 || res.status === 400 || res.status === 403 || res.status === 404) return res.status;
  throw new Error(`unexpected ${res.status} ${location}`);
}

// Employer-side pages of one post: its employer's members and platform admins; another employer's post is a 404
// (looked up with the member's employers in the `where`), a learner is refused (403), a visitor logs in.
const OWN_POST: Record<Actor, Outcome> = { anonymous: "login", learner: 403, otherEmployer: 404, ownRecruiter: 200, ownAdmin: 200, platformAdmin: 200 };
// Pages of the employer area itself: anyone recruiting for some employer (they see their own employers' posts).
const EMPLOYER_AREA: Record<Actor, Outcome> = { ...OWN_POST, otherEmployer: 200 };
const PUBLIC: Record<Actor, Outcome> = { anonymous: 200, learner: 200, otherEmployer: 200, ownRecruiter: 200, ownAdmin: 200, platformAdmin: 200 };
// A draft or closed post's public page: a 404 for the public, a preview for the post's own people.
const PREVIEW: Record<Actor, Outcome> = { anonymous: 404, learner: 404, otherEmployer: 404, ownRecruiter: 200, ownAdmin: 200, platformAdmin: 200 };

describe("jobs pages (GET)", () => {
  const pages: Array<{ name: string; path: () => string; expect: Record<Actor, Outcome> }> = [
    { name: "/employer/jobs", path: () => "/employer/jobs", expect: EMPLOYER_AREA },
    { name: "/employer/jobs/new", path: () => "/employer/jobs/new", expect: EMPLOYER_AREA },
    { name: "/employer/jobs/:draft", path: () => `/employer/jobs/${ids.draft}`, expect: OWN_POST },
    { name: "/employer/jobs/:published", path: () => `/employer/jobs/${ids.published}`, expect: OWN_POST },
    { name: "/employer/jobs/:closed", path: () => `/employer/jobs/${ids.closed}`, expect: OWN_POST },
    { name: "/employer/jobs/:draft/edit", path: () => `/employer/jobs/${ids.draft}/edit`, expect: OWN_POST },
    { name: "/employer/jobs/:closed/edit", path: () => `/employer/jobs/${ids.closed}/edit`, expect: OWN_POST },
    { name: "/jobs", path: () => "/jobs", expect: PUBLIC },
    { name: "/jobs/:published", path: () => `/jobs/${ids.published}`, expect: PUBLIC },
    { name: "/jobs/:draft", path: () => `/jobs/${ids.draft}`, expect: PREVIEW },
    { name: "/jobs/:closed", path: () => `/jobs/${ids.closed}`, expect: PREVIEW },
  ];
  for (const page of pages) {
    it(page.name, async () => {
      const seen: Partial<Record<Actor, Outcome>> = {};
      for (const actor of ACTORS) {
        const res = await server.request(page.path(), { cookie: cookies.get(actor) });
        seen[actor] = outcome(res);
        await res.arrayBuffer();
      }
      expect(seen).toEqual(page.expect);
    });
  }

  it("an unknown post is a 404 for everybody who may use the employer area", async () => {
    for (const actor of ["ownRecruiter", "platformAdmin"] as const) {
      for (const path of ["/employer/jobs/nope", "/employer/jobs/nope/edit", "/jobs/nope"]) {
        const res = await server.request(path, { cookie: cookies.get(actor) });
        expect(res.status, `${actor} ${path}`).toBe(404);
        await res.arrayBuffer();
      }
    }
  });
});

describe("jobs actions (POST)", () => {
  async function post(actor: Actor, path: string, body: URLSearchParams) {
    const res = await server.request(path, { method: "POST", body, cookie: cookies.get(actor) });
    await res.arrayBuffer();
    return outcome(res);
  }

  const validPost = (extra: Record<string, string> = {}) => {
    const body = form({
      title: "Technicien·ne irrigation",
      description: "Pilotage de l'irrigation goutte-à-goutte à partir des capteurs de nos parcelles.",
      workMode: "ON_SITE",
      region: "souss-massa",
      contractType: "CDD",
      languages: "fr",
      requiredSkills: "agri-data",
      minTier: "",
      ...extra,
    });
    return body;
  };

  it("create (publish) for Atlas: its members and platform admins; another employer's recruiter is refused", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) seen[actor] = await post(actor, "/employer/jobs/new", validPost({ intent: "publish", employerId: ids.atlas }));
    expect(seen).toEqual({ anonymous: "login", learner: 403, otherEmployer: 403, ownRecruiter: 302, ownAdmin: 302, platformAdmin: 302 });
    expect(await prisma.jobPost.count({ where: { title: "Technicien·ne irrigation", employerId: ids.atlas } })).toBe(3);
    expect(await prisma.jobPost.count({ where: { title: "Technicien·ne irrigation", employerId: ids.tiznit } })).toBe(0);
  });

  it("edit (save), publish and close a post: its employer's members and platform admins only", async () => {
    const actions: Array<{ name: string; path: (jobId: string) => string; body: () => URLSearchParams; status: "DRAFT" | "PUBLISHED"; after: "DRAFT" | "PUBLISHED" | "CLOSED" }> = [
      { name: "save", path: (id) => `/employer/jobs/${id}/edit`, body: () => validPost({ intent: "save" }), status: "DRAFT", after: "DRAFT" },
      { name: "publish from the form", path: (id) => `/employer/jobs/${id}/edit`, body: () => validPost({ intent: "publish" }), status: "DRAFT", after: "PUBLISHED" },
      { name: "close from the form", path: (id) => `/employer/jobs/${id}/edit`, body: () => form({ intent: "close" }), status: "PUBLISHED", after: "CLOSED" },
      { name: "publish from the post's page", path: (id) => `/employer/jobs/${id}`, body: () => form({ intent: "publish" }), status: "DRAFT", after: "PUBLISHED" },
      { name: "close from the post's page", path: (id) => `/employer/jobs/${id}`, body: () => form({ intent: "close" }), status: "PUBLISHED", after: "CLOSED" },
    ];
    for (const action of actions) {
      const seen: Partial<Record<Actor, Outcome>> = {};
      for (const actor of ACTORS) {
        // A fresh post each time, so a refusal is never hidden behind an earlier actor's change.
        const job = await createJob({ employerId: ids.atlas, createdById: ids.author, status: action.status, title: "Avant" });
        seen[actor] = await post(actor, action.path(job.id), action.body());
        const { status } = await prisma.jobPost.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } });
        expect(status, `${action.name} by ${actor}`).toBe(seen[actor] === 302 ? action.after : action.status);
      }
      expect(seen, action.name).toEqual({ anonymous: "login", learner: 403, otherEmployer: 404, ownRecruiter: 302, ownAdmin: 302, platformAdmin: 302 });
    }
  });

  it("a closed post refuses every change (409), and its form is not offered", async () => {
    for (const body of [validPost({ intent: "save" }), form({ intent: "close" })]) {
      const res = await server.request(`/employer/jobs/${ids.closed}/edit`, { method: "POST", body, cookie: cookies.get("ownRecruiter") });
      expect(res.status).toBe(409);
      await res.arrayBuffer();
    }
    const res = await server.request(`/employer/jobs/${ids.closed}`, { method: "POST", body: form({ intent: "publish" }), cookie: cookies.get("ownRecruiter") });
    expect(res.status).toBe(409);
    await res.arrayBuffer();
    const page = await server.request(`/employer/jobs/${ids.closed}/edit`, { cookie: cookies.get("ownRecruiter") });
    expect(await page.text()).not.toContain('name="title"');
  });
});
