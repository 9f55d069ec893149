// The Arabic terminology glossary (content/glossary.yaml): one term per concept, and the variants translators must
// not use for it. content:check flags every Arabic lesson line and every Arabic string in the YAML files that contains
// an avoided variant, so the curriculum says the same thing the same way. Accepted short answers and rubric keywords
// (lists) are exempt: they must keep the variants learners type. Pure apart from reading files.
import fs from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { normalizeForSearch } from "../search";
import type { ContentProblem } from "./types";

const GlossarySchema = z.object({
  terms: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
      ar: z.string().min(1),
      fr: z.string().min(1),
      en: z.string().min(1),
      avoid: z.array(z.string().min(2)).default([]),
      note: z.string().optional(),
    }),
  ),
});

export type Glossary = z.infer<typeof GlossarySchema>;

const FILE = "glossary.yaml";

/** Reads content/glossary.yaml; a missing file is no glossary (no problem), a malformed one is a problem. */
export async function loadGlossary(contentDir: string): Promise<{ glossary: Glossary | null; problems: ContentProblem[] }> {
  let text: string;
  try {
    text = await fs.readFile(path.join(contentDir, FILE), "utf8");
  } catch {
    return { glossary: null, problems: [] };
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    return { glossary: null, problems: [{ file: FILE, line: 1, message: `YAML syntax error: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const result = GlossarySchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { glossary: null, problems: [{ file: FILE, line: 1, message: `glossary: ${issue.path.join(".")}: ${issue.message}` }] };
  }
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  for (const term of result.data.terms) {
    if (seen.has(term.id)) problems.push({ file: FILE, line: 1, message: `glossary: term "${term.id}" is listed twice` });
    seen.add(term.id);
    for (const variant of term.avoid) {
      if (normalizeForSearch(term.ar).includes(normalizeForSearch(variant))) {
        problems.push({ file: FILE, line: 1, message: `glossary: "${term.id}" avoids "${variant}", which is part of its own term` });
      }
    }
  }
  return { glossary: result.data, problems };
}

type Variant = { needle: string; variant: string; term: Glossary["terms"][number] };

function variantsOf(glossary: Glossary): Variant[] {
  return glossary.terms.flatMap((term) => term.avoid.map((variant) => ({ needle: normalizeForSearch(variant), variant, term })));
}

// In YAML, the Arabic string values of a line: `ar: "…"` on its own line or inside an inline map
// (`text: { fr: "…", ar: "…" }`); lists (`ar: [ … ]`: accepted answers, keywords) are skipped.
const YAML_ARABIC_STRINGS = /(?:^|[\s{,])ar:\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/g;

/**
 * Problems for every line of `text` that uses an avoided variant. `kind` says how to read the file: a lesson is
 * checked whole (front matter included), a YAML file only on its single-line Arabic string values.
 */
export function findGlossaryProblems({ glossary, file, text, kind }: { glossary: Glossary; file: string; text: string; kind: "lesson" | "yaml" }): ContentProblem[] {
  const variants = variantsOf(glossary);
  if (variants.length === 0) return [];
  const problems: ContentProblem[] = [];
  text.split("\n").forEach((line, index) => {
    const checked = kind === "yaml" ? [...line.matchAll(YAML_ARABIC_STRINGS)].map((match) => match[1]).join(" ") : line;
    if (checked === "") return;
    const normalized = normalizeForSearch(checked);
    for (const { needle, variant, term } of variants) {
      if (normalized.includes(needle)) {
        problems.push({ file, line: index + 1, message: `uses "${variant}"; the glossary term for ${term.en} is "${term.ar}" (glossary: ${term.id})` });
      }
    }
  });
  return problems;
}

/** Runs the glossary over every Arabic lesson and the YAML files of a content folder. */
export async function checkGlossary(contentDir: string): Promise<ContentProblem[]> {
  const { glossary, problems } = await loadGlossary(contentDir);
  if (!glossary) return problems;
  const files: { file: string; kind: "lesson" | "yaml" }[] = [
    { file: "skills.yaml", kind: "yaml" },
    { file: "tiers.yaml", kind: "yaml" },
  ];
  const coursesDir = path.join(contentDir, "courses");
  const courses = await fs.readdir(coursesDir, { withFileTypes: true }).catch(() => []);
  for (const course of courses) {
    if (!course.isDirectory()) continue;
    files.push(
      { file: `courses/${course.name}/course.yaml`, kind: "yaml" },
      { file: `courses/${course.name}/exam.yaml`, kind: "yaml" },
      { file: `courses/${course.name}/practice.yaml`, kind: "yaml" },
    );
    const lessons = await fs.readdir(path.join(coursesDir, course.name, "lessons")).catch(() => []);
    for (const lesson of lessons) if (lesson.endsWith(".ar.md")) files.push({ file: `courses/${course.name}/lessons/${lesson}`, kind: "lesson" });
  }
  for (const { file, kind } of files) {
    const text = await fs.readFile(path.join(contentDir, file), "utf8").catch(() => null);
    if (text !== null) problems.push(...findGlossaryProblems({ glossary, file, text, kind }));
  }
  return problems;
}
