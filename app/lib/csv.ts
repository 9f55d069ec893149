// CSV files for spreadsheets, one way for every export of the app (cohort progress, item analysis).
// Excel opens a CSV with the list separator of the reader's regional settings: a semicolon in French (France and
// Morocco, where the decimal separator is the comma), a comma in English. So each export defaults to the separator
// of the page's language (Arabic pages follow the French default: Moroccan Excel installations use the French
// regional settings) and offers the other one. Always UTF-8 with a byte order mark (Excel reads Arabic and accents
// correctly), CRLF line ends, quoting by csv-stringify. Pure: no Prisma, no Remix. Server-side (csv-stringify needs
// Node's Buffer); pages import the separator choice from csv-separator.ts.
import { stringify } from "csv-stringify/sync";
import { CSV_SEPARATORS, type CsvSeparator } from "./csv-separator";

export { csvSeparatorFor, defaultCsvSeparator, type CsvSeparator } from "./csv-separator";

/** Text typed by people (names, ids, prompts) never starts a spreadsheet formula (CSV injection): "=…" becomes "'=…". */
export function safeCell(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A decimal number as the spreadsheet will read it: with a decimal comma when the separator is the semicolon
 * (French regional settings), a point otherwise; empty for null or not finite.
 */
export function csvDecimal(value: number | null, decimals: number, separator: CsvSeparator): string {
  if (value === null || !Number.isFinite(value)) return "";
  const fixed = value.toFixed(decimals);
  const text = Number(fixed) === 0 ? (0).toFixed(decimals) : fixed;
  return separator === "semicolon" ? text.replace(".", ",") : text;
}

/** The whole file: BOM, header and records, CRLF line ends. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>, separator: CsvSeparator): string {
  return toDelimitedCsv(rows, CSV_SEPARATORS[separator]);
}

/** The same with a given delimiter character (a file written back with the separator it came with). */
export function toDelimitedCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>, delimiter: string): string {
  return `\uFEFF${stringify(rows.map((row) => [...row]), { delimiter, record_delimiter: "\r\n" })}`;
}

/** The response headers of a CSV download. */
export function csvHeaders(filename: string) {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "Cache-Control": "private, no-store",
  };
}
