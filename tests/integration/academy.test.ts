// An employer runs an internal academy the same way as a training centre (run `npm run build` first).
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

const server = useTestServer();

describe("an employer's internal academy", () => {
  it("is opened by the employer's admin only, once, and run from /centre like any centre", async () => {
    const employer = await createOrganisation({ kind: "EMPLOYER", name: "Atlas Agritech SARL" });
    const admin = await createUser({ role: "EMPLOYER", employerId: employer.id });
    await prisma.membership.updateMany({ where: { userId: admin.id }, data: { role: "ADMIN" } });
    const recruiter = await createUser({ role: "EMPLOYER", employerId: employer.id });
    const outsider = await createUser({ role: "EMPLOYER" });
    const body = () => form({ employerId: employer.id, name: "Académie Atlas Agritech" });

    for (const user of [recruiter, outsider]) {
      const refused = await server.request("/employer", { method: "POST", body: body(), cookie: await sessionCookieHeader(user.id) });
      expect(refused.status).toBe(404);
    }
    expect(await prisma.organisation.count({ where: { ownerId: employer.id } })).toBe(0);

    const cookie = await sessionCookieHeader(admin.id);
    const created = await server.request("/employer", { method: "POST", body: body(), cookie });
    expect(created.status).toBe(302);
    const academy = await prisma.organisation.findFirstOrThrow({ where: { ownerId: employer.id }, select: { slug: true, kind: true, name: true } });
    expect(academy).toMatchObject({ kind: "TRAINING_CENTRE", name: "Académie Atlas Agritech" });
    expect(created.headers.get("location")).toBe(`/centre/${academy.slug}`);
    // A second click opens the same academy.
    const again = await server.request("/employer", { method: "POST", body: body(), cookie });
    expect(again.headers.get("location")).toBe(`/centre/${academy.slug}`);
    expect(await prisma.organisation.count({ where: { ownerId: employer.id } })).toBe(1);

    // Its admin (a fresh session: the roles come from the memberships) runs it like a centre.
    const page = await server.request(`/centre/${academy.slug}`, { cookie: await sessionCookieHeader(admin.id) });
    expect(page.status).toBe(200);
    expect(await (await server.request("/employer", { cookie })).text()).toContain(`href="/centre/${academy.slug}"`);
    const empty = await server.request("/employer", { method: "POST", body: form({ employerId: employer.id, name: " " }), cookie });
    expect(empty.status).toBe(400);
  });
});
