import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Role } from "~/modules/accounts/roles";
import { createUser } from "../../../tests/factories";
import { DEMO_EMPLOYER_SLUG, DEMO_JOBS, seedDemoJobs } from "./demo.server";
import { handleJobForm } from "./job-form.server";
import { changeJobStatus, createJobPost, JobError, listEmployerJobs, loadJobTaxonomy, updateJobPost } from "./jobs.server";
import { getJobPage, listPublishedJobs, readJobFilters } from "./public.server";
import type { JobPostInput } from "./schemas";
import { createLocalSkillSuggester } from "./skill-suggester.server";
import { CONTENT_SKILLS, createEmployer, createJob, seedJobTaxonomy } from "./test-fixtures";

const input: JobPostInput = {
  title: "Chargé·e de données agricoles",
  description: "Collecter les données des parcelles et préparer des tableaux de bord d'irrigation.",
  workMode: "HYBRID",
  region: "souss-massa",
  contractType: "CDI",
  languages: ["fr", "dar"],
  requiredSkills: ["agri-data", "ai-data-analysis"],
  niceSkills: ["data-protection"],
  minTier: 2,
};

const employerRoles: Role[] = ["LEARNER", "EMPLOYER"];
let atlas: { id: string };
let souss: { id: string };
let recruiter: { id: string; roles: Role[] };
let outsider: { id: string; roles: Role[] };
let admin: { id: string; roles: Role[] };

beforeEach(async () => {
  await seedJobTaxonomy();
  atlas = await createEmployer({ name: "Atlas Agritech" });
  souss = await createEmployer({ name: "Commune de Tiznit", employerType: "LOCAL_GOVERNMENT" });
  recruiter = { id: (await createUser({ role: "EMPLOYER", employerId: atlas.id })).id, roles: employerRoles };
  outsider = { id: (await createUser({ role: "EMPLOYER", employerId: souss.id })).id, roles: employerRoles };
  admin = { id: (await createUser({ role: "PLATFORM_ADMIN" })).id, roles: ["LEARNER", "PLATFORM_ADMIN"] };
});

async function skillsOf(jobId: string) {
  const rows = await prisma.jobSkill.findMany({ where: { jobId }, select: { skillId: true, required: true }, orderBy: { skillId: "asc" } });
  return rows.map((r) => `${r.skillId}:${r.required ? "required" : "nice"}`);
}

