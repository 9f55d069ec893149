// The public job board: published posts only, readable without an account. A draft or closed post is a 404 for the
// public; its employer's members (and platform admins) still see it, marked as such, so they can check a draft
// before publishing it.
import { prisma } from "~/lib/db.server";
import type { CurrentUser } from "~/modules/accounts/index.server";
import { localized } from "~/modules/catalog/index.server";
import { matchesQuery } from "~/modules/catalog/index.server";
import { canManageJob, JOB_SELECT, labelsOf } from "./jobs.server";
import { type ContractTypeId, isContractType } from "./options";
import { isRegion, type RegionId, regionLabel } from "./regions";

export const JOBS_PAGE_SIZE = 20;
// Text search reads the newest posts matching the other filters and filters them in the app, with the same
// accent- and Arabic-insensitive matching as the course catalogue. Enough for a national board's volume; past it,
// this becomes a PostgreSQL full-text index.
const SEARCH_SCAN_LIMIT = 1_000;

export type JobFilters = {
  /** A region id, or "remote" for remote posts anywhere. */
  region: RegionId | "remote" | null;
  contract: ContractTypeId | null;
  skill: string | null;
  q: string;
  page: number;
};

/** The filters from the query string; an unknown value is ignored rather than refused (old links keep working). */
export function readJobFilters(params: URLSearchParams): JobFilters {
  const region = params.get("region") ?? "";
  const contract = params.get("contract") ?? "";
  const skill = (params.get("skill") ?? "").trim();
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    region: region === "remote" ? "remote" : isRegion(region) ? region : null,
    contract: isContractType(contract) ? contract : null,
    skill: /^[a-z0-9-]{1,80}$/.test(skill) ? skill : null,
    q: (params.get("q") ?? "").trim().slice(0, 200),
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

async function employersById(ids: readonly string[]) {
  const rows = await prisma.organisation.findMany({
    where: { id: { in: [...new Set(ids)] }, kind: "EMPLOYER" },
    select: { id: true, name: true, employerType: true, city: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

async function skillLabels(ids: readonly string[]) {
  const rows = await prisma.skill.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, label: true } });
  return new Map(rows.map((r) => [r.id, r.label]));
}

const LISTED_SELECT = {
  id: true,
  employerId: true,
  title: true,
  region: true,
  workMode: true,
  contractType: true,
  publishedAt: true,
  skills: { select: { skillId: true, required: true }, orderBy: { skillId: "asc" } },
} as const;

function publishedWhere(filters: JobFilters) {
  return {
    status: "PUBLISHED" as const,
    ...(filters.region === "remote" ? { workMode: "REMOTE" as const } : filters.region ? { region: filters.region } : {}),
    ...(filters.contract ? { contractType: filters.contract } : {}),
    ...(filters.skill ? { skills: { some: { skillId: filters.skill } } } : {}),
  };
}

const NEWEST_FIRST = [{ publishedAt: "desc" as const }, { id: "asc" as const }];

function findListed({ filters, skip, take }: { filters: JobFilters; skip: number; take: number }) {
  return prisma.jobPost.findMany({ where: publishedWhere(filters), select: LISTED_SELECT, orderBy: NEWEST_FIRST, skip, take });
}

type ListedJob = Awaited<ReturnType<typeof findListed>>[number];

/** Published posts matching the filters, newest first, one page at a time. */
export async function listPublishedJobs({ filters, language }: { filters: JobFilters; language: string }) {
  let total: number;
  let rows: ListedJob[];
  if (filters.q === "") {
    [total, rows] = await Promise.all([
      prisma.jobPost.count({ where: publishedWhere(filters) }),
      findListed({ filters, skip: (filters.page - 1) * JOBS_PAGE_SIZE, take: JOBS_PAGE_SIZE }),
    ]);
  } else {
    const scanned = await prisma.jobPost.findMany({
      where: publishedWhere(filters),
      select: { ...LISTED_SELECT, description: true },
      orderBy: NEWEST_FIRST,
      take: SEARCH_SCAN_LIMIT,
    });
    const [employers, labels] = await Promise.all([employersById(scanned.map((r) => r.employerId)), skillLabels(scanned.flatMap((r) => r.skills.map((s) => s.skillId)))]);
    const matching = scanned.filter((job) => {
      const skillText = job.skills.flatMap((s) => Object.values(labelsOf(labels.get(s.skillId))));
      return matchesQuery([job.title, job.description, employers.get(job.employerId)?.name ?? "", ...skillText].join(" \n "), filters.q);
    });
    total = matching.length;
    rows = matching.slice((filters.page - 1) * JOBS_PAGE_SIZE, filters.page * JOBS_PAGE_SIZE);
  }

  const [employers, labels] = await Promise.all([employersById(rows.map((r) => r.employerId)), skillLabels(rows.flatMap((r) => r.skills.map((s) => s.skillId)))]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / JOBS_PAGE_SIZE)),
    jobs: rows.map((job) => {
      const employer = employers.get(job.employerId);
      return {
        id: job.id,
        title: job.title,
        employerName: employer?.name ?? "",
        employerType: employer?.employerType ?? null,
        region: job.region,
        regionLabel: job.region ? regionLabel(job.region, language) : null,
        workMode: job.workMode,
        contractType: job.contractType,
        publishedAt: job.publishedAt?.toISOString() ?? null,
        requiredSkills: job.skills.filter((s) => s.required).map((s) => ({ id: s.skillId, label: localized(labels.get(s.skillId), language) || s.skillId })),
      };
    }),
  };
}

/**
 * One post's public page, or null (→ 404): a published post for everyone; a draft or a closed post only for its
 * employer's members and platform admins (`isPreview`).
 */
export async function getJobPage({ jobId, viewer, language }: { jobId: string; viewer: Pick<CurrentUser, "id" | "roles"> | null; language: string }) {
  const job = await prisma.jobPost.findUnique({
    where: { id: jobId },
    select: JOB_SELECT,
  });
  if (!job) return null;
  const isPreview = job.status !== "PUBLISHED";
  if (isPreview && !(viewer && (await canManageJob({ user: viewer, employerId: job.employerId })))) return null;
  const [employers, labels, tier] = await Promise.all([
    employersById([job.employerId]),
    skillLabels(job.skills.map((s) => s.skillId)),
    job.minTier === null ? null : prisma.tier.findUnique({ where: { level: job.minTier }, select: { level: true, title: true } }),
  ]);
  const employer = employers.get(job.employerId);
  if (!employer) return null;
  const collator = new Intl.Collator(language);
  const skills = job.skills
    .map((s) => ({ id: s.skillId, required: s.required, label: localized(labels.get(s.skillId), language) || s.skillId }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return {
    id: job.id,
    title: job.title,
    description: job.description,
    status: job.status,
    isPreview,
    employer: { name: employer.name, employerType: employer.employerType, city: employer.city },
    region: job.region,
    regionLabel: job.region ? regionLabel(job.region, language) : null,
    workMode: job.workMode,
    contractType: job.contractType,
    languages: job.languages,
    minTier: tier ? { level: tier.level, title: localized(tier.title, language) } : null,
    publishedAt: job.publishedAt?.toISOString() ?? null,
    closedAt: job.closedAt?.toISOString() ?? null,
    requiredSkills: skills.filter((s) => s.required),
    niceSkills: skills.filter((s) => !s.required),
  };
}
