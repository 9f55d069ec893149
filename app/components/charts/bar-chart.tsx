import { AxisBottom, AxisLeft, AxisRight } from "@visx/axis";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { CHART_WIDTH, ChartFrame, FONT_SIZE, chartColors, estimateTextWidth, useSeriesPaints, type Dir } from "./chart-frame";

export type BarSeries = { key: string; label: string; color?: string };
/** One category (a week, a progress band); a series missing from `values` counts as 0. */
export type BarDatum = { label: string; values: Partial<Record<string, number>> };

export type BarChartProps = {
  title: string;
  series: BarSeries[];
  data: BarDatum[];
  /** Formats counts on the axis, on the bars and in the table (pass an `Intl.NumberFormat`'s `format`). */
  valueFormat: (value: number) => string;
  /** The table's first column header, e.g. "Week". */
  categoryHeader: string;
  tableToggle: string;
  /** Defaults to the title. */
  tableCaption?: string;
  /** Shown when there is no datum or every value is 0. */
  emptyLabel: string;
  dir: Dir;
  /** Stack the series in one bar per category instead of side by side. */
  stacked?: boolean;
  className?: string;
};

const HEIGHT = 240;
const MARGIN = { top: 24, bottom: 32, axis: 44, end: 12 };

/**
 * Vertical bars for counts, one or more series, grouped or stacked. Values are expected to be non-negative.
 *
 * Right-to-left: categories keep flowing left to right (time, and ordered bands such as 0–20 %, like a number
 * line) — Arabic charts and school textbooks mostly keep the x axis left to right, and Moroccan usage writes
 * numbers in Latin digits left to right (docs/decisions/007-i18n-remix-i18next.md). The value axis moves to the
 * right, the side an Arabic reader starts from, and all text takes the page's direction.
 */
export function BarChart({
  title,
  series,
  data,
  valueFormat,
  categoryHeader,
  tableToggle,
  tableCaption,
  emptyLabel,
  dir,
  stacked = false,
  className,
}: BarChartProps) {
  const { paints, defs } = useSeriesPaints(series);
  const valueAt = (datum: BarDatum, key: string) => Math.max(0, datum.values[key] ?? 0);
  const totals = data.map((datum) => series.reduce((sum, s) => sum + valueAt(datum, s.key), 0));
  const max = stacked ? Math.max(0, ...totals) : Math.max(0, ...data.flatMap((datum) => series.map((s) => valueAt(datum, s.key))));

  const isRtl = dir === "rtl";
  const plotLeft = isRtl ? MARGIN.end : MARGIN.axis;
  const plotRight = CHART_WIDTH - (isRtl ? MARGIN.axis : MARGIN.end);
  const plotBottom = HEIGHT - MARGIN.bottom;
  // Categories are keyed by index so two categories with the same label still get their own band.
  const x = scaleBand<string>({ domain: data.map((_, i) => String(i)), range: [plotLeft, plotRight], paddingInner: 0.2, paddingOuter: 0.1 });
  const inner = scaleBand<string>({ domain: series.map((s) => s.key), range: [0, x.bandwidth()], padding: 0.1 });
  const y = scaleLinear<number>({ domain: [0, max || 1], range: [plotBottom, MARGIN.top], nice: true });
  const isCountData = data.every((datum) => series.every((s) => Number.isInteger(valueAt(datum, s.key))));
  const yTicks = y.ticks(4).filter((tick) => !isCountData || Number.isInteger(tick));
  // Thin the category labels so they never overlap: every n-th one, by the widest label.
  const widestLabel = Math.max(0, ...data.map((datum) => estimateTextWidth(datum.label)));
  const labelEvery = Math.max(1, Math.ceil((widestLabel + 4) / x.step()));

  const bars = data.flatMap((datum, i) => {
    let base = 0;
    return series.map((s, j) => {
      const value = valueAt(datum, s.key);
      const bottom = stacked ? base : 0;
      base += value;
      const left = (x(String(i)) ?? 0) + (stacked ? 0 : (inner(s.key) ?? 0));
      return { key: `${i}-${s.key}`, series: s.key, paint: paints[j], value, left, width: stacked ? x.bandwidth() : inner.bandwidth(), top: y(bottom + value), bottom: y(bottom) };
    });
  });
  // Grouped bars carry their own value; a stack carries its total (its parts are in the table).
  const valueLabels = stacked
    ? totals.map((total, i) => ({ key: String(i), text: valueFormat(total), cx: (x(String(i)) ?? 0) + x.bandwidth() / 2, top: y(total), room: x.step() }))
    : bars.map((bar) => ({ key: bar.key, text: valueFormat(bar.value), cx: bar.left + bar.width / 2, top: bar.top, room: inner.step() }));

  const YAxis = isRtl ? AxisRight : AxisLeft;
  return (
    <ChartFrame
      title={title}
      dir={dir}
      emptyLabel={emptyLabel}
      isEmpty={max === 0}
      height={HEIGHT}
      className={className}
      legend={series.map((s, j) => ({ label: s.label, paint: paints[j] }))}
      table={{
        caption: tableCaption ?? title,
        toggle: tableToggle,
        columns: [categoryHeader, ...series.map((s) => s.label)],
        rows: data.map((datum) => ({ label: datum.label, cells: series.map((s) => valueFormat(datum.values[s.key] ?? 0)) })),
      }}
    >
      {defs}
      {yTicks.map((tick) => (
        <line key={tick} x1={plotLeft} x2={plotRight} y1={y(tick)} y2={y(tick)} stroke={chartColors.grid} />
      ))}
      <YAxis
        left={isRtl ? plotRight : plotLeft}
        scale={y}
        tickValues={yTicks}
        tickFormat={(value) => valueFormat(Number(value))}
        hideAxisLine
        hideTicks
        tickLength={6}
        // Logical "end" puts the label's end against the plot: left of it in LTR, right of it in RTL.
        tickComponent={({ x: tx, y: ty, formattedValue }) => (
          <text x={tx} y={ty} dy="0.35em" textAnchor="end" fill={chartColors.text}>
            {formattedValue}
          </text>
        )}
      />
      {bars.map((bar) => (
        <Bar
          key={bar.key}
          data-series={bar.series}
          x={bar.left}
          y={bar.top}
          width={bar.width}
          height={bar.bottom - bar.top}
          fill={bar.paint.fill}
          stroke={bar.paint.stroke}
          strokeWidth={bar.value > 0 ? 1 : 0}
        />
      ))}
      {valueLabels.map((label) =>
        estimateTextWidth(label.text) <= label.room ? (
          <text key={label.key} x={label.cx} y={label.top - 4} textAnchor="middle" fill={chartColors.text}>
            {label.text}
          </text>
        ) : null,
      )}
      <AxisBottom
        top={plotBottom}
        scale={x}
        tickValues={x.domain().filter((_, i) => i % labelEvery === 0)}
        tickFormat={(value) => data[Number(value)]?.label ?? ""}
        hideTicks
        tickLength={4}
        tickLabelProps={{ fontSize: FONT_SIZE }}
        stroke={chartColors.axis}
        tickComponent={({ x: tx, y: ty, formattedValue }) => (
          <text x={tx} y={ty} textAnchor="middle" fill={chartColors.text}>
            {formattedValue}
          </text>
        )}
      />
    </ChartFrame>
  );
}
