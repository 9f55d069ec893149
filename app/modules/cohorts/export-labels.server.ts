import type { getFixedT } from "~/lib/i18n.server";
import type { ExportLabels } from "./export";

type T = Awaited<ReturnType<typeof getFixedT>>;

/** The CSV export's headers and values in one language. */
export function cohortExportLabels(t: T): ExportLabels {
  return {
    name: t("cohorts.csv.name"),
    email: t("cohorts.csv.email"),
    studentId: t("cohorts.csv.studentId"),
    status: t("cohorts.csv.status"),
    statuses: {
      invited: t("cohorts.status.invited"),
      not_started: t("cohorts.status.not_started"),
      in_progress: t("cohorts.status.in_progress"),
      behind: t("cohorts.status.behind"),
      completed: t("cohorts.status.completed"),
    },
    percent: t("cohorts.csv.percent"),
    lessons: t("cohorts.csv.lessons"),
    examAttempts: (course) => t("cohorts.csv.examAttempts", { course }),
    examPassed: (course) => t("cohorts.csv.examPassed", { course }),
    examBest: (course) => t("cohorts.csv.examBest", { course }),
    credential: (course) => t("cohorts.csv.credential", { course }),
    yes: t("cohorts.csv.yes"),
    no: t("cohorts.csv.no"),
    lastActivity: t("cohorts.csv.lastActivity"),
    enrolledAt: t("cohorts.csv.enrolledAt"),
  };
}
