import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { BarChart, HorizontalBarChart, type BarChartProps, type HorizontalBarChartProps } from "./index";

type Attributes = Record<string, string>;

/** The opening tags named `tag`, as attribute maps (static markup is regular enough for this). */
function tags(html: string, tag: string): Attributes[] {
  return [...html.matchAll(new RegExp(`<${tag}((?:\\s[^>]*)?)/?>`, "g"))].map((match) =>
    Object.fromEntries([...match[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((attr) => [attr[1], attr[2]])),
  );
}
const texts = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "g"))].map((m) => m[1]);
const num = (attributes: Attributes, name: string) => Number(attributes[name]);
const bars = (html: string, series?: string) => tags(html, "rect").filter((r) => r["data-series"] && (!series || r["data-series"] === series));

const count = (n: number) => `${n}`;
const activity: BarChartProps = {
  title: "Activity per week",
  series: [
    { key: "lessons", label: "Lessons completed" },
    { key: "attempts", label: "Exam attempts" },
  ],
  data: [
    { label: "S45", values: { lessons: 12, attempts: 3 } },
    { label: "S46", values: { lessons: 6, attempts: 0 } },
    { label: "S47", values: { lessons: 9, attempts: 6 } },
  ],
  valueFormat: count,
  categoryHeader: "Week",
  tableToggle: "Data table",
  emptyLabel: "No activity yet",
  dir: "ltr",
};

const percent = (share: number) => `${Math.round(share * 100)} %`;
const passRates: HorizontalBarChartProps = {
  title: "Pass rate per exam",
  data: [
    { label: "Électricité — niveau 1", value: 0.72, valueLabel: "72 % (18/25)" },
    { label: "Sécurité", value: 0.36, valueLabel: "36 % (9/25)" },
    { label: "Plomberie", value: 0, valueLabel: "0 % (0/4)" },
  ],
  valueFormat: percent,
  categoryHeader: "Exam",
  valueHeader: "Pass rate",
  tableToggle: "Data table",
  emptyLabel: "No attempts yet",
  dir: "ltr",
};

describe("BarChart", () => {
  test("draws one bar per datum and series, heights proportional to the values", () => {
    const html = renderToStaticMarkup(<BarChart {...activity} />);
    for (const key of ["lessons", "attempts"]) {
      const drawn = bars(html, key);
      expect(drawn).toHaveLength(activity.data.length);
      const values = activity.data.map((d) => d.values[key] ?? 0);
      const unit = num(drawn[0], "height") / values[0];
      expect(unit).toBeGreaterThan(0);
      drawn.forEach((bar, i) => expect(num(bar, "height")).toBeCloseTo(values[i] * unit, 6));
      // Every bar stands on the same baseline.
      const baselines = new Set(drawn.map((bar) => (num(bar, "y") + num(bar, "height")).toFixed(6)));
      expect(baselines.size).toBe(1);
    }
    // The two series share one scale.
    expect(num(bars(html, "lessons")[0], "height") / 12).toBeCloseTo(num(bars(html, "attempts")[0], "height") / 3, 6);
    // Grouped side by side: within a week, attempts sit right of lessons.
    expect(num(bars(html, "attempts")[0], "x")).toBeGreaterThan(num(bars(html, "lessons")[0], "x"));
  });

  test("stacks series on each other when stacked", () => {
    const html = renderToStaticMarkup(<BarChart {...activity} stacked />);
    const lessons = bars(html, "lessons");
    const attempts = bars(html, "attempts");
    expect(lessons).toHaveLength(3);
    expect(attempts).toHaveLength(3);
    const unit = num(lessons[0], "height") / 12;
    lessons.forEach((bar, i) => {
      expect(num(attempts[i], "x")).toBe(num(bar, "x"));
      expect(num(attempts[i], "y") + num(attempts[i], "height")).toBeCloseTo(num(bar, "y"), 6);
      expect(num(attempts[i], "height")).toBeCloseTo((activity.data[i].values.attempts ?? 0) * unit, 6);
    });
    // A stack is labelled with its total.
    expect(texts(html, "text")).toEqual(expect.arrayContaining(["15", "6"]));
  });

  test("puts every value in the data table, formatted by the caller", () => {
    const format = new Intl.NumberFormat("fr", { minimumFractionDigits: 1 }).format;
    const html = renderToStaticMarkup(<BarChart {...activity} valueFormat={format} tableCaption="Lessons and attempts per week" />);
    expect(html).toContain("<caption");
    expect(html).toContain("Lessons and attempts per week");
    expect(texts(html, "th")).toEqual(["Week", "Lessons completed", "Exam attempts", "S45", "S46", "S47"]);
    expect(texts(html, "td")).toEqual(["12,0", "3,0", "6,0", "0,0", "9,0", "6,0"]);
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Data table<\/summary>/);
  });

  test("links the caption to the svg, and marks series by pattern as well as colour in a legend", () => {
    const html = renderToStaticMarkup(<BarChart {...activity} />);
    const [caption] = tags(html, "figcaption");
    const svg = tags(html, "svg").find((s) => s.role === "img");
    expect(caption.id).toBeTruthy();
    expect(svg?.["aria-labelledby"]).toBe(caption.id);
    expect(svg?.viewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(svg?.width).toBe("100%");
    expect(texts(html, "figcaption")).toEqual(["Activity per week"]);
    const [attempt] = bars(html, "attempts");
    const patternId = /^url\(#(.+)\)$/.exec(attempt.fill)?.[1];
    expect(tags(html, "pattern").map((p) => p.id)).toContain(patternId);
    const legend = /<ul[^>]*>(.*)<\/ul>/.exec(html)?.[1] ?? "";
    expect(legend.replace(/<[^>]+>/g, " ")).toMatch(/Lessons completed.*Exam attempts/);
    expect(legend).toContain(attempt.fill);
  });

  test("moves the value axis to the right in RTL and keeps weeks flowing left to right", () => {
    const ltr = renderToStaticMarkup(<BarChart {...activity} />);
    const rtl = renderToStaticMarkup(<BarChart {...activity} dir="rtl" data={activity.data.map((d, i) => ({ ...d, label: `الأسبوع ${45 + i}` }))} />);
    expect(rtl).toContain("الأسبوع 45");
    expect(tags(rtl, "figure")[0].dir).toBe("rtl");
    expect(tags(rtl, "svg").find((s) => s.role === "img")?.direction).toBe("rtl");
    const xs = (html: string) => bars(html, "lessons").map((bar) => num(bar, "x"));
    expect(xs(rtl)).toEqual([...xs(rtl)].sort((a, b) => a - b));
    // The value axis (its tick labels) sits at the left edge in LTR and the right edge in RTL.
    const axisX = (html: string) => Number(/class="[^"]*visx-axis-(?:left|right)" transform="translate\(([\d.]+)/.exec(html)?.[1]);
    expect(axisX(ltr)).toBeLessThan(60);
    expect(axisX(rtl)).toBeGreaterThan(300);
    const firstBarX = (html: string) => num(bars(html, "lessons")[0], "x");
    expect(firstBarX(rtl)).toBeLessThan(firstBarX(ltr));
  });

  test("shows the empty message instead of a chart when there is nothing to draw", () => {
    for (const data of [[], [{ label: "S45", values: { lessons: 0 } }]]) {
      const html = renderToStaticMarkup(<BarChart {...activity} data={data} />);
      expect(html).toContain("No activity yet");
      expect(html).toContain("Activity per week");
      expect(html).not.toContain("<svg");
      expect(html).not.toContain("<table");
    }
  });

  test("thins category labels so they don't overlap, and renders the same markup every time", () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ label: `S${10 + i}`, values: { lessons: i } }));
    const html = renderToStaticMarkup(<BarChart {...activity} data={data} />);
    expect(bars(html)).toHaveLength(60);
    const weekLabels = texts(html, "text").filter((t) => /^S\d+$/.test(t));
    expect(weekLabels.length).toBeGreaterThan(3);
    expect(weekLabels.length).toBeLessThan(30);
    expect(renderToStaticMarkup(<BarChart {...activity} data={data} />)).toBe(html);
  });
});