describe("writing posts", () => {
  it("creates a draft or a published post for the recruiter's own employer, with its skills", async () => {
    const draft = await createJobPost({ user: recruiter, employerId: atlas.id, input, publish: false });
    const live = await createJobPost({ user: recruiter, employerId: atlas.id, input, publish: true });
    const rows = await prisma.jobPost.findMany({ where: { id: { in: [draft.id, live.id] } }, select: { id: true, status: true, publishedAt: true, createdById: true, region: true, minTier: true } });
    expect(rows.find((r) => r.id === draft.id)).toMatchObject({ status: "DRAFT", publishedAt: null, createdById: recruiter.id, region: "souss-massa", minTier: 2 });
    expect(rows.find((r) => r.id === live.id)?.publishedAt).toBeInstanceOf(Date);
    expect(await skillsOf(draft.id)).toEqual(["agri-data:required", "ai-data-analysis:required", "data-protection:nice"]);
  });

  it("refuses to post for another employer; a platform admin may post for any employer", async () => {
    await expect(createJobPost({ user: outsider, employerId: atlas.id, input, publish: true })).rejects.toMatchObject({ code: "employer_forbidden", status: 403 });
    await expect(createJobPost({ user: admin, employerId: "no-such-org", input, publish: true })).rejects.toBeInstanceOf(JobError);
    const byAdmin = await createJobPost({ user: admin, employerId: atlas.id, input, publish: true });
    expect(byAdmin.status).toBe("PUBLISHED");
  });

  it("saves over a post, replacing its skills, and keeps the first publication date", async () => {
    const job = await createJobPost({ user: recruiter, employerId: atlas.id, input, publish: true });
    const { publishedAt } = await prisma.jobPost.findUniqueOrThrow({ where: { id: job.id }, select: { publishedAt: true } });
    await updateJobPost({ job: { id: job.id, status: "PUBLISHED" }, input: { ...input, title: "Analyste de données agricoles", requiredSkills: ["agri-data"], niceSkills: [] }, command: "save" });
    const saved = await prisma.jobPost.findUniqueOrThrow({ where: { id: job.id }, select: { title: true, status: true, publishedAt: true } });
    expect(saved).toEqual({ title: "Analyste de données agricoles", status: "PUBLISHED", publishedAt });
    expect(await skillsOf(job.id)).toEqual(["agri-data:required"]);
  });

  it("publishes and closes; a closed post refuses every change, even one that raced the close", async () => {
    const job = await createJobPost({ user: recruiter, employerId: atlas.id, input, publish: false });
    await changeJobStatus({ job: { id: job.id, status: "DRAFT" }, command: "publish" });
    await changeJobStatus({ job: { id: job.id, status: "PUBLISHED" }, command: "close" });
    const closed = await prisma.jobPost.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, publishedAt: true, closedAt: true } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.publishedAt).toBeInstanceOf(Date);
    expect(closed.closedAt).toBeInstanceOf(Date);
    await expect(changeJobStatus({ job: { id: job.id, status: "CLOSED" }, command: "publish" })).rejects.toMatchObject({ code: "closed" });
    // The page was loaded while the post was still published: the write notices it was closed meanwhile.
    await expect(updateJobPost({ job: { id: job.id, status: "PUBLISHED" }, input, command: "save" })).rejects.toMatchObject({ code: "closed", status: 409 });
    expect(await skillsOf(job.id)).toEqual(["agri-data:required", "ai-data-analysis:required", "data-protection:nice"]);
  });
});

