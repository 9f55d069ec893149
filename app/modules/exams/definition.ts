import { CONTENT_LANGUAGES, type ContentLanguage, type ExamDef, type ExamItemDef, type ExamPoolDef } from "../catalog/content/types";
import { isRecord } from "./items";

/** The exam as stored in ExamVersion.definition (written by the curriculum sync), checked before use. */
export type StoredExam = Pick<
  ExamDef,
  "id" | "title" | "timeLimitMinutes" | "passMarkPercent" | "attemptsAllowed" | "cooldownHours" | "gradeMethod" | "feedback" | "shuffleOptions" | "availableFrom" | "availableUntil" | "pools" | "items"
>;

function isPool(value: unknown): value is ExamPoolDef {
  return isRecord(value) && typeof value.id === "string" && typeof value.skill === "string" && typeof value.draw === "number";
}

function isItem(value: unknown): value is ExamItemDef {
  return isRecord(value) && typeof value.id === "string" && typeof value.pool === "string" && typeof value.type === "string" && typeof value.points === "number";
}

/** Null when the stored JSON is not an exam (never expected: the sync writes only validated exams). */
export function parseStoredExam(value: unknown): StoredExam | null {
  if (!isRecord(value)) return null;
  const { id, title, timeLimitMinutes, passMarkPercent, attemptsAllowed, cooldownHours, gradeMethod, feedback, shuffleOptions, availableFrom, availableUntil, pools, items } = value;
  if (typeof id !== "string" || !isRecord(title)) return null;
  if (typeof timeLimitMinutes !== "number" || typeof passMarkPercent !== "number") return null;
  if (typeof attemptsAllowed !== "number" || typeof cooldownHours !== "number") return null;
  if (gradeMethod !== "highest" && gradeMethod !== "last") return null;
  if (feedback !== "after_submit" && feedback !== "after_review" && feedback !== "never") return null;
  if (!Array.isArray(pools) || !pools.every(isPool) || !Array.isArray(items) || !items.every(isItem)) return null;
  return {
    id,
    title,
    timeLimitMinutes,
    passMarkPercent,
    attemptsAllowed,
    cooldownHours,
    gradeMethod,
    feedback,
    shuffleOptions: shuffleOptions === true,
    // Versions synced before availability windows existed have none.
    availableFrom: typeof availableFrom === "string" ? availableFrom : null,
    availableUntil: typeof availableUntil === "string" ? availableUntil : null,
    pools,
    items,
  };
}

/** An availability window as the exam definition writes it: ISO instants, a null bound open on that side. */
export type AvailabilityWindow = { availableFrom: string | null; availableUntil: string | null };

/** A cohort's window for a course's exam (CohortExamWindow), as ISO instants; a null bound is open on that side. */
export type CohortWindow = { opensAt: string | null; closesAt: string | null };

/**
 * The window that applies to one learner. A learner in cohorts with a window for the exam's course gets the
 * exam's own window intersected with the most permissive of those cohort windows (earliest opening, latest close):
 * a learner in two cohorts must not be locked out by the stricter one, and no cohort can open an exam beyond the
 * dates its authors set. A learner in no such cohort keeps the exam's own window. The result may be empty (opens
 * after it closes), which attemptEligibility reports as closed.
 */
export function effectiveWindow({ exam, cohortWindows }: { exam: AvailabilityWindow; cohortWindows: readonly CohortWindow[] }): AvailabilityWindow {
  if (cohortWindows.length === 0) return { availableFrom: exam.availableFrom, availableUntil: exam.availableUntil };
  const opens = cohortWindows.some((w) => w.opensAt === null) ? null : earliest(cohortWindows.map((w) => w.opensAt));
  const closes = cohortWindows.some((w) => w.closesAt === null) ? null : latest(cohortWindows.map((w) => w.closesAt));
  return {
    availableFrom: latest([exam.availableFrom, opens]),
    availableUntil: earliest([exam.availableUntil, closes]),
  };
}

/** The earliest of the given instants, ignoring nulls (null when there is none). */
function earliest(instants: ReadonlyArray<string | null>) {
  return instants.reduce<string | null>((min, at) => (at !== null && (min === null || Date.parse(at) < Date.parse(min)) ? at : min), null);
}

/** The latest of the given instants, ignoring nulls (null when there is none). */
function latest(instants: ReadonlyArray<string | null>) {
  return instants.reduce<string | null>((max, at) => (at !== null && (max === null || Date.parse(at) > Date.parse(max)) ? at : max), null);
}

/** A window that opens only after (or exactly when) it closes: a learner can never start. */
export function isEmptyWindow({ availableFrom, availableUntil }: AvailabilityWindow) {
  return availableFrom !== null && availableUntil !== null && Date.parse(availableUntil) <= Date.parse(availableFrom);
}

/** When a learner may start another attempt, from their previous ones (pure, so it is unit-tested). */
export function attemptEligibility({
  attemptsUsed,
  attemptsAllowed,
  extraAttempts,
  lastSubmittedAt,
  cooldownHours,
  availableFrom = null,
  availableUntil = null,
  now,
}: {
  attemptsUsed: number;
  attemptsAllowed: number;
  extraAttempts: number;
  lastSubmittedAt: Date | null;
  cooldownHours: number;
  availableFrom?: string | null;
  availableUntil?: string | null;
  now: Date;
}):
  | { canStart: true }
  | { canStart: false; reason: "no_attempts_left" | "exam_closed" }
  | { canStart: false; reason: "cooldown" | "not_open_yet"; retryAt: Date } {
  // Checked first: an empty window (a cohort's dates outside the exam's own) would otherwise say "opens on …".
  if (isEmptyWindow({ availableFrom, availableUntil })) return { canStart: false, reason: "exam_closed" };
  if (availableFrom && now.getTime() < Date.parse(availableFrom)) return { canStart: false, reason: "not_open_yet", retryAt: new Date(availableFrom) };
  if (availableUntil && now.getTime() >= Date.parse(availableUntil)) return { canStart: false, reason: "exam_closed" };
  if (attemptsUsed >= attemptsAllowed + extraAttempts) return { canStart: false, reason: "no_attempts_left" };
  if (lastSubmittedAt && cooldownHours > 0) {
    const retryAt = new Date(lastSubmittedAt.getTime() + cooldownHours * 3_600_000);
    if (retryAt > now) return { canStart: false, reason: "cooldown", retryAt };
  }
  return { canStart: true };
}

/**
 * The server's deadline for a new attempt: the time limit (times the learner's factor), cut short by the close of
 * the availability window when there is one.
 */
export function attemptDeadline({ now, timeLimitMinutes, timeFactor, availableUntil }: { now: Date; timeLimitMinutes: number; timeFactor: number; availableUntil: string | null }) {
  const byLimit = now.getTime() + timeLimitMinutes * timeFactor * 60_000;
  return new Date(availableUntil ? Math.min(byLimit, Date.parse(availableUntil)) : byLimit);
}

/** An attempt's stored language as a content language (French when the stored value is unknown). */
export function contentLanguageOf(value: string): ContentLanguage {
  return CONTENT_LANGUAGES.find((l) => l === value) ?? "fr";
}

/** An attempt's stored display orders (JSON), keeping only well-formed entries: item id → ids in display order. */
export function storedDisplayOrders(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([itemId, order]) =>
      Array.isArray(order) ? [[itemId, order.filter((id): id is string => typeof id === "string")]] : [],
    ),
  );
}
