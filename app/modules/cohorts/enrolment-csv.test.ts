import { describe, expect, it } from "vitest";
import {
  detectDelimiter,
  MAX_ENROLMENT_BYTES,
  MAX_ENROLMENT_ROWS,
  normalizeLabel,
  parseEnrolmentCsv,
  parseLanguage,
  type ParsedRow,
} from "./enrolment-csv";

const valid = (rows: ParsedRow[]) => rows.filter((row) => row.problems.length === 0);
const codes = (row: ParsedRow | undefined) => row?.problems.map((p) => p.code) ?? ["<no row>"];

describe("parseEnrolmentCsv: file formats", () => {
  it("reads French Excel's output: BOM, semicolons, CRLF, quoted fields holding separators and quotes", () => {
    const csv =
      "\uFEFFNom complet;E-mail;Matricule;Langue\r\n" +
      '"El Idrissi; Fatima-Zahra";Fatima.Zahra@Example.MA;J130012345;Français\r\n' +
      '"Salma ""Sally"" Bennani";salma@example.ma;;ar\r\n';
    const { rows, fileProblems } = parseEnrolmentCsv(csv);
    expect(fileProblems).toMatchObject([]);
    expect(rows).toMatchObject([
      { line: 2, name: "El Idrissi; Fatima-Zahra", email: "fatima.zahra@example.ma", studentId: "J130012345", language: "fr", problems: [] },
      { line: 3, name: 'Salma "Sally" Bennani', email: "salma@example.ma", studentId: null, language: "ar", problems: [] },
    ]);
  });

  it("reads comma-separated files, quoted commas included, with LF or CR line ends", () => {
    for (const eol of ["\n", "\r"]) {
      const { rows, fileProblems } = parseEnrolmentCsv(["name,email", '"Amine, Jr",amine@example.ma', "Yassine,yassine@example.ma"].join(eol));
      expect(fileProblems).toMatchObject([]);
      expect(rows.map((r) => [r.line, r.name, r.email])).toMatchObject([
        [2, "Amine, Jr", "amine@example.ma"],
        [3, "Yassine", "yassine@example.ma"],
      ]);
    }
  });

  it("reads a Buffer as UTF-8, with or without BOM, and refuses a Buffer that is not UTF-8", () => {
    const text = "nom;email\nمحمد أمين بن علي;amine@example.ma\n";
    for (const buffer of [Buffer.from(text, "utf8"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])]) {
      const { rows, fileProblems } = parseEnrolmentCsv(buffer);
      expect(fileProblems).toMatchObject([]);
      expect(rows[0]).toMatchObject({ name: "محمد أمين بن علي", email: "amine@example.ma", problems: [] });
    }
    // "Hélène" as Windows-1252 (what Excel's plain "CSV" writes in French): 0xE9 is not UTF-8.
    const latin1 = Buffer.from("nom;email\nHélène;h@example.ma\n", "latin1");
    expect(parseEnrolmentCsv(latin1)).toMatchObject({ rows: [], fileProblems: [{ code: "not_utf8" }] });
  });

  it("skips blank lines (also lines of bare separators) and keeps each row's line number in the file", () => {
    const csv = "\n\nname;email\n\nA;a@example.ma\n;;\n   \n\"B\nsur deux lignes\";b@example.ma\nC;c@example.ma\n\n";
    const { rows, fileProblems } = parseEnrolmentCsv(csv);
    expect(fileProblems).toMatchObject([]);
    expect(rows.map((r) => [r.line, r.email])).toMatchObject([
      [5, "a@example.ma"],
      [8, "b@example.ma"],
      [10, "c@example.ma"],
    ]);
    expect(rows[1].name).toBe("B sur deux lignes");
  });

  it("keeps Arabic and French names as written: NFC, trimmed, inner whitespace collapsed", () => {
    const decomposed = "Fatima-Zahra El Idrissi Hélène".normalize("NFD");
    const csv = [
      "name;email",
      "  Fatima-Zahra   El Idrissi ;fz@example.ma",
      "\u200Fمحمد   أمين\u00A0بن علي\u200F;mab@example.ma",
      `${decomposed};nfd@example.ma`,
      "Aït Ben Haddou Ouarzazate;abh@example.ma",
    ].join("\n");
    const { rows } = parseEnrolmentCsv(csv);
    expect(rows.map((r) => r.name)).toMatchObject([
      "Fatima-Zahra El Idrissi",
      "محمد أمين بن علي",
      "Fatima-Zahra El Idrissi Hélène".normalize("NFC"),
      "Aït Ben Haddou Ouarzazate",
    ]);
    expect(rows[2].name).toBe(rows[2].name.normalize("NFC"));
    expect(rows[2].name).not.toBe(decomposed);
  });

  it("lower-cases e-mails and removes invisible marks a spreadsheet slipped in", () => {
    const { rows } = parseEnrolmentCsv("name,email\nA,\u200E YOUSSEF.Alaoui@Example.MA \u200F\n");
    expect(rows[0]).toMatchObject({ email: "youssef.alaoui@example.ma", problems: [] });
  });
});

