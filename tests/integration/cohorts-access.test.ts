// Staff see only their own centre's cohorts and learners: every cohort page and action, for every kind of actor
// (run `npm run build` first). Centre X has cohorts A and B; centre Y is somebody else's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { form, startTestServer } from "../setup/test-server";

type Actor = "anonymous" | "learner" | "instructorA" | "instructorB" | "adminX" | "adminY" | "employer" | "platformAdmin";
const ACTORS: Actor[] = ["anonymous", "learner", "instructorA", "instructorB", "adminX", "adminY", "employer", "platformAdmin"];
type Outcome = 200 | 302 | 400 | 403 | 404 | "login";

let server: Awaited<ReturnType<typeof startTestServer>>;
const cookies = new Map<Actor, string | undefined>();
const ids = { x: "", y: "", a: "", b: "", learner: "", other: "", version: "" };

beforeAll(async () => {
  server = await startTestServer();
});

// Every test starts from empty tables (tests/setup/database.ts): the two centres and their people, afresh.
beforeEach(async () => {
  await syncCurriculum({ prisma, curriculum: makeCurriculum() });
  const x = await createOrganisation({ kind: "TRAINING_CENTRE", name: "ISTA Hay Riad" });
  const y = await createOrganisation({ kind: "TRAINING_CENTRE", name: "ISTA Agadir" });
  const a = await prisma.cohort.create({ data: { organisationId: x.id, name: "Cohorte A", courses: { create: [{ courseId: "t1-course", position: 0 }] } } });
  const b = await prisma.cohort.create({ data: { organisationId: x.id, name: "Cohorte B" } });
  const learner = await createUser({ name: "Salma Bennani" });
  const other = await createUser({ name: "Youssef Alami" });
  const instructorA = await createUser({ role: "INSTRUCTOR", centreId: x.id });
  const instructorB = await createUser({ role: "INSTRUCTOR", centreId: x.id });
  const adminX = await createUser({ role: "CENTRE_ADMIN", centreId: x.id });
  const adminY = await createUser({ role: "CENTRE_ADMIN", centreId: y.id });
  const employer = await createUser({ role: "EMPLOYER" });
  const platformAdmin = await createUser({ role: "PLATFORM_ADMIN" });
  await prisma.cohortMember.createMany({
    data: [
      { cohortId: a.id, userId: learner.id, role: "LEARNER" },
      { cohortId: a.id, userId: other.id, role: "LEARNER" },
      { cohortId: a.id, userId: instructorA.id, role: "INSTRUCTOR" },
      { cohortId: b.id, userId: instructorB.id, role: "INSTRUCTOR" },
    ],
  });
  const version = await prisma.examVersion.findFirstOrThrow({ where: { courseId: "t1-course" }, select: { id: true } });
  Object.assign(ids, { x: x.slug, y: y.slug, a: a.id, b: b.id, learner: learner.id, other: other.id, version: version.id });
  cookies.set("anonymous", undefined);
  for (const [actor, user] of [
    ["learner", learner],
    ["instructorA", instructorA],
    ["instructorB", instructorB],
    ["adminX", adminX],
    ["adminY", adminY],
    ["employer", employer],
    ["platformAdmin", platformAdmin],
  ] as const) {
    cookies.set(actor, await sessionCookieHeader(user.id));
  }
});

afterAll(async () => {
  await server.close();
});

function outcome(res: Response): Outcome {
  const location = res.headers.get("location") ?? "";
  if (res.status === 302 && location.startsWith("/login?redirectTo=")) return "login";
  if (res.status === 200 || res.status === 302 || res.status === 400 || res.status === 403 || res.status === 404) return res.status;
  throw new Error(`unexpected ${res.status} ${location}`);
}

const base = () => `/centre/${ids.x}/cohorts/${ids.a}`;

// What each actor gets. Reading pages ("teach"): the centre's admins, the cohort's own instructors, platform admins.
const TEACH: Record<Actor, Outcome> = {
  anonymous: "login",
  learner: 403,
  instructorA: 200,
  instructorB: 403,
  adminX: 200,
  adminY: 403,
  employer: 403,
  platformAdmin: 200,
};
// Managing ("manage"): the centre's admins and platform admins only.
const MANAGE: Record<Actor, Outcome> = { ...TEACH, instructorA: 403 };

