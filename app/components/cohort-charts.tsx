import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/charts/bar-chart";
import { HorizontalBarChart } from "~/components/charts/horizontal-bar-chart";
import { formatDate, formatNumber } from "~/lib/i18n";

export type CohortChartData = {
  distribution: Array<{ from: number; to: number; count: number }>;
  passRates: Array<{ courseId: string; title: string; attempted: number; passed: number; rate: number | null }>;
  activity: Array<{ week: Date | string; lessons: number; attempts: number }>;
};

/** The cohort dashboard's three charts (figures from modules/cohorts/progress.ts), labelled in the reader's language. */
export function CohortCharts({ charts, dir }: { charts: CohortChartData; dir: "ltr" | "rtl" }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const count = (n: number) => formatNumber(n, lng);
  const percent = (share: number) => formatNumber(share, lng, { style: "percent", maximumFractionDigits: 0 });
  return (
    <section aria-labelledby="charts" className="space-y-4">
      <h2 id="charts" className="text-lg font-semibold">{t("cohorts.charts.title")}</h2>
      <div className="grid gap-4 lg:grid-cols-3">
        <BarChart
          className="rounded-xl border border-stone-200 bg-white p-4"
          title={t("cohorts.charts.distribution")}
          series={[{ key: "learners", label: t("cohorts.charts.learners") }]}
          // Isolated left-to-right (LRI … PDI), so "0–20 %" keeps its order inside an Arabic page.
          data={charts.distribution.map((b) => ({ label: `\u2066${b.from}–${b.to} %\u2069`, values: { learners: b.count } }))}
          valueFormat={count}
          categoryHeader={t("cohorts.charts.band")}
          tableToggle={t("cohorts.charts.table")}
          emptyLabel={t("cohorts.charts.empty")}
          dir={dir}
        />
        <HorizontalBarChart
          className="rounded-xl border border-stone-200 bg-white p-4"
          title={t("cohorts.charts.passRates")}
          data={charts.passRates
            .filter((r) => r.rate !== null)
            .map((r) => ({
              label: r.title,
              value: r.rate ?? 0,
              valueLabel: `${percent(r.rate ?? 0)} (${count(r.passed)}/${count(r.attempted)})`,
            }))}
          valueFormat={percent}
          categoryHeader={t("cohorts.charts.exam")}
          valueHeader={t("cohorts.charts.passRate")}
          tableToggle={t("cohorts.charts.table")}
          emptyLabel={t("cohorts.charts.noAttempts")}
          dir={dir}
        />
        <BarChart
          className="rounded-xl border border-stone-200 bg-white p-4"
          title={t("cohorts.charts.activity")}
          series={[
            { key: "lessons", label: t("cohorts.charts.lessons") },
            { key: "attempts", label: t("cohorts.charts.attempts") },
          ]}
          data={charts.activity.map((w) => ({
            label: formatDate(w.week, lng, { day: "numeric", month: "short", timeZone: "UTC" }),
            values: { lessons: w.lessons, attempts: w.attempts },
          }))}
          valueFormat={count}
          categoryHeader={t("cohorts.charts.weekOf")}
          tableToggle={t("cohorts.charts.table")}
          emptyLabel={t("cohorts.charts.noActivity")}
          dir={dir}
          stacked
        />
      </div>
    </section>
  );
}
