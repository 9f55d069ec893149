import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";

/** The skills taxonomy in the reader's language (current skills only), for the declared-skills checkboxes. */
export async function listSkillTaxonomy({ language }: { language: string }) {
  const skills = await prisma.skill.findMany({ where: { archivedAt: null }, select: { id: true, label: true } });
  return skills
    .map((s) => ({ id: s.id, label: localized(s.label, language) || s.id }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}

/** Skill labels by id in the reader's language (archived skills included: old breakdowns still name them). */
export async function skillLabelMap({ skillIds, language }: { skillIds: readonly string[]; language: string }): Promise<Record<string, string>> {
  if (skillIds.length === 0) return {};
  const skills = await prisma.skill.findMany({ where: { id: { in: [...new Set(skillIds)] } }, select: { id: true, label: true } });
  return Object.fromEntries(skills.map((s) => [s.id, localized(s.label, language) || s.id]));
}