describe("cohort pages (GET)", () => {
  const pages: Array<{ path: () => string; expect: Record<Actor, Outcome> }> = [
    { path: () => `/centre/${ids.x}`, expect: MANAGE },
    { path: () => base(), expect: TEACH },
    { path: () => `${base()}?status=behind&q=salma`, expect: TEACH },
    { path: () => `${base()}/summary`, expect: TEACH },
    { path: () => `${base()}/export.csv`, expect: TEACH },
    { path: () => `${base()}/enrol`, expect: MANAGE },
    { path: () => `${base()}/settings`, expect: MANAGE },
    { path: () => `/exam-analysis/${ids.version}?cohort=${ids.a}`, expect: TEACH },
    { path: () => `/exam-analysis/${ids.version}/csv?cohort=${ids.a}`, expect: TEACH },
  ];
  for (const page of pages) {
    it(page.path().replace(/\/centre\/[^/?]*/, "/centre/:x").replace(/cohorts\/[^/?]*/, "cohorts/:a").replace(/exam-analysis\/[^/?]*/, "exam-analysis/:v").replace(/cohort=.*/, "cohort=:a"), async () => {
      const seen: Partial<Record<Actor, Outcome>> = {};
      for (const actor of ACTORS) {
        const res = await server.request(page.path(), { cookie: cookies.get(actor) });
        seen[actor] = outcome(res);
        await res.arrayBuffer();
      }
      expect(seen).toEqual(page.expect);
    });
  }

  it("a cohort asked for under another centre's address is a 404 for everybody, platform admins included", async () => {
    for (const actor of ["adminX", "adminY", "instructorA", "platformAdmin"] as const) {
      for (const suffix of ["", "/summary", "/export.csv", "/enrol", "/settings"]) {
        const res = await server.request(`/centre/${ids.y}/cohorts/${ids.a}${suffix}`, { cookie: cookies.get(actor) });
        expect(res.status, `${actor} ${suffix}`).toBe(404);
        await res.arrayBuffer();
      }
    }
    const unknown = await server.request(`/centre/${ids.x}/cohorts/nope`, { cookie: cookies.get("adminX") });
    expect(unknown.status).toBe(404);
  });

  it("the export lists the cohort's learners, nobody else's", async () => {
    const res = await server.request(`${base()}/export.csv`, { cookie: cookies.get("instructorA") });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain("Salma Bennani");
    expect(csv).toContain("Youssef Alami");
    expect(csv.slice(1).trim().split("\r\n")).toHaveLength(3);
  });

  it("uses the separator the reader's Excel expects, semicolon in French and Arabic, comma in English, with a choice", async () => {
    const header = async (headers: Record<string, string>, query = "") => {
      const res = await server.request(`${base()}/export.csv${query}`, { cookie: cookies.get("instructorA"), headers });
      return (await res.text()).replace(/^\uFEFF/, "").split("\r\n")[0] ?? "";
    };
    expect(await header({ "Accept-Language": "fr" })).toMatch(/^Nom;/);
    expect((await header({ "Accept-Language": "ar" })).split(";").length).toBeGreaterThan(5);
    expect((await header({ "Accept-Language": "en" })).split(",").length).toBeGreaterThan(5);
    expect((await header({ "Accept-Language": "fr" }, "?sep=comma")).split(",").length).toBeGreaterThan(5);
    const page = await server.request(base(), { cookie: cookies.get("instructorA"), headers: { "Accept-Language": "fr" } });
    const html = await page.text();
    expect(html).toContain(`export.csv?sep=semicolon`);
    expect(html).toContain(`export.csv?sep=comma`);
  });
});

