// What the cohort dashboard shows and does, over HTTP (run `npm run build` first): standings, filters, the
// "remind everyone behind" button, bad input, and the Arabic page.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { languageCookie } from "~/lib/i18n.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { form, useTestServer } from "../setup/test-server";

const server = useTestServer();

const DAY = 86_400_000;
let path = "";
let cookie = "";
const people = { idle: "", active: "", fresh: "" };

beforeEach(async () => {
  await syncCurriculum({ prisma, curriculum: makeCurriculum() });
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "ISTA Tétouan" });
  const admin = await createUser({ role: "CENTRE_ADMIN", centreId: centre.id });
  const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Promo 2026", courses: { create: [{ courseId: "t1-course", position: 0 }] } } });
  // No dates on the cohort: "behind" means idle for more than 14 days.
  const idle = await createUser({ name: "Omar Idle", email: "omar@example.ma" });
  const active = await createUser({ name: "Amina Active", email: "amina@example.ma" });
  const fresh = await createUser({ name: "Nouveau Arrivé", email: "nouveau@example.ma" });
  await prisma.cohortMember.createMany({
    data: [
      { cohortId: cohort.id, userId: idle.id, role: "LEARNER", enrolledAt: new Date(Date.now() - 40 * DAY) },
      { cohortId: cohort.id, userId: active.id, role: "LEARNER", enrolledAt: new Date(Date.now() - 40 * DAY) },
      { cohortId: cohort.id, userId: fresh.id, role: "LEARNER" },
    ],
  });
  const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: "t1-course" }, select: { id: true } });
  await prisma.lessonProgress.create({ data: { userId: active.id, lessonId: lesson.id, completedAt: new Date(Date.now() - DAY) } });
  path = `/centre/${centre.slug}/cohorts/${cohort.id}`;
  cookie = await sessionCookieHeader(admin.id);
  Object.assign(people, { idle: idle.id, active: active.id, fresh: fresh.id });
});

describe("the cohort dashboard", () => {
  it("shows each learner's standing and filters by status and text", async () => {
    const page = await (await server.request(path, { cookie })).text();
    expect(page).toMatch(/Omar Idle[\s\S]*?data-status="behind"/);
    expect(page).toMatch(/Amina Active[\s\S]*?data-status="in_progress"/);
    expect(page).toMatch(/Nouveau Arrivé[\s\S]*?data-status="not_started"/);
    const behind = await (await server.request(`${path}?status=behind`, { cookie })).text();
    expect(behind).toContain("Omar Idle");
    expect(behind).not.toContain("Amina Active");
    const search = await (await server.request(`${path}?q=AMINA`, { cookie })).text();
    expect(search).toContain("Amina Active");
    expect(search).not.toContain("Omar Idle");
  });

  it("counts nobody as behind before the day the centre sets in the settings, and says which rule applies", async () => {
    expect(await (await server.request(path, { cookie })).text()).toContain("14 jours après l’inscription");
    const later = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    const saved = await server.request(`${path}/settings`, {
      method: "POST",
      body: form({ intent: "details", name: "Promo 2026", startsOn: "", endsOn: "", behindFrom: later, courseIds: "t1-course" }),
      cookie,
    });
    expect(saved.status).toBe(302);
    const page = await (await server.request(path, { cookie })).text();
    expect(page).toMatch(/Omar Idle[\s\S]*?data-status="not_started"/);
    expect(page).not.toContain('data-status="behind"');
    expect(page).toContain("Les retards comptent à partir du");
    const settings = await (await server.request(`${path}/settings`, { cookie })).text();
    expect(settings).toContain(`value="${later}"`);
    const bad = await server.request(`${path}/settings`, {
      method: "POST",
      body: form({ intent: "details", name: "Promo 2026", behindFrom: "31/12/2026", courseIds: "t1-course" }),
      cookie,
    });
    expect(bad.status).toBe(400);
    // From the chosen day on, the usual rules apply again.
    await prisma.cohort.updateMany({ where: { name: "Promo 2026" }, data: { behindFrom: new Date(Date.now() - DAY) } });
    expect(await (await server.request(path, { cookie })).text()).toMatch(/Omar Idle[\s\S]*?data-status="behind"/);
  });

  it("reminds everyone behind in one click, once a day", async () => {
    const first = await server.request(path, { method: "POST", body: form({ intent: "remind-behind" }), cookie });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toContain("done=reminded");
    const mails = await prisma.outboxEmail.findMany({ select: { to: true, text: true } });
    expect(mails.map((m) => m.to)).toEqual(["omar@example.ma"]);
    expect(mails[0].text).toContain("Promo 2026");
    await server.request(path, { method: "POST", body: form({ intent: "remind-behind" }), cookie });
    expect(await prisma.outboxEmail.count()).toBe(1);
    expect(await prisma.cohortReminder.count({ where: { userId: people.idle } })).toBe(1);
  });

  it("answers bad input with a 400 and a message in the reader's language, and keeps everything", async () => {
    const lng = (await languageCookie.serialize("ar")).split(";")[0];
    const none = await server.request(path, { method: "POST", body: form({ intent: "remove" }), cookie: `${cookie}; ${lng}` });
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("حدّد متعلمًا واحدًا على الأقل من هذا الفوج.");
    const noReason = await server.request(path, { method: "POST", body: form({ intent: "accommodate", userId: people.idle, examSlug: "t1-final", timeFactor: "1.5", extraAttempts: "0", reason: "" }), cookie });
    expect(noReason.status).toBe(400);
    expect(await prisma.examAccommodation.count()).toBe(0);
    expect(await prisma.cohortMember.count({ where: { role: "LEARNER" } })).toBe(3);
  });

  it("grants an accommodation to several learners at once, with the reason", async () => {
    const body = form({ intent: "accommodate", examSlug: "t1-final", timeFactor: "1.5", extraAttempts: "1", reason: "Tiers-temps (dyslexie)" });
    body.append("userId", people.idle);
    body.append("userId", people.fresh);
    const res = await server.request(path, { method: "POST", body, cookie });
    expect(res.status).toBe(302);
    const grants = await prisma.examAccommodation.findMany({ select: { userId: true, timeFactor: true, extraAttempts: true, reason: true } });
    expect(grants.map((g) => g.userId).sort()).toEqual([people.idle, people.fresh].sort());
    expect(grants.every((g) => g.timeFactor === 1.5 && g.extraAttempts === 1 && g.reason === "Tiers-temps (dyslexie)")).toBe(true);
  });

  it("renders right to left in Arabic, with the charts", async () => {
    const lng = (await languageCookie.serialize("ar")).split(";")[0];
    const html = await (await server.request(path, { cookie: `${cookie}; ${lng}` })).text();
    expect(html).toMatch(/<html[^>]*dir="rtl"/);
    expect(html).toContain("نظرة سريعة");
    expect(html).toContain('role="img"');
  });
});
