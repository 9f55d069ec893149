import path from "node:path";
import type { PrismaClient } from "~/generated/prisma/client";
import { parseEnv } from "~/lib/env.server";
import { formatProblems } from "./content/check";
import { loadCurriculum } from "./content/load";
import { syncCurriculum } from "./sync.server";

/**
 * Loads content/ (and the private exam banks, when configured) and writes it to the database. Invalid content is not synced at all: the database keeps the last
 * valid curriculum, and the problems are returned for the caller to report.
 */
export async function syncContentFromDisk({
  prisma,
  contentDir = path.resolve("content"),
  examBanksDir = parseEnv().EXAM_BANKS_DIR,
}: {
  prisma: PrismaClient;
  contentDir?: string;
  /** Private exam banks replacing content/'s open ones (EXAM_BANKS_DIR; README "Private exam banks"). */
  examBanksDir?: string;
}) {
  const { curriculum, problems } = await loadCurriculum(contentDir, { examBanksDir });
  if (problems.length > 0) return { ok: false as const, problems, message: formatProblems(problems) };
  return { ok: true as const, report: await syncCurriculum({ prisma, curriculum }) };
}