describe("the form's server half", () => {
  const taxonomy = () => loadJobTaxonomy({ language: "fr" });
  function formData(values: Record<string, string | string[]>) {
    const form = new FormData();
    for (const [name, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    return form;
  }

  it("suggests skills without saving anything, keeping every typed value and pre-ticking the suggestions", async () => {
    const outcome = await handleJobForm({
      formData: formData({
        intent: "suggest",
        employerId: atlas.id,
        title: "Technicien·ne irrigation",
        description: "Pilotage de l'irrigation à partir des capteurs ; relation avec les agriculteurs en darija.",
        workMode: "ON_SITE",
        region: "souss-massa",
        contractType: "CDD",
        languages: ["fr", "dar"],
        niceSkills: ["ai-agriculture"],
        requiredSkills: ["prompting"],
        minTier: "1",
      }),
      user: recruiter,
      job: null,
      taxonomy: await taxonomy(),
      suggester: createLocalSkillSuggester(),
    });
    expect(outcome.kind).toBe("form");
    if (outcome.kind !== "form") return;
    expect(outcome.status).toBe(200);
    const { values, suggestion, errors } = outcome.payload;
    expect(errors).toEqual({});
    expect(suggestion?.source).toBe("local");
    expect(suggestion?.skillIds).toEqual(expect.arrayContaining(["ai-agriculture", "agri-data"]));
    expect(values).toMatchObject({ title: "Technicien·ne irrigation", region: "souss-massa", contractType: "CDD", languages: ["fr", "dar"], minTier: "1" });
    // Already ticked stays ticked; suggestions are never pre-ticked as required: they are added as nice-to-have.
    expect(values.requiredSkills).toEqual(["prompting"]);
    expect(values.niceSkills).toContain("agri-data");
    expect(values.niceSkills).toContain("ai-agriculture");
    expect(await prisma.jobPost.count()).toBe(0);
  });

  it("answers 400 with the typed values and the problems, and writes nothing", async () => {
    const outcome = await handleJobForm({
      formData: formData({ intent: "publish", employerId: atlas.id, title: "Analyste", description: "Trop court", workMode: "ON_SITE", contractType: "CDI", languages: "fr", requiredSkills: ["agri-data", "forged"] }),
      user: recruiter,
      job: null,
      taxonomy: await taxonomy(),
    });
    expect(outcome).toMatchObject({
      kind: "form",
      status: 400,
      payload: {
        values: { title: "Analyste", description: "Trop court", requiredSkills: ["agri-data", "forged"] },
        errors: { description: ["employerJobs.errors.description_too_short"], region: ["employerJobs.errors.region_required"], requiredSkills: ["employerJobs.errors.skill_unknown"] },
      },
    });
    expect(await prisma.jobPost.count()).toBe(0);
  });

  it("publishes a valid form and sends the employer to the post's page", async () => {
    const outcome = await handleJobForm({
      formData: formData({ intent: "publish", employerId: atlas.id, title: input.title, description: input.description, workMode: "REMOTE", region: "", contractType: "FREELANCE", languages: ["fr"], requiredSkills: ["agri-data"], minTier: "" }),
      user: recruiter,
      job: null,
      taxonomy: await taxonomy(),
    });
    const job = await prisma.jobPost.findFirstOrThrow({ select: { id: true, status: true, workMode: true, region: true, minTier: true } });
    expect(outcome).toEqual({ kind: "redirect", to: `/employer/jobs/${job.id}?done=published` });
    expect(job).toMatchObject({ status: "PUBLISHED", workMode: "REMOTE", region: null, minTier: null });
  });
});

describe("the employer's list", () => {
  it("shows the user's employers only, with counts of live applications", async () => {
    const own = await createJob({ employerId: atlas.id, createdById: recruiter.id });
    await createJob({ employerId: souss.id, createdById: outsider.id, title: "Agent·e d'accueil" });
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    await prisma.jobApplication.createMany({
      data: [
        { jobId: own.id, userId: a.id },
        { jobId: own.id, userId: b.id },
        { jobId: own.id, userId: c.id, status: "WITHDRAWN" },
      ],
    });
    const mine = await listEmployerJobs({ user: recruiter });
    expect(mine.map((e) => e.name)).toEqual(["Atlas Agritech"]);
    expect(mine[0].jobs).toEqual([expect.objectContaining({ id: own.id, status: "PUBLISHED", applications: 2 })]);
    const all = await listEmployerJobs({ user: admin });
    expect(all.flatMap((e) => e.jobs)).toHaveLength(2);
  });
});

describe("the public board", () => {
  it("lists published posts only, newest first, with every filter", async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, n));
    const agri = await createJob({ employerId: atlas.id, createdById: recruiter.id, publishedAt: day(3), nice: ["ai-data-analysis"] });
    const remote = await createJob({ employerId: atlas.id, createdById: recruiter.id, title: "Annotateur·rice darija", workMode: "REMOTE", region: null, contractType: "FREELANCE", required: ["data-annotation"], publishedAt: day(2) });
    const commune = await createJob({ employerId: souss.id, createdById: outsider.id, title: "Agent·e d'accueil numérique", description: "Accueil des usagers de la commune, démarches en ligne.", region: "souss-massa", contractType: "PUBLIC_SERVICE", required: ["ai-public-services"], publishedAt: day(1) });
    await createJob({ employerId: atlas.id, createdById: recruiter.id, title: "Brouillon", status: "DRAFT" });
    await createJob({ employerId: atlas.id, createdById: recruiter.id, title: "Ancienne offre", status: "CLOSED" });

    const list = async (query: string) => (await listPublishedJobs({ filters: readJobFilters(new URLSearchParams(query)), language: "fr" })).jobs.map((j) => j.id);
    expect(await list("")).toEqual([agri.id, remote.id, commune.id]);
    expect(await list("region=souss-massa")).toEqual([agri.id, commune.id]);
    expect(await list("region=remote")).toEqual([remote.id]);
    expect(await list("contract=PUBLIC_SERVICE")).toEqual([commune.id]);
    expect(await list("skill=ai-data-analysis")).toEqual([agri.id]);
    // Text search ignores case and accents, and reads the employer's name and the skills' labels too.
    expect(await list("q=USAGERS")).toEqual([commune.id]);
    expect(await list("q=tiznit")).toEqual([commune.id]);
    expect(await list("q=donnees agricoles")).toEqual([agri.id]);
    expect(await list("q=البيانات الفلاحية")).toEqual([agri.id]);
    expect(await list("q=brouillon")).toEqual([]);
    // Unknown filter values are ignored, not errors.
    expect(await list("region=paris&contract=X&skill=../../etc")).toEqual([agri.id, remote.id, commune.id]);

    const first = (await listPublishedJobs({ filters: readJobFilters(new URLSearchParams()), language: "ar" })).jobs[0];
    expect(first).toMatchObject({ employerName: "Atlas Agritech", employerType: "SME", regionLabel: "سوس ماسة", contractType: "CDI", requiredSkills: [{ id: "agri-data", label: "البيانات الفلاحية" }] });
  });

  it("pages through results", async () => {
    for (let i = 0; i < 23; i++) await createJob({ employerId: atlas.id, createdById: recruiter.id, title: `Offre ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    const page = async (query: string) => listPublishedJobs({ filters: readJobFilters(new URLSearchParams(query)), language: "fr" });
    expect(await page("")).toMatchObject({ total: 23, pageCount: 2 });
    expect((await page("page=2")).jobs.map((j) => j.title)).toEqual(["Offre 2", "Offre 1", "Offre 0"]);
    expect((await page("q=offre&page=2")).jobs).toHaveLength(3);
  });

  it("shows a draft or closed post only to its employer's members and platform admins", async () => {
    const draft = await createJob({ employerId: atlas.id, createdById: recruiter.id, status: "DRAFT" });
    const closed = await createJob({ employerId: atlas.id, createdById: recruiter.id, status: "CLOSED" });
    const live = await createJob({ employerId: atlas.id, createdById: recruiter.id, nice: ["data-protection"], minTier: 2 });
    for (const jobId of [draft.id, closed.id]) {
      expect(await getJobPage({ jobId, viewer: null, language: "fr" })).toBeNull();
      expect(await getJobPage({ jobId, viewer: outsider, language: "fr" })).toBeNull();
      expect(await getJobPage({ jobId, viewer: recruiter, language: "fr" })).toMatchObject({ isPreview: true });
      expect(await getJobPage({ jobId, viewer: admin, language: "fr" })).toMatchObject({ isPreview: true });
    }
    expect(await getJobPage({ jobId: live.id, viewer: null, language: "en" })).toMatchObject({
      isPreview: false,
      employer: { name: "Atlas Agritech", employerType: "SME" },
      regionLabel: "Souss-Massa",
      minTier: { level: 2, title: "AI Practitioner" },
      requiredSkills: [{ id: "agri-data", required: true, label: "Agricultural data" }],
      niceSkills: [{ id: "data-protection", required: false, label: "Personal data protection (Law 09-08)" }],
    });
    expect(await getJobPage({ jobId: "nope", viewer: admin, language: "fr" })).toBeNull();
  });
});

describe("demo jobs", () => {
  it("creates two published posts for the demo employer once, with skills of the real taxonomy", async () => {
    const employer = await prisma.organisation.create({ data: { slug: DEMO_EMPLOYER_SLUG, name: "Atlas Agritech SARL (démo)", kind: "EMPLOYER", employerType: "SME" }, select: { id: true } });
    expect(await seedDemoJobs(prisma)).toEqual([]); // no member yet: nobody to author them
    await createUser({ role: "EMPLOYER", employerId: employer.id });
    expect(await seedDemoJobs(prisma)).toEqual(DEMO_JOBS.map((j) => j.id));
    expect(await seedDemoJobs(prisma)).toEqual([]);
    const jobs = await prisma.jobPost.findMany({ select: { status: true, employerId: true, publishedAt: true, skills: { select: { skillId: true } } } });
    expect(jobs).toHaveLength(2);
    const known = new Set(CONTENT_SKILLS.map((s) => s.id));
    for (const job of jobs) {
      expect(job).toMatchObject({ status: "PUBLISHED", employerId: employer.id });
      for (const { skillId } of job.skills) expect(known.has(skillId), skillId).toBe(true);
    }
  });
});
