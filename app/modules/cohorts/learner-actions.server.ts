// The dashboard's actions on the learners ticked in the list: remind, remove, move, grant an accommodation. One
// entry point so the route stays thin; each action checks the permission it needs and acts only on learners of
// this cohort.
import { z } from "zod";
import { StaffActionError, grantAccommodation } from "~/modules/exams/index.server";
import { MAX_EXTRA_ATTEMPTS, TIME_FACTORS } from "~/modules/exams/index.server";
import { prisma } from "~/lib/db.server";
import type { CohortAccess } from "./access.server";
import { CohortError, moveLearners, removeLearners, sendReminders } from "./cohorts.server";
import { canManage } from "./permissions";
import { loadCohortLearners, loadCohortPath } from "./progress.server";

export type LearnerActionResult =
  | { ok: true; done: "reminded" | "removed" | "moved" | "accommodated"; count: number }
  | { ok: false; status: 400 | 403 | 404 | 409; error: string };

const AccommodationSchema = z.object({
  examSlug: z.string().min(1),
  timeFactor: z.coerce.number().refine((v) => TIME_FACTORS.some((f) => f === v)),
  extraAttempts: z.coerce.number().int().min(0).max(MAX_EXTRA_ATTEMPTS),
  reason: z.string().trim().min(3).max(500),
});

function fail(status: 400 | 403 | 404 | 409, error: string): LearnerActionResult {
  return { ok: false, status, error };
}

export async function handleLearnerAction({ access, form, origin }: { access: CohortAccess; form: FormData; origin: string }): Promise<LearnerActionResult> {
  const intent = String(form.get("intent") ?? "");
  if (intent === "remind-behind") return remindEveryoneBehind({ access, origin });
  const picked = [...new Set(form.getAll("userId").map(String))];
  if (picked.length === 0) return fail(400, "no_learners");
  // Only learners of this cohort are acted on, whatever ids were posted.
  const members = await prisma.cohortMember.findMany({
    where: { cohortId: access.cohort.id, role: "LEARNER", userId: { in: picked } },
    select: { userId: true },
  });
  const userIds = members.map((m) => m.userId);
  if (userIds.length === 0) return fail(400, "no_learners");
  const actorId = access.user.id;
  try {
    switch (intent) {
      case "remind": {
        const { sent } = await sendReminders({ cohortId: access.cohort.id, userIds, actorId, origin });
        return { ok: true, done: "reminded", count: sent };
      }
      case "remove": {
        if (!canManage(access.permission)) return fail(403, "forbidden");
        const { removed } = await removeLearners({ cohortId: access.cohort.id, userIds, actorId });
        return { ok: true, done: "removed", count: removed };
      }
      case "move": {
        if (!canManage(access.permission)) return fail(403, "forbidden");
        const { moved } = await moveLearners({
          centreId: access.centre.id,
          fromCohortId: access.cohort.id,
          toCohortId: String(form.get("toCohortId") ?? ""),
          userIds,
          actorId,
        });
        return { ok: true, done: "moved", count: moved };
      }
      case "accommodate": {
        const parsed = AccommodationSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return fail(400, parsed.error.issues.some((i) => i.path[0] === "reason") ? "reason_required" : "accommodation_invalid");
        for (const learnerId of userIds) {
          await grantAccommodation({ staff: { id: actorId, roles: access.user.roles }, learnerId, ...parsed.data });
        }
        return { ok: true, done: "accommodated", count: userIds.length };
      }
      default:
        return fail(400, "unknown_action");
    }
  } catch (error) {
    if (error instanceof CohortError || error instanceof StaffActionError) return fail(error.status, error.code);
    throw error;
  }
}

/** One click for thin teams: every learner of the cohort who is behind (progress.ts) gets a reminder. */
async function remindEveryoneBehind({ access, origin }: { access: CohortAccess; origin: string }): Promise<LearnerActionResult> {
  const path = await loadCohortPath({ cohortId: access.cohort.id, language: "fr" });
  const rows = await loadCohortLearners({ cohort: access.cohort, path });
  const behind = rows.filter((r) => r.progress.status === "behind").map((r) => r.userId);
  if (behind.length === 0) return fail(400, "nobody_behind");
  const { sent } = await sendReminders({ cohortId: access.cohort.id, userIds: behind, actorId: access.user.id, origin });
  return { ok: true, done: "reminded", count: sent };
}
