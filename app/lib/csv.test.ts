import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvDecimal, csvSeparatorFor, defaultCsvSeparator, safeCell, toCsv } from "./csv";

describe("CSV exports", () => {
  it("default to the separator Excel expects in the reader's language, with a choice", () => {
    expect(defaultCsvSeparator("fr")).toBe("semicolon");
    expect(defaultCsvSeparator("ar")).toBe("semicolon");
    expect(defaultCsvSeparator("en")).toBe("comma");
    expect(csvSeparatorFor(new URL("http://x/e.csv?sep=comma"), "fr")).toBe("comma");
    expect(csvSeparatorFor(new URL("http://x/e.csv?sep=tab"), "fr")).toBe("semicolon");
  });
  it("write a BOM, CRLF lines, quoted fields, and decimals as the separator's locale reads them", () => {
    const csv = toCsv([["Nom", "Score"], ["Benali; Salma", csvDecimal(4.25, 1, "semicolon")], ["سلمى", csvDecimal(0, 2, "semicolon")]], "semicolon");
    expect(csv.startsWith("\uFEFFNom;Score\r\n")).toBe(true);
    expect(csv).toContain('"Benali; Salma";4,3\r\n');
    expect(parse(csv.slice(1), { delimiter: ";" })).toEqual([["Nom", "Score"], ["Benali; Salma", "4,3"], ["سلمى", "0,00"]]);
    expect(toCsv([["a", csvDecimal(1.5, 1, "comma")]], "comma")).toBe("\uFEFFa,1.5\r\n");
    expect(csvDecimal(null, 2, "comma")).toBe("");
  });
  it("defuses formulas typed by people", () => {
    expect(safeCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(safeCell("Salma")).toBe("Salma");
  });
});
