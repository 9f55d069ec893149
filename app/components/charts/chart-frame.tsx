import { useId, type ReactNode } from "react";

export type Dir = "ltr" | "rtl";

/**
 * Every chart draws in a fixed coordinate space and the SVG scales to its container (`width="100%"`), so nothing
 * is measured and the server and client render the same markup. 14 units render at 12 px or more whenever the
 * chart is at least 309 px wide (a phone's content column); the SVG is capped at 32rem so text stays under 20 px.
 */
export const CHART_WIDTH = 360;
export const FONT_SIZE = 14;

/** The site's theme tokens (app/tailwind.css, Tailwind's stone scale) as values: SVG presentation attributes can't read CSS variables. */
export const chartColors = {
  text: "#44403c", // stone-700
  axis: "#78716c", // stone-500, 4.8:1 on white
  grid: "#e7e5e4", // stone-200
  bar: "#0b5a46", // brand-700, 8.2:1 against white, so white text inside a bar reads too
  onBar: "#ffffff",
};

// Series differ by pattern as well as colour, so they stay apart in greyscale print and for colour-blind readers.
// Each colour has at least 3:1 contrast with white (WCAG 1.4.11) and outlines its bar, so hatched bars keep a crisp edge.
const seriesStyles = [
  { color: "#0b5a46", pattern: "solid" }, // brand-700
  { color: "#c2410c", pattern: "stripes" }, // accent-500
  { color: "#1e40af", pattern: "dots" }, // blue-800
] as const;

export type Paint = { fill: string; stroke: string };

/** Paints for each series, plus the `<pattern>` definitions they refer to (ids from `useId`, so hydration-safe). */
export function useSeriesPaints(series: ReadonlyArray<{ key: string; color?: string }>): { paints: Paint[]; defs: ReactNode } {
  // useId returns ":r1:"; colons are legal in ids but awkward inside url(#…), and the rest stays unique.
  const baseId = `chart-${useId().replace(/:/g, "")}`;
  const paints: Paint[] = [];
  const patterns: ReactNode[] = [];
  series.forEach((s, index) => {
    const style = seriesStyles[index % seriesStyles.length];
    const color = s.color ?? style.color;
    const id = `${baseId}-${index}`;
    if (style.pattern === "solid") {
      paints.push({ fill: color, stroke: color });
      return;
    }
    paints.push({ fill: `url(#${id})`, stroke: color });
    patterns.push(
      style.pattern === "stripes" ? (
        <pattern key={id} id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} fill="#ffffff" />
          <rect width={3} height={6} fill={color} />
        </pattern>
      ) : (
        <pattern key={id} id={id} width={5} height={5} patternUnits="userSpaceOnUse">
          <rect width={5} height={5} fill="#ffffff" />
          <circle cx={2.5} cy={2.5} r={1.75} fill={color} />
        </pattern>
      ),
    );
  });
  return { paints, defs: patterns.length > 0 ? <defs>{patterns}</defs> : null };
}

/**
 * A deliberately generous width estimate (0.6 em a character) used to decide whether a label fits, since the
 * server can't measure text. Erring wide only drops a label that the data table still carries.
 */
export function estimateTextWidth(text: string): number {
  return Array.from(text).length * FONT_SIZE * 0.6;
}

/** Shortens a label to fit `maxWidth` by the same estimate; the data table always has it in full. */
export function truncateText(text: string, maxWidth: number): string {
  const chars = Array.from(text);
  const fits = Math.floor(maxWidth / (FONT_SIZE * 0.6));
  return chars.length <= fits ? text : `${chars.slice(0, Math.max(1, fits - 1)).join("")}…`;
}

export type ChartTable = {
  caption: string;
  /** The `<summary>` that opens the table, e.g. "Data table". */
  toggle: string;
  /** Column headers: the category first, then one per value column. */
  columns: string[];
  rows: { label: string; cells: string[] }[];
};

type ChartFrameProps = {
  title: string;
  dir: Dir;
  /** Shown instead of the chart, the legend and the table. */
  emptyLabel: string;
  isEmpty: boolean;
  /** Height of the drawing in chart units; the width is always CHART_WIDTH. */
  height: number;
  legend?: { label: string; paint: Paint }[];
  table: ChartTable;
  className?: string;
  /** The SVG's content. */
  children: ReactNode;
};

/**
 * A chart as a `<figure>`: the caption names the SVG (`role="img"`, `aria-labelledby`), and the same numbers sit
 * in an HTML table inside a `<details>` disclosure. The table is the accessible equivalent; it is not visually
 * hidden because sighted readers want exact values too (low vision, cognitive load, copying numbers), and a
 * native disclosure works without JavaScript and is announced to screen readers as "Data table, collapsed".
 */
export function ChartFrame({ title, dir, emptyLabel, isEmpty, height, legend, table, className, children }: ChartFrameProps) {
  const captionId = useId();
  return (
    <figure dir={dir} className={className}>
      <figcaption id={captionId} className="font-semibold text-stone-900">
        {title}
      </figcaption>
      {isEmpty ? (
        <p className="mt-2 text-sm text-stone-600">{emptyLabel}</p>
      ) : (
        <>
          {/* `direction` makes text-anchor start/end logical (start is the right edge in Arabic) and gives mixed
              Arabic/number labels the right base direction. */}
          <svg
            role="img"
            aria-labelledby={captionId}
            viewBox={`0 0 ${CHART_WIDTH} ${height}`}
            width="100%"
            preserveAspectRatio="xMidYMid meet"
            direction={dir}
            fontSize={FONT_SIZE}
            className="mt-2 block h-auto max-w-lg"
          >
            {children}
          </svg>
          {legend && legend.length > 1 ? (
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700">
              {legend.map((item) => (
                <li key={item.label} className="flex items-center gap-1.5">
                  <svg aria-hidden="true" width={16} height={16} viewBox="0 0 16 16">
                    <rect x={0.5} y={0.5} width={15} height={15} fill={item.paint.fill} stroke={item.paint.stroke} />
                  </svg>
                  {item.label}
                </li>
              ))}
            </ul>
          ) : null}
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">{table.toggle}</summary>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full tabular-nums">
                <caption className="pb-1 text-start text-stone-700">{table.caption}</caption>
                <thead>
                  <tr className="border-b border-stone-200">
                    {table.columns.map((column, index) => (
                      <th key={index} scope="col" className={`p-2 ${index === 0 ? "text-start" : "text-end"}`}>
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, rowIndex) => (
                    <tr key={rowIndex} className="border-b border-stone-100">
                      <th scope="row" className="p-2 text-start font-normal">
                        {row.label}
                      </th>
                      {row.cells.map((cell, index) => (
                        <td key={index} className="p-2 text-end">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