describe("HorizontalBarChart", () => {
  test("draws one bar per exam with widths proportional to the share, and labels them", () => {
    const html = renderToStaticMarkup(<HorizontalBarChart {...passRates} />);
    const drawn = bars(html);
    expect(drawn).toHaveLength(3);
    const full = num(drawn[0], "width") / 0.72;
    drawn.forEach((bar, i) => expect(num(bar, "width")).toBeCloseTo(passRates.data[i].value * full, 6));
    expect(texts(html, "text")).toEqual(expect.arrayContaining(["72 % (18/25)", "36 % (9/25)", "0 % (0/4)", "Sécurité"]));
    expect(texts(html, "td")).toEqual(["72 % (18/25)", "36 % (9/25)", "0 % (0/4)"]);
    expect(texts(html, "th")).toEqual(["Exam", "Pass rate", "Électricité — niveau 1", "Sécurité", "Plomberie"]);
  });

  test("mirrors in RTL: bars grow from the right", () => {
    const ltr = bars(renderToStaticMarkup(<HorizontalBarChart {...passRates} />));
    const rtl = bars(renderToStaticMarkup(<HorizontalBarChart {...passRates} dir="rtl" />));
    const viewWidth = 360;
    const ltrStarts = new Set(ltr.map((bar) => num(bar, "x")));
    const rtlEnds = new Set(rtl.map((bar) => num(bar, "x") + num(bar, "width")));
    expect(ltrStarts.size).toBe(1);
    expect(rtlEnds.size).toBe(1);
    rtl.forEach((bar, i) => {
      expect(num(bar, "width")).toBeCloseTo(num(ltr[i], "width"), 6);
      // Each RTL bar is the mirror image of its LTR bar.
      expect(num(bar, "x")).toBeCloseTo(viewWidth - num(ltr[i], "x") - num(ltr[i], "width"), 6);
    });
    expect([...rtlEnds][0]).toBeGreaterThan(viewWidth / 2);
  });

  test("shows the empty message for no exams", () => {
    const html = renderToStaticMarkup(<HorizontalBarChart {...passRates} data={[]} />);
    expect(html).toContain("No attempts yet");
    expect(html).not.toContain("<svg");
  });
});