describe("parseEnrolmentCsv: column names", () => {
  const variants: [string, string][] = [
    ["name,email,student id,language", "English"],
    ["Full Name,E-Mail,Student ID,Language", "English, capitalised"],
    ["Nom complet;Courriel;Matricule;Langue", "French"],
    ["NOM;MAIL;CNE;LANGUE", "French, upper case"],
    ["nom et prénom;adresse e-mail;code massar;langue préférée", "French, long forms"],
    ["Nom;Adresse électronique;ID;langue", "French with accents"],
    ["الاسم;البريد الإلكتروني;الرقم;اللغة", "Arabic"],
    ["الإسم;البريد الالكتروني;رقم مسار;اللغة", "Arabic, other spellings"],
  ];
  it.each(variants)("understands %s (%s)", (header) => {
    const sep = header.includes(";") ? ";" : ",";
    const { rows, fileProblems } = parseEnrolmentCsv(`${header}\nSalma Bennani${sep}salma@example.ma${sep}J1${sep}ar\n`);
    expect(fileProblems).toMatchObject([]);
    expect(rows[0]).toMatchObject({ line: 2, name: "Salma Bennani", email: "salma@example.ma", studentId: "J1", language: "ar", problems: [] });
  });

  it("joins first and last name columns as 'first last', in either column order", () => {
    const cases = [
      "prénom;nom;email\nFatima-Zahra;El Idrissi;fz@example.ma",
      "Nom;Prénom;email\nEl Idrissi;Fatima-Zahra;fz@example.ma",
      "Last name,First name,Email\nEl Idrissi,Fatima-Zahra,fz@example.ma",
      "first_name,last_name,email\nFatima-Zahra,El Idrissi,fz@example.ma",
    ];
    for (const csv of cases) expect(parseEnrolmentCsv(csv).rows[0]).toMatchObject({ name: "Fatima-Zahra El Idrissi", problems: [] });
    // On Moroccan forms الاسم is the first name when النسب (the family name) is there too.
    expect(parseEnrolmentCsv("النسب;الاسم;البريد\nبن علي;محمد أمين;mab@example.ma").rows[0]).toMatchObject({ name: "محمد أمين بن علي" });
    // One of the two given: the name is what there is.
    expect(parseEnrolmentCsv("prénom;email\nSalma;s@example.ma").rows[0]).toMatchObject({ name: "Salma", problems: [] });
  });

  it("prefers a full-name column over first and last names, and ignores unknown columns", () => {
    const { rows } = parseEnrolmentCsv("N°;Prénom;Nom complet;Groupe;email;Remarque\n1;X;Salma Bennani;G2;s@example.ma;ok\n");
    expect(rows[0]).toMatchObject({ line: 2, name: "Salma Bennani", email: "s@example.ma", studentId: null, language: null, problems: [] });
  });

  it("reports a missing name or e-mail column as a file problem, with no rows", () => {
    expect(parseEnrolmentCsv("email;langue\na@example.ma;fr\n")).toMatchObject({ rows: [], fileProblems: [{ code: "missing_column_name" }] });
    expect(parseEnrolmentCsv("nom;téléphone\nSalma;0600000000\n")).toMatchObject({ rows: [], fileProblems: [{ code: "missing_column_email" }] });
    expect(parseEnrolmentCsv("a,b\n1,2\n").fileProblems).toMatchObject([{ code: "missing_column_name" }, { code: "missing_column_email" }]);
  });

  it("normalises labels without case, Latin accents, Arabic diacritics, tatweel or alef forms", () => {
    expect(normalizeLabel(" E-Mail ")).toBe("email");
    expect(normalizeLabel("Prénom")).toBe("prenom");
    expect(normalizeLabel("الإسم")).toBe(normalizeLabel("الاسم"));
    expect(normalizeLabel("اللُّغَة")).toBe(normalizeLabel("اللغة"));
    expect(normalizeLabel("البريـــد")).toBe(normalizeLabel("البريد"));
  });

  it("guesses the separator from the header line, ignoring separators inside quotes", () => {
    expect(detectDelimiter("nom;email;langue\na,b,c,d,e")).toBe(";");
    expect(detectDelimiter('"nom; complet",email')).toBe(",");
    expect(detectDelimiter("\n\nname\temail")).toBe("\t");
    expect(detectDelimiter("email")).toBe(",");
  });
});

