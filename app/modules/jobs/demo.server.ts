// Two published posts for the demo employer (Atlas Agritech, slug "atlas-agritech-demo"), called by prisma/seed.ts.
// Idempotent: the posts have fixed ids and are only created, never updated, so running it at every start changes
// nothing after the first run (and an employer's later edits to the demo posts are kept).
// The seed runs before the curriculum sync, so the skill ids are written as they are in content/skills.yaml
// (JobSkill has no foreign key to Skill); a test checks they exist there.
import type { PrismaClient } from "~/generated/prisma/client";

export const DEMO_EMPLOYER_SLUG = "atlas-agritech-demo";

type DemoJob = {
  id: string;
  title: string;
  description: string;
  region: string | null;
  workMode: "ON_SITE" | "HYBRID" | "REMOTE";
  contractType: "CDI" | "CDD" | "FREELANCE" | "INTERNSHIP" | "APPRENTICESHIP" | "PUBLIC_SERVICE";
  languages: string[];
  minTier: number | null;
  required: string[];
  nice: string[];
};

export const DEMO_JOBS: readonly DemoJob[] = [
  {
    id: "demo-job-atlas-agri-data",
    title: "Chargé·e de données agricoles",
    description: [
      "Atlas Agritech accompagne 300 exploitations de la région Souss-Massa (agrumes, primeurs, arganier) dans le pilotage de l'irrigation.",
      "",
      "Vos missions :",
      "- collecter et documenter les données des parcelles (capteurs d'humidité, stations météo, images satellites) ;",
      "- préparer des tableaux de bord de consommation d'eau pour nos conseillers agricoles, avec l'aide d'outils d'IA dont vous vérifiez les calculs ;",
      "- expliquer les résultats aux agriculteurs, en darija ou en amazighe sur le terrain, en français dans les rapports ;",
      "- veiller à la protection des données des exploitations (loi 09-08).",
      "",
      "Poste basé à Agadir, déplacements réguliers dans les exploitations. Permis B souhaité.",
    ].join("\n"),
    region: "souss-massa",
    workMode: "HYBRID",
    contractType: "CDI",
    languages: ["fr", "dar", "ber"],
    minTier: 2,
    required: ["agri-data", "ai-data-analysis"],
    nice: ["ai-agriculture", "data-protection"],
  },
  {
    id: "demo-job-atlas-field-content",
    title: "Stagiaire — contenus de conseil agricole assistés par l'IA",
    description: [
      "Stage de 6 mois au sein de l'équipe conseil d'Atlas Agritech.",
      "",
      "Vous rédigez avec un assistant d'IA des fiches pratiques pour les agriculteurs (irrigation goutte-à-goutte, calendrier de traitement), vous en vérifiez chaque chiffre auprès de nos agronomes et vous les adaptez en arabe et en darija.",
      "Vous testez aussi des consignes (prompts) pour notre outil interne et documentez ce qui fonctionne.",
      "",
      "Profil : bac+2 à bac+3, curiosité pour l'agriculture, rigueur. Télétravail possible deux jours par semaine.",
    ].join("\n"),
    region: "souss-massa",
    workMode: "HYBRID",
    contractType: "INTERNSHIP",
    languages: ["fr", "ar", "dar"],
    minTier: 1,
    required: ["ai-writing", "prompting", "output-verification"],
    nice: ["ai-agriculture", "multilingual-service"],
  },
];

/**
 * Creates the demo posts when the demo employer exists and has a member to author them; returns the ids created
 * this run (empty on every later run).
 */
export async function seedDemoJobs(prisma: PrismaClient) {
  const employer = await prisma.organisation.findUnique({
    where: { slug: DEMO_EMPLOYER_SLUG },
    select: { id: true, memberships: { where: { role: { in: ["ADMIN", "RECRUITER"] } }, select: { userId: true }, orderBy: { createdAt: "asc" }, take: 1 } },
  });
  const authorId = employer?.memberships[0]?.userId;
  if (!employer || !authorId) return [];
  const existing = new Set(
    (await prisma.jobPost.findMany({ where: { id: { in: DEMO_JOBS.map((j) => j.id) } }, select: { id: true } })).map((j) => j.id),
  );
  const created: string[] = [];
  for (const job of DEMO_JOBS) {
    if (existing.has(job.id)) continue;
    // An upsert, not a create: two instances seeding at the same moment must not fail on the fixed id.
    await prisma.jobPost.upsert({
      where: { id: job.id },
      update: {},
      create: {
        id: job.id,
        employerId: employer.id,
        createdById: authorId,
        title: job.title,
        description: job.description,
        region: job.region,
        workMode: job.workMode,
        contractType: job.contractType,
        languages: job.languages,
        minTier: job.minTier,
        status: "PUBLISHED",
        publishedAt: new Date(),
        skills: {
          create: [...job.required.map((skillId) => ({ skillId, required: true })), ...job.nice.map((skillId) => ({ skillId, required: false }))],
        },
      },
      select: { id: true },
    });
    created.push(job.id);
  }
  return created;
}
