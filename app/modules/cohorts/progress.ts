// Pure computations of a cohort's progress (no Prisma, no Remix): one learner's standing on the cohort's path,
// who is behind, and the figures behind the dashboard's charts. progress.server.ts feeds them from the database.

export type PathCourse = { id: string; title: string; lessonsTotal: number };

export type LearnerFacts = {
  /** Per course of the path: lessons completed (current lessons only). */
  lessonsDone: Record<string, number>;
  /** Per course: submitted attempts, whether one passed, the best score (percent) if any was graded. */
  exams: Record<string, { attempts: number; passed: boolean; bestPercent: number | null; awaitingReview: boolean }>;
  /** Courses with a credential issued and not revoked. */
  credentials: string[];
  /** Last lesson completion or exam submission. */
  lastActivityAt: Date | null;
};

export const LEARNER_STATUSES = ["invited", "not_started", "in_progress", "behind", "completed"] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];

export type LearnerProgress = {
  lessonsDone: number;
  lessonsTotal: number;
  /** Share of the path done, 0–100: lessons and passed exams, each course weighing the same. */
  percent: number;
  examsAttempted: number;
  examsPassed: number;
  credentialsIssued: number;
  status: LearnerStatus;
};

/** The cohort's dates that decide who is behind; `behindFrom` is the centre's "count as behind from" day. */
export type CohortCalendar = { startsOn: Date | null; endsOn: Date | null; behindFrom?: Date | null };

/** Behind = this many percentage points under where the calendar says the cohort should be. */
export const BEHIND_MARGIN_POINTS = 20;
/** Without cohort dates: behind after this many days with no activity. */
export const INACTIVE_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * A course counts as done when its exam is passed; before that, its lessons count for up to 80 % of the course
 * (the exam is the last fifth). Every course of the path weighs the same.
 */
function coursePercent(course: PathCourse, facts: LearnerFacts) {
  if (facts.exams[course.id]?.passed) return 100;
  if (course.lessonsTotal === 0) return 0;
  return Math.min(1, (facts.lessonsDone[course.id] ?? 0) / course.lessonsTotal) * 80;
}

/** Where the calendar says a learner should be (0–100), or null without both dates or before the start. */
export function expectedPercent({ startsOn, endsOn, now }: { startsOn: Date | null; endsOn: Date | null; now: Date }) {
  if (!startsOn || !endsOn) return null;
  const span = endsOn.getTime() + DAY_MS - startsOn.getTime();
  if (span <= 0 || now < startsOn) return null;
  return Math.min(100, ((now.getTime() - startsOn.getTime()) / span) * 100);
}

export function learnerProgress({
  path,
  facts,
  cohort,
  enrolledAt,
  now,
  invited = false,
}: {
  path: readonly PathCourse[];
  facts: LearnerFacts;
  cohort: CohortCalendar;
  enrolledAt: Date;
  now: Date;
  /** The account was created by the centre and its holder has not signed in yet (no password chosen). */
  invited?: boolean;
}): LearnerProgress {
  const lessonsTotal = path.reduce((sum, c) => sum + c.lessonsTotal, 0);
  const lessonsDone = path.reduce((sum, c) => sum + Math.min(c.lessonsTotal, facts.lessonsDone[c.id] ?? 0), 0);
  const percent = path.length === 0 ? 0 : path.reduce((sum, c) => sum + coursePercent(c, facts), 0) / path.length;
  const examsAttempted = path.filter((c) => (facts.exams[c.id]?.attempts ?? 0) > 0).length;
  const examsPassed = path.filter((c) => facts.exams[c.id]?.passed).length;
  const credentialsIssued = path.filter((c) => facts.credentials.includes(c.id)).length;

  let status: LearnerStatus;
  if (path.length > 0 && examsPassed === path.length) status = "completed";
  // Someone who has not signed in yet is "invited", its own status: a reminder to learn would be beside the point.
  else if (invited && lessonsDone === 0 && examsAttempted === 0) status = "invited";
  else if (isBehind({ percent, facts, cohort, enrolledAt, now })) status = "behind";
  else if (lessonsDone === 0 && examsAttempted === 0) status = "not_started";
  else status = "in_progress";
  return { lessonsDone, lessonsTotal, percent: Math.round(percent), examsAttempted, examsPassed, credentialsIssued, status };
}

function isBehind({
  percent,
  facts,
  cohort,
  enrolledAt,
  now,
}: {
  percent: number;
  facts: LearnerFacts;
  cohort: CohortCalendar;
  enrolledAt: Date;
  now: Date;
}) {
  // The centre chose the day from which "behind" counts (e.g. once everyone had the time to sign in): nobody is
  // behind before it.
  if (cohort.behindFrom && now < cohort.behindFrom) return false;
  // Without that day, nobody is behind in the first INACTIVE_DAYS after joining: a learner imported into a running
  // cohort has not had the time the calendar assumes.
  if (!cohort.behindFrom && now.getTime() - enrolledAt.getTime() < INACTIVE_DAYS * DAY_MS) return false;
  const expected = expectedPercent({ startsOn: cohort.startsOn, endsOn: cohort.endsOn, now });
  if (expected !== null) return percent < expected - BEHIND_MARGIN_POINTS;
  // No calendar: idle for INACTIVE_DAYS since the last activity (or since enrolment, for someone who never began).
  const since = facts.lastActivityAt ?? enrolledAt;
  return now.getTime() - since.getTime() > INACTIVE_DAYS * DAY_MS;
}

/** Learners per fifth of the path: [0–20), [20–40), [40–60), [60–80), [80–100]. */
export function progressDistribution(percents: readonly number[]) {
  const buckets = [0, 0, 0, 0, 0];
  for (const p of percents) buckets[Math.min(4, Math.max(0, Math.floor(p / 20)))] += 1;
  return buckets.map((count, i) => ({ from: i * 20, to: (i + 1) * 20, count }));
}

/** Per course of the path: learners who attempted its exam, who passed, and the rate (null when nobody tried). */
export function passRates(path: readonly PathCourse[], learners: ReadonlyArray<{ facts: LearnerFacts }>) {
  return path.map((course) => {
    const attempted = learners.filter((l) => (l.facts.exams[course.id]?.attempts ?? 0) > 0).length;
    const passed = learners.filter((l) => l.facts.exams[course.id]?.passed).length;
    return { courseId: course.id, title: course.title, attempted, passed, rate: attempted === 0 ? null : passed / attempted };
  });
}

/** Monday 00:00 UTC of the ISO week holding `date`. */
export function weekStart(date: Date) {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - weekday * DAY_MS);
}

/**
 * Lessons completed and exams submitted per week, for the `weeks` weeks ending with the week of `now` (weeks with
 * no activity included, so the time axis is regular).
 */
export function weeklyActivity({
  lessons,
  attempts,
  now,
  weeks = 12,
}: {
  lessons: ReadonlyArray<{ week: Date; count: number }>;
  attempts: ReadonlyArray<{ week: Date; count: number }>;
  now: Date;
  weeks?: number;
}) {
  const last = weekStart(now).getTime();
  const rows = Array.from({ length: weeks }, (_, i) => ({ week: new Date(last - (weeks - 1 - i) * 7 * DAY_MS), lessons: 0, attempts: 0 }));
  const index = (week: Date) => rows.findIndex((r) => r.week.getTime() === weekStart(week).getTime());
  for (const l of lessons) {
    const i = index(l.week);
    if (i >= 0) rows[i].lessons += l.count;
  }
  for (const a of attempts) {
    const i = index(a.week);
    if (i >= 0) rows[i].attempts += a.count;
  }
  return rows;
}
