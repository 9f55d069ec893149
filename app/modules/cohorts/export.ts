// The cohort's progress and results as CSV for Excel (app/lib/csv.ts: BOM, CRLF, the reader's separator). Pure: the
// caller passes the translated headers.
import { csvDecimal, safeCell, toCsv, type CsvSeparator } from "~/lib/csv";
import type { LearnerFacts, LearnerProgress, PathCourse } from "./progress";

export type ExportLabels = {
  name: string;
  email: string;
  studentId: string;
  status: string;
  /** Translated status names, by status code. */
  statuses: Record<LearnerProgress["status"], string>;
  percent: string;
  lessons: string;
  examAttempts: (course: string) => string;
  examPassed: (course: string) => string;
  examBest: (course: string) => string;
  credential: (course: string) => string;
  yes: string;
  no: string;
  lastActivity: string;
  enrolledAt: string;
};

export type ExportRow = {
  name: string;
  email: string;
  studentId: string | null;
  enrolledAt: Date;
  facts: LearnerFacts;
  progress: LearnerProgress;
};

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

/** One line per learner; per course of the path: attempts, passed, best score, credential issued. */
export function cohortProgressCsv({
  rows,
  path,
  labels,
  separator,
}: {
  rows: readonly ExportRow[];
  path: readonly PathCourse[];
  labels: ExportLabels;
  separator: CsvSeparator;
}) {
  const header = [
    labels.name,
    labels.email,
    labels.studentId,
    labels.status,
    labels.percent,
    labels.lessons,
    ...path.flatMap((c) => [labels.examAttempts(c.title), labels.examPassed(c.title), labels.examBest(c.title), labels.credential(c.title)]),
    labels.lastActivity,
    labels.enrolledAt,
  ];
  const records = rows.map((r) => [
    safeCell(r.name),
    safeCell(r.email),
    safeCell(r.studentId ?? ""),
    labels.statuses[r.progress.status],
    r.progress.percent,
    `${r.progress.lessonsDone}/${r.progress.lessonsTotal}`,
    ...path.flatMap((c) => {
      const exam = r.facts.exams[c.id];
      return [
        exam?.attempts ?? 0,
        exam?.passed ? labels.yes : labels.no,
        csvDecimal(exam?.bestPercent ?? null, 1, separator),
        r.facts.credentials.includes(c.id) ? labels.yes : labels.no,
      ];
    }),
    isoDate(r.facts.lastActivityAt),
    isoDate(r.enrolledAt),
  ]);
  return toCsv([header, ...records], separator);
}
