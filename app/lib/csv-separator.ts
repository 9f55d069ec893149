// Which separator a CSV download uses (app/lib/csv.ts explains why); safe to import in the browser.

export const CSV_SEPARATORS = { semicolon: ";", comma: "," } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;

/** The separator an Excel user reading in `language` expects. */
export function defaultCsvSeparator(language: string): CsvSeparator {
  return language === "en" ? "comma" : "semicolon";
}

/** `?sep=semicolon|comma` when given and valid, else the language's default. */
export function csvSeparatorFor(url: URL, language: string): CsvSeparator {
  const asked = url.searchParams.get("sep");
  return asked === "semicolon" || asked === "comma" ? asked : defaultCsvSeparator(language);
}

