import path from "node:path";
import type { PrismaClient } from "~/generated/prisma/client";
import { formatProblems } from "./content/check";
import { loadCurriculum } from "./content/load";
import { syncCurriculum } from "./sync.server";

/**
 * Loads content/ and writes it to the database. Invalid content is not synced at all: the database keeps the last
 * valid curriculum, and the problems are returned for the caller to report.
 */
export async function syncContentFromDisk({ prisma, contentDir = path.resolve("content") }: { prisma: PrismaClient; contentDir?: string }) {
  const { curriculum, problems } = await loadCurriculum(contentDir);
  if (problems.length > 0) return { ok: false as const, problems, message: formatProblems(problems) };
  return { ok: true as const, report: await syncCurriculum({ prisma, curriculum }) };
}
