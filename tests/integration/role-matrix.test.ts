import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { languageCookie } from "~/lib/i18n.server";
import type { Role } from "~/modules/accounts/roles";
import { prisma } from "~/lib/db.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { startTestServer } from "../setup/test-server";

type Actor = "anonymous" | Role;
type Expect = 200 | 403 | "login";

// Every protected page, and what each kind of account must get. "login" = redirected to /login.
// `ownCentre` is the centre the centre admin and instructor belong to; `otherCentre` belongs to somebody else.
const matrix: Array<{ path: string; expect: Record<Actor, Expect> }> = [
  { path: "/learn", expect: { anonymous: "login", LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/account", expect: { anonymous: "login", LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/account/password", expect: { anonymous: "login", LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/account/sessions", expect: { anonymous: "login", LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/teach", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 200, CENTRE_ADMIN: 403, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
  { path: "/centre", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 403, CENTRE_ADMIN: 200, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
  { path: "/centre/:ownCentre", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 403, CENTRE_ADMIN: 200, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
  { path: "/centre/:otherCentre", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 403, CENTRE_ADMIN: 403, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
  { path: "/employer", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 403, CENTRE_ADMIN: 403, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/admin", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 403, CENTRE_ADMIN: 403, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
  { path: "/reviews", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
  // The catalogue and course pages are public; lessons need an account; a locked course's lessons are for those
  // who hold its prerequisite, or staff previewing it.
  { path: "/courses", expect: { anonymous: 200, LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/courses/t2-course", expect: { anonymous: 200, LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/courses/t1-course/l1", expect: { anonymous: "login", LEARNER: 200, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 200, PLATFORM_ADMIN: 200 } },
  { path: "/courses/t2-course/l1", expect: { anonymous: "login", LEARNER: 403, INSTRUCTOR: 200, CENTRE_ADMIN: 200, EMPLOYER: 403, PLATFORM_ADMIN: 200 } },
];

const actors: Actor[] = ["anonymous", "LEARNER", "INSTRUCTOR", "CENTRE_ADMIN", "EMPLOYER", "PLATFORM_ADMIN"];

describe("role matrix: each role reaches what it must and is refused the rest", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const cookies = new Map<Actor, string | undefined>();
  const slugs = { ownCentre: "", otherCentre: "" };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  // Tables are emptied before each test, so the cast is rebuilt each time.
  beforeEach(async () => {
    await syncCurriculum({ prisma, curriculum: makeCurriculum() });
    const own = await createOrganisation({ kind: "TRAINING_CENTRE", name: "Centre A" });
    const other = await createOrganisation({ kind: "TRAINING_CENTRE", name: "Centre B" });
    slugs.ownCentre = own.slug;
    slugs.otherCentre = other.slug;
    cookies.set("anonymous", undefined);
    for (const role of actors.filter((a): a is Role => a !== "anonymous")) {
      const user = await createUser({ role, centreId: own.id });
      cookies.set(role, await sessionCookieHeader(user.id));
    }
  });

  for (const row of matrix) {
    it(`${row.path}`, async () => {
      const path = row.path.replace(":ownCentre", slugs.ownCentre).replace(":otherCentre", slugs.otherCentre);
      const seen: Record<string, string | number> = {};
      const expected: Record<string, string | number> = {};
      for (const actor of actors) {
        const res = await server.request(path, { cookie: cookies.get(actor) });
        const location = res.headers.get("location") ?? "";
        seen[actor] = res.status === 302 && location.startsWith("/login?redirectTo=") ? "login" : res.status;
        expected[actor] = row.expect[actor];
        await res.arrayBuffer();
      }
      expect(seen).toEqual(expected);
    });
  }

  it("a refused page explains itself in the reader's language", async () => {
    const lng = (await languageCookie.serialize("ar")).split(";")[0];
    const res = await server.request("/admin", { cookie: `${cookies.get("LEARNER")}; ${lng}` });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("الوصول مرفوض");
  });

  it("an unknown centre is a 404, not a 500", async () => {
    const res = await server.request("/centre/does-not-exist", { cookie: cookies.get("PLATFORM_ADMIN") });
    expect(res.status).toBe(404);
  });
});