describe("cohort actions (POST)", () => {
  /** Posts as `actor` and reports the outcome; the state is checked by the callers. */
  async function post(actor: Actor, path: string, body: URLSearchParams | FormData) {
    const res = await server.request(path, { method: "POST", body, cookie: cookies.get(actor) });
    await res.arrayBuffer();
    return outcome(res);
  }

  it("reminders: the cohort's instructors and the centre's admins", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) {
      // A fresh learner each time, so the 24-hour cooldown never hides a refusal behind a no-op.
      const fresh = await createUser();
      await prisma.cohortMember.create({ data: { cohortId: ids.a, userId: fresh.id, role: "LEARNER" } });
      seen[actor] = await post(actor, base(), form({ intent: "remind", userId: fresh.id }));
      const sent = await prisma.cohortReminder.count({ where: { userId: fresh.id } });
      expect(sent, actor).toBe(seen[actor] === 302 ? 1 : 0);
      await prisma.cohortMember.delete({ where: { cohortId_userId: { cohortId: ids.a, userId: fresh.id } } });
    }
    expect(seen).toEqual({ ...TEACH, instructorA: 302, adminX: 302, platformAdmin: 302 });
  });

  it("removing and moving learners: the centre's admins only", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) {
      const fresh = await createUser();
      await prisma.cohortMember.create({ data: { cohortId: ids.a, userId: fresh.id, role: "LEARNER" } });
      seen[actor] = await post(actor, base(), form({ intent: "move", userId: fresh.id, toCohortId: ids.b }));
      const inB = await prisma.cohortMember.count({ where: { cohortId: ids.b, userId: fresh.id } });
      expect(inB, actor).toBe(seen[actor] === 302 ? 1 : 0);
      const removed = await post(actor, base(), form({ intent: "remove", userId: fresh.id }));
      if (seen[actor] !== 302) {
        expect(removed, actor).toBe(seen[actor]);
        expect(await prisma.cohortMember.count({ where: { cohortId: ids.a, userId: fresh.id } })).toBe(1);
      }
    }
    expect(seen).toEqual({ ...MANAGE, adminX: 302, platformAdmin: 302 });
  });

  it("a learner of another cohort cannot be acted on through this one", async () => {
    const outsider = await createUser();
    await prisma.cohortMember.create({ data: { cohortId: ids.b, userId: outsider.id, role: "LEARNER" } });
    expect(await post("adminX", base(), form({ intent: "remove", userId: outsider.id }))).toBe(400);
    expect(await prisma.cohortMember.count({ where: { cohortId: ids.b, userId: outsider.id } })).toBe(1);
  });

  it("settings, windows and instructors: the centre's admins only", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) {
      seen[actor] = await post(actor, `${base()}/settings`, form({ intent: "window", courseId: "t1-course", opensAt: "2026-12-01T09:00", closesAt: "2026-12-01T11:00" }));
      if (seen[actor] === 302) await prisma.cohortExamWindow.deleteMany({ where: { cohortId: ids.a } });
      else expect(await prisma.cohortExamWindow.count({ where: { cohortId: ids.a } }), actor).toBe(0);
    }
    expect(seen).toEqual({ ...MANAGE, adminX: 302, platformAdmin: 302 });
  });

  it("CSV enrolment: the centre's admins only; nothing is written for anyone else", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) {
      const email = `csv-${actor.toLowerCase()}@example.ma`;
      const body = new FormData();
      body.append("intent", "import");
      body.append("csv", `name;email\nNadia Amrani;${email}\n`);
      seen[actor] = await post(actor, `${base()}/enrol`, body);
      const created = await prisma.user.count({ where: { email } });
      // The import answers with its result page (200), naming any rejected rows.
      expect(created, actor).toBe(seen[actor] === 200 ? 1 : 0);
    }
    expect(seen).toEqual({ ...MANAGE, adminX: 200, platformAdmin: 200 });
  });

  it("creating a cohort and inviting staff: the centre's admins only", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) {
      seen[actor] = await post(actor, `/centre/${ids.x}`, form({ intent: "create-cohort", name: `Promo ${actor}`, startsOn: "", endsOn: "", courseIds: "t1-course" }));
      expect(await prisma.cohort.count({ where: { name: `Promo ${actor}` } }), actor).toBe(seen[actor] === 302 ? 1 : 0);
      const invited = await post(actor, `/centre/${ids.x}`, form({ intent: "invite-staff", name: "Karim Idrissi", email: `staff-${actor.toLowerCase()}@example.ma`, role: "INSTRUCTOR" }));
      expect(invited, actor).toBe(seen[actor]);
    }
    expect(seen).toEqual({ ...MANAGE, adminX: 302, platformAdmin: 302 });
  });

  it("creating a centre: platform admins only", async () => {
    const seen: Partial<Record<Actor, Outcome>> = {};
    for (const actor of ACTORS) {
      seen[actor] = await post(actor, "/admin", form({ name: `Centre ${actor}`, city: "Oujda", website: "", adminName: "Hind Berrada", adminEmail: `head-${actor.toLowerCase()}@example.ma` }));
      expect(await prisma.organisation.count({ where: { name: `Centre ${actor}` } }), actor).toBe(seen[actor] === 302 ? 1 : 0);
    }
    expect(seen).toEqual({ anonymous: "login", learner: 403, instructorA: 403, instructorB: 403, adminX: 403, adminY: 403, employer: 403, platformAdmin: 302 });
  });
});
