// Set-up shared by study mode's tests: the shipped curriculum (content/), synced before each test after the shared
// set-up has emptied the tables, with the tutor's index rebuilt; and an exam attempt in progress.
import { beforeAll, beforeEach } from "vitest";
import { prisma } from "~/lib/db.server";
import { loadCurriculum } from "~/modules/catalog/content/load";
import type { Curriculum } from "~/modules/catalog/content/types";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { truncateAllTables } from "../../../tests/setup/database";
import { ensureStudyIndex } from "./retrieval.server";

/** Call at the top level of a test file; returns a getter for the loaded curriculum. */
export function useShippedCurriculum({ index = true }: { index?: boolean } = {}) {
  let curriculum: Curriculum | undefined;
  beforeAll(async () => {
    ({ curriculum } = await loadCurriculum("content"));
  });
  beforeEach(async () => {
    if (!curriculum) throw new Error("curriculum not loaded");
    await truncateAllTables();
    await syncCurriculum({ prisma, curriculum });
    if (index) await ensureStudyIndex({ force: true });
  });
  return () => {
    if (!curriculum) throw new Error("curriculum not loaded");
    return curriculum;
  };
}

/** An attempt at the AI Foundations exam, running for another hour. */
export async function startExamAttempt(userId: string) {
  const version = await prisma.examVersion.findFirstOrThrow({ where: { courseId: "ai-foundations", archivedAt: null } });
  return prisma.examAttempt.create({
    data: { userId, courseId: "ai-foundations", examSlug: version.examSlug, examVersionId: version.id, number: 1, language: "fr", itemIds: [], displayOrders: {}, deadlineAt: new Date(Date.now() + 3_600_000) },
  });
}