describe("parseEnrolmentCsv: row problems", () => {
  const csv = [
    "nom;email;matricule;langue",
    ";nobody@example.ma;;", // 2 name_missing
    "Sans Mail;;;", // 3 email_missing
    "Mauvais;pas-un-mail;;", // 4 email_invalid
    "Mauvais Domaine;a@b;;", // 5 email_invalid
    "Langue;langue@example.ma;;allemand", // 6 ok, language_defaulted
    "Premier;same@example.ma;M1;", // 7 ok
    "Second;SAME@example.ma;M2;", // 8 duplicate_in_file (line 7)
    "Autre;other@example.ma;m1;", // 9 student_id_duplicate_in_file (line 7)
    `${"x".repeat(121)};long@example.ma;;`, // 10 name_too_long
    "Tout faux;;;klingon", // 11 email_missing (+ language_defaulted)
  ].join("\r\n");
  const { rows, fileProblems } = parseEnrolmentCsv(csv);

  it("gives each row its problems as codes with params", () => {
    expect(fileProblems).toMatchObject([]);
    expect(rows.map((r) => [r.line, codes(r)])).toMatchObject([
      [2, ["name_missing"]],
      [3, ["email_missing"]],
      [4, ["email_invalid"]],
      [5, ["email_invalid"]],
      [6, []],
      [7, []],
      [8, ["duplicate_in_file"]],
      [9, ["student_id_duplicate_in_file"]],
      [10, ["name_too_long"]],
      [11, ["email_missing"]],
    ]);
    // An optional field with a bad value does not reject the learner: default language, with a warning.
    expect(rows[4]).toMatchObject({ language: null, problems: [], warnings: [{ code: "language_defaulted", params: { value: "allemand" } }] });
    expect(rows[6].problems).toMatchObject([{ code: "duplicate_in_file", params: { firstLine: 7 } }]);
    expect(rows[7].problems).toMatchObject([{ code: "student_id_duplicate_in_file", params: { firstLine: 7 } }]);
    expect(rows[8].problems).toMatchObject([{ code: "name_too_long", params: { max: 120 } }]);
    expect(valid(rows).map((r) => r.email)).toMatchObject(["langue@example.ma", "same@example.ma"]);
  });

  it("lists the columns it does not use, keeps each row's cells, and warns of a missing first name", () => {
    const parsed = parseEnrolmentCsv(["CIN;Prénom;Nom;E-mail;CNE;Téléphone", "AB123456;;Alaoui;a@example.ma;J130001;0612345678", "CD654321;Sara;Idrissi;s@example.ma;J130002;"].join("\n"));
    expect(parsed.ignoredColumns).toMatchObject(["CIN", "Téléphone"]);
    expect(parsed.delimiter).toBe(";");
    expect(parsed.rows[0]).toMatchObject({ name: "Alaoui", studentId: "J130001", warnings: [{ code: "first_name_missing" }], problems: [] });
    expect(parsed.rows[0]?.cells).toMatchObject(["AB123456", "", "Alaoui", "a@example.ma", "J130001", "0612345678"]);
    expect(parsed.rows[1]?.warnings).toMatchObject([]);
    // The national card number is never read into a field.
    expect(JSON.stringify({ ...parsed.rows[0], cells: [] })).not.toContain("AB123456");
  });

  it("keeps the values of invalid rows, so the preview can show them", () => {
    expect(rows[2]).toMatchObject({ name: "Mauvais", email: "pas-un-mail" });
    expect(rows[5]).toMatchObject({ studentId: "M1", language: null });
  });

  it("reads languages as codes or names in the three languages; empty is no preference", () => {
    const cases: [string, "fr" | "ar" | "en" | null | "invalid"][] = [
      ["fr", "fr"], ["FR", "fr"], ["fr-MA", "fr"], ["Français", "fr"], ["francais", "fr"], ["French", "fr"], ["الفرنسية", "fr"],
      ["ar", "ar"], ["Arabe", "ar"], ["arabic", "ar"], ["العربية", "ar"], ["عربية", "ar"],
      ["en", "en"], ["Anglais", "en"], ["English", "en"], ["الإنجليزية", "en"],
      ["", null], ["  ", null], ["allemand", "invalid"], ["f", "invalid"],
    ];
    for (const [value, expected] of cases) expect([value, parseLanguage(value)]).toMatchObject([value, expected]);
  });
});

