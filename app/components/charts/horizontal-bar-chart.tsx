import { AxisBottom } from "@visx/axis";
import { scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { CHART_WIDTH, ChartFrame, FONT_SIZE, chartColors, estimateTextWidth, truncateText, type Dir } from "./chart-frame";

export type PercentBarDatum = {
  label: string;
  /** A share between 0 and 1. */
  value: number;
  /** The text at the end of the bar and in the table, e.g. "72 % (18/25)"; defaults to `valueFormat(value)`. */
  valueLabel?: string;
};

export type HorizontalBarChartProps = {
  title: string;
  data: PercentBarDatum[];
  /** Formats a share (0–1) for the axis and default labels (pass an `Intl.NumberFormat` with `style: "percent"`). */
  valueFormat: (share: number) => string;
  /** The table's column headers, e.g. "Exam" and "Pass rate". */
  categoryHeader: string;
  valueHeader: string;
  tableToggle: string;
  /** Defaults to the title. */
  tableCaption?: string;
  /** Shown when there is no datum. */
  emptyLabel: string;
  dir: Dir;
  className?: string;
};

const MARGIN = { top: 4, side: 24, axis: 28 };
// Each row: the category label on its own line above the bar, so long exam titles need no label column.
const ROW = { labelBaseline: 15, barTop: 21, barHeight: 20, height: 54 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Horizontal bars for shares from 0 to 100 %, one per category.
 *
 * Right-to-left: the chart mirrors, like the site's progress bars: 0 % is on the right, bars grow leftwards, and
 * labels start at the right. A share isn't a timeline, and the leading edge of a bar is where its label sits.
 */
export function HorizontalBarChart({
  title,
  data,
  valueFormat,
  categoryHeader,
  valueHeader,
  tableToggle,
  tableCaption,
  emptyLabel,
  dir,
  className,
}: HorizontalBarChartProps) {
  const isRtl = dir === "rtl";
  const height = MARGIN.top + data.length * ROW.height + MARGIN.axis;
  const plotBottom = height - MARGIN.axis;
  const x = scaleLinear<number>({
    domain: [0, 1],
    range: isRtl ? [CHART_WIDTH - MARGIN.side, MARGIN.side] : [MARGIN.side, CHART_WIDTH - MARGIN.side],
  });
  // +1 along the direction bars grow, so offsets read the same in both directions.
  const forward = isRtl ? -1 : 1;
  const plotWidth = CHART_WIDTH - 2 * MARGIN.side;

  const rows = data.map((datum, i) => {
    const share = Math.min(1, Math.max(0, datum.value));
    const text = datum.valueLabel ?? valueFormat(datum.value);
    const end = x(share);
    const barWidth = Math.abs(end - x(0));
    // The value sits just past the bar's end when the rest of the track has room, otherwise inside the bar.
    const isInside = estimateTextWidth(text) + 6 > Math.abs(x(1) - end) + MARGIN.side - 2 && barWidth > estimateTextWidth(text) + 12;
    return { datum, text, top: MARGIN.top + i * ROW.height, left: Math.min(x(0), end), barWidth, end, isInside };
  });

  return (
    <ChartFrame
      title={title}
      dir={dir}
      emptyLabel={emptyLabel}
      isEmpty={data.length === 0}
      height={height}
      className={className}
      table={{
        caption: tableCaption ?? title,
        toggle: tableToggle,
        columns: [categoryHeader, valueHeader],
        rows: rows.map((row) => ({ label: row.datum.label, cells: [row.text] })),
      }}
    >
      {TICKS.map((tick) => (
        <line key={tick} x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={plotBottom} stroke={chartColors.grid} />
      ))}
      {rows.map((row, i) => {
        const label = truncateText(row.datum.label, plotWidth);
        return (
          <g key={i}>
            {/* Logical "start": the left edge in LTR, the right edge in RTL, aligned with the bar's base. */}
            <text x={x(0)} y={row.top + ROW.labelBaseline} textAnchor="start" fill={chartColors.text}>
              {label !== row.datum.label ? <title>{row.datum.label}</title> : null}
              {label}
            </text>
            <Bar
              data-series="value"
              x={row.left}
              y={row.top + ROW.barTop}
              width={row.barWidth}
              height={ROW.barHeight}
              fill={chartColors.bar}
            />
            <text
              x={row.end + (row.isInside ? -6 : 6) * forward}
              y={row.top + ROW.barTop + ROW.barHeight / 2}
              dy="0.35em"
              textAnchor={row.isInside ? "end" : "start"}
              fill={row.isInside ? chartColors.onBar : chartColors.text}
            >
              {row.text}
            </text>
          </g>
        );
      })}
      <AxisBottom
        top={plotBottom}
        scale={x}
        tickValues={TICKS}
        tickFormat={(value) => valueFormat(Number(value))}
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
