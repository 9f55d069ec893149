// Fixtures for the jobs tests (this folder's and tests/integration/jobs-*.test.ts): the real skills taxonomy and
// tiers from content/, written straight into the tables, and a post factory. Not used by the app.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { prisma } from "~/lib/db.server";

type Localized = { fr: string; ar: string; en: string };
type SkillsFile = { skills: Array<{ id: string; label: Localized; description: Localized }> };
type TiersFile = { tiers: Array<{ level: number; id: string; title: Localized; description: Localized }> };

function readContent<T>(file: string): T {
  return parse(fs.readFileSync(path.resolve("content", file), "utf8"));
}

export const CONTENT_SKILLS = readContent<SkillsFile>("skills.yaml").skills;

/** The taxonomy and the three tiers, as the curriculum sync would write them (no courses). */
export async function seedJobTaxonomy() {
  await prisma.skill.createMany({
    data: CONTENT_SKILLS.map((s) => ({ id: s.id, label: s.label, description: s.description, contentHash: "test" })),
  });
  await prisma.tier.createMany({
    data: readContent<TiersFile>("tiers.yaml").tiers.map((t) => ({ level: t.level, slug: t.id, title: t.title, description: t.description, contentHash: "test" })),
  });
}

export async function createEmployer({ name, employerType = "SME" }: { name: string; employerType?: "COMPANY" | "SME" | "LOCAL_GOVERNMENT" }) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}`;
  return prisma.organisation.create({ data: { kind: "EMPLOYER", name, slug, employerType, city: "Agadir" }, select: { id: true, slug: true, name: true } });
}

export async function createJob({
  employerId,
  createdById,
  title = "Chargé·e de données agricoles",
  description = "Collecter les données des parcelles et préparer des tableaux de bord d'irrigation pour nos conseillers.",
  status = "PUBLISHED",
  region = "souss-massa",
  workMode = "ON_SITE",
  contractType = "CDI",
  required = ["agri-data"],
  nice = [],
  minTier = null,
  publishedAt = status === "DRAFT" ? null : new Date(),
}: {
  employerId: string;
  createdById: string;
  title?: string;
  description?: string;
  status?: "DRAFT" | "PUBLISHED" | "CLOSED";
  region?: string | null;
  workMode?: "ON_SITE" | "HYBRID" | "REMOTE";
  contractType?: "CDI" | "CDD" | "FREELANCE" | "INTERNSHIP" | "APPRENTICESHIP" | "PUBLIC_SERVICE";
  required?: string[];
  nice?: string[];
  minTier?: number | null;
  publishedAt?: Date | null;
}) {
  return prisma.jobPost.create({
    data: {
      employerId,
      createdById,
      title,
      description,
      status,
      region,
      workMode,
      contractType,
      languages: ["fr", "ar"],
      minTier,
      publishedAt,
      closedAt: status === "CLOSED" ? new Date() : null,
      skills: { create: [...required.map((skillId) => ({ skillId, required: true })), ...nice.map((skillId) => ({ skillId, required: false }))] },
    },
    select: { id: true },
  });
}