describe("parseEnrolmentCsv: limits and unreadable files", () => {
  it(`accepts ${MAX_ENROLMENT_ROWS} data rows and refuses one more`, () => {
    const lines = (n: number) => ["name;email", ...Array.from({ length: n }, (_, i) => `Learner ${i};l${i}@example.ma`)].join("\n");
    const atLimit = parseEnrolmentCsv(lines(MAX_ENROLMENT_ROWS));
    expect(atLimit.fileProblems).toMatchObject([]);
    expect(valid(atLimit.rows)).toHaveLength(MAX_ENROLMENT_ROWS);
    expect(parseEnrolmentCsv(lines(MAX_ENROLMENT_ROWS + 1))).toMatchObject({
      rows: [],
      fileProblems: [{ code: "too_many_rows", params: { max: MAX_ENROLMENT_ROWS, found: MAX_ENROLMENT_ROWS + 1 } }],
    });
  });

  it("refuses a file over 2 MB, as a string or a Buffer, before reading it", () => {
    const big = `name;email\n${"x".repeat(MAX_ENROLMENT_BYTES)}`;
    const expected = { rows: [], fileProblems: [{ code: "file_too_large", params: { maxMegabytes: 2 } }] };
    expect(parseEnrolmentCsv(big)).toMatchObject(expected);
    expect(parseEnrolmentCsv(Buffer.from(big))).toMatchObject(expected);
    // The limit is in bytes: Arabic letters take two bytes each in UTF-8.
    expect(parseEnrolmentCsv(`name;email\n${"م".repeat(MAX_ENROLMENT_BYTES / 2)}`)).toMatchObject(expected);
  });

  it("reports unreadable input instead of throwing", () => {
    expect(parseEnrolmentCsv('name;email\n"Salma;s@example.ma\n')).toMatchObject({ rows: [], fileProblems: [{ code: "unreadable" }] });
    // An .xlsx (a zip archive) uploaded instead of a CSV.
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    expect(parseEnrolmentCsv(zip)).toMatchObject({ rows: [], fileProblems: [{ code: "unreadable" }] });
    expect(parseEnrolmentCsv("")).toMatchObject({ rows: [], fileProblems: [{ code: "empty" }] });
    expect(parseEnrolmentCsv("\uFEFF\r\n\r\n")).toMatchObject({ rows: [], fileProblems: [{ code: "empty" }] });
  });

  it("accepts a header with no data rows", () => {
    expect(parseEnrolmentCsv("name;email\n")).toMatchObject({ rows: [], fileProblems: [] });
  });
});
