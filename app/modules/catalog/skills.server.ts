import { prisma } from "~/lib/db.server";
import { localized } from "./localize";

// Skill labels in the reader's language, read one way for every page that names skills (job board, matches,
// objections, exam results, filters). The job form's taxonomy (jobs.server.ts: tiers and descriptions) and the job
// search (public.server.ts: every language's label, for matching a query) read more than a label.

/** The current skills in the reader's language, sorted by label: the declared-skills checkboxes, the job filter. */
export async function listSkillTaxonomy({ language }: { language: string }) {
  const skills = await prisma.skill.findMany({ where: { archivedAt: null }, select: { id: true, label: true } });
  const collator = new Intl.Collator(language);
  return skills.map((s) => ({ id: s.id, label: localized(s.label, language) || s.id })).sort((a, b) => collator.compare(a.label, b.label));
}

/** Skill labels by id in the reader's language (archived skills included: old breakdowns still name them). */
export async function skillLabelMap({ skillIds, language }: { skillIds: readonly string[]; language: string }): Promise<Record<string, string>> {
  if (skillIds.length === 0) return {};
  const skills = await prisma.skill.findMany({ where: { id: { in: [...new Set(skillIds)] } }, select: { id: true, label: true } });
  return Object.fromEntries(skills.map((s) => [s.id, localized(s.label, language) || s.id]));
}
