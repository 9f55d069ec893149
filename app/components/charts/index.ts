export { BarChart, type BarChartProps, type BarDatum, type BarSeries } from "./bar-chart";
export { type Dir } from "./chart-frame";
export { HorizontalBarChart, type HorizontalBarChartProps, type PercentBarDatum } from "./horizontal-bar-chart";
