// Reading a training centre's CSV of learners (issue 6). Pure: no Prisma, no Remix, never throws on bad input.
// Columns it does not use (a "CIN" national card number, a phone number) are listed as ignored and never stored.
// What a centre exports varies a lot: French Excel writes semicolons, headers come in French, English or Arabic,
// with or without accents, sometimes as separate first and last name columns. Every problem is a code with
// params, translated where it is shown (`enrolment.problem.*`, `enrolment.fileProblem.*`).
import { parse } from "csv-parse/sync";
import { safeCell, toDelimitedCsv } from "~/lib/csv";
import { z } from "zod";

export const MAX_ENROLMENT_ROWS = 5_000;
export const MAX_ENROLMENT_BYTES = 2 * 1024 * 1024;
/** Same limit as the sign-up form, so a CSV account never holds a name the account page would refuse. */
export const MAX_NAME_LENGTH = 120;

export type EnrolmentLanguage = "fr" | "ar" | "en";

/** Why a row cannot be imported. `firstLine` is the earlier line of the file holding the same value. */
export type RowProblem =
  | { code: "name_missing" }
  | { code: "name_too_long"; params: { max: number } }
  | { code: "email_missing" }
  | { code: "email_invalid" }
  | { code: "duplicate_in_file"; params: { firstLine: number } }
  | { code: "student_id_duplicate_in_file"; params: { firstLine: number } };

/** Why the whole file is refused; when there is one, `rows` is empty and nothing may be imported. */
export type FileProblem =
  | { code: "unreadable" } // not CSV (binary, an unclosed quote…)
  | { code: "not_utf8" } // a Buffer that is not UTF-8 (e.g. Excel's "CSV" in Windows-1252): save as "CSV UTF-8"
  | { code: "empty" } // no header line
  | { code: "file_too_large"; params: { maxMegabytes: number } }
  | { code: "too_many_rows"; params: { max: number; found: number } }
  | { code: "missing_column_name" }
  | { code: "missing_column_email" };

/** What was imported differently from the file, without refusing the learner (an optional field). */
export type RowWarning =
  /** An unknown language ("es"): the learner is imported with the centre's default, French. */
  | { code: "language_defaulted"; params: { value: string } }
  /** Separate first and last name columns, the first name empty: imported under the last name alone. */
  | { code: "first_name_missing" };

export type RowProblemCode = RowProblem["code"];
export type FileProblemCode = FileProblem["code"];

export type ParsedRow = {
  /** 1-based line of the file where the row starts (the header is line 1 unless blank lines precede it). */
  line: number;
  /** NFC, trimmed, inner whitespace collapsed; "" when missing. */
  name: string;
  /** Lower-cased and trimmed; "" when missing. */
  email: string;
  studentId: string | null;
  language: EnrolmentLanguage | null;
  /** Empty when the row can be imported. */
  problems: RowProblem[];
  warnings: RowWarning[];
  /** The row's cells as in the file (for the CSV of rejected rows, in the file's own column order). */
  cells: string[];
};

export type ParsedEnrolmentCsv = {
  rows: ParsedRow[];
  fileProblems: FileProblem[];
  /** The header as in the file, and the columns the importer does not use (e.g. "CIN": never imported). */
  header: string[];
  ignoredColumns: string[];
  /** The file's separator, so a file written back (rejected rows) opens like the original. */
  delimiter: string;
};

// The sign-up form's e-mail rule (accounts/schemas.ts), so an imported address is one the log-in form accepts.
const emailSchema = z.string().max(254).email();

// Invisible characters that spreadsheets and Arabic keyboards slip into cells: bidi marks and embeddings,
// zero-width space, BOM. Removed from e-mails and student ids; trimmed from the ends of names.
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const EDGE_INVISIBLE_OR_SPACE = /^[\s\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+|[\s\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+$/g;

/** Text as stored: Unicode NFC, whitespace runs collapsed to one space, trimmed. */
function cleanText(value: string) {
  return value.normalize("NFC").replace(/\s+/g, " ").replace(EDGE_INVISIBLE_OR_SPACE, "");
}

function cleanCode(value: string) {
  return cleanText(value.replace(INVISIBLE, ""));
}

/**
 * A header or language value reduced to its letters and digits, lower-case, without Latin accents or Arabic
 * diacritics ("E-mail" → "email", "Prénom" → "prenom", "البريد الإلكتروني" → "البريدالالكتروني"). NFD turns
 * أ/إ/آ into ا plus a mark, so dropping marks also unifies the alef forms.
 */
export function normalizeLabel(value: string) {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0640/g, "") // tatweel
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function labels(...values: string[]) {
  return new Set(values.map(normalizeLabel));
}

// Header aliases. "nom" is the full name unless a first-name column exists (then it is the last name); "الاسم"
// likewise is the full name unless a family-name column exists (then it is the first name), as on Moroccan forms.
const FULL_NAME = labels(
  "name", "full name", "learner name", "student name", "nom complet", "nom et prénom", "nom & prénom", "nom prénom",
  "prénom et nom", "prénom nom", "nom et prénoms", "الاسم الكامل", "الاسم والنسب", "الاسم و النسب", "الاسم الكامل للمتعلم",
);
const NOM = labels("nom");
const ISM = labels("الاسم", "اسم");
const FIRST_NAME = labels("first name", "firstname", "given name", "prénom", "prénoms", "الاسم الشخصي");
const LAST_NAME = labels("last name", "lastname", "surname", "family name", "nom de famille", "النسب", "الاسم العائلي", "اللقب");
const EMAIL = labels(
  "email", "e-mail", "courriel", "mail", "adresse e-mail", "adresse email", "adresse mail", "adresse électronique",
  "email address", "e-mail address", "البريد الإلكتروني", "البريد", "بريد إلكتروني", "الإيميل", "الإميل",
);
const STUDENT_ID = labels(
  "student id", "student number", "student no", "id", "matricule", "n° matricule", "numéro matricule",
  "numéro d'étudiant", "numéro étudiant", "cne", "code massar", "massar", "الرقم", "رقم الطالب", "رقم التسجيل",
  "رقم مسار", "رمز مسار",
);
const LANGUAGE = labels("language", "preferred language", "langue", "langue préférée", "lang", "اللغة");

const LANGUAGE_VALUES: Record<EnrolmentLanguage, Set<string>> = {
  fr: labels("fr", "français", "francais", "french", "الفرنسية", "فرنسية", "الفرنسيه"),
  ar: labels("ar", "arabe", "arabic", "العربية", "عربية", "عربي", "العربي"),
  en: labels("en", "anglais", "english", "الإنجليزية", "الانجليزية", "إنجليزية", "الإنكليزية", "انجليزي"),
};

/** "fr", "FR", "fr-MA", "Français", "العربية"… → a language; "" → null; anything else → "invalid". */
export function parseLanguage(value: string): EnrolmentLanguage | null | "invalid" {
  const cleaned = cleanCode(value);
  if (cleaned === "") return null;
  const code = /^(fr|ar|en)(?:[-_][a-z]{2,4})?$/i.exec(cleaned)?.[1]?.toLowerCase();
  if (code === "fr" || code === "ar" || code === "en") return code;
  const label = normalizeLabel(cleaned);
  for (const language of ["fr", "ar", "en"] as const) if (LANGUAGE_VALUES[language].has(label)) return language;
  return "invalid";
}

type Columns = { full: number; first: number; last: number; email: number; studentId: number; language: number };

function findColumns(header: string[]): { columns: Columns; problems: FileProblem[] } {
  const keys = header.map(normalizeLabel);
  const find = (aliases: Set<string>) => keys.findIndex((key) => aliases.has(key));
  let full = find(FULL_NAME);
  let first = find(FIRST_NAME);
  let last = find(LAST_NAME);
  const nom = find(NOM);
  const ism = find(ISM);
  if (full < 0) {
    if (first >= 0 && last < 0 && nom >= 0) last = nom;
    if (last >= 0 && first < 0 && ism >= 0) first = ism;
    if (first < 0 && last < 0) full = nom >= 0 ? nom : ism;
  } else {
    first = -1;
    last = -1;
  }
  const columns = { full, first, last, email: find(EMAIL), studentId: find(STUDENT_ID), language: find(LANGUAGE) };
  const problems: FileProblem[] = [];
  if (full < 0 && first < 0 && last < 0) problems.push({ code: "missing_column_name" });
  if (columns.email < 0) problems.push({ code: "missing_column_email" });
  return { columns, problems };
}

/** The separator used by the header line: the most frequent of ";", "," and tab outside quotes (ties: comma). */
export function detectDelimiter(text: string): string {
  const headerLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

type RawRecord = { cells: string[]; line: number };

/**
 * csv-parse's records with the line each starts on. It reports the line a record ends on; since empty lines are
 * records too (skip_empty_lines is off), a record starts on the line after the previous one ended.
 */
function readRecords(text: string): RawRecord[] | null {
  const records: RawRecord[] = [];
  let previousEnd = 0;
  try {
    parse(text, {
      delimiter: detectDelimiter(text),
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (cells: string[], context) => {
        records.push({ cells, line: previousEnd + 1 });
        previousEnd = context.lines;
        return null;
      },
    });
  } catch {
    return null;
  }
  return records;
}

function decode(input: string | Buffer): string | null {
  if (typeof input === "string") return input;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return null;
  }
}

/**
 * Reads an enrolment CSV: UTF-8 with or without BOM, comma, semicolon or tab separated (guessed from the header
 * line), quoted fields, LF, CRLF or CR line ends, blank lines skipped, unknown columns ignored. Column names are
 * matched in French, English and Arabic without regard to case, accents or diacritics; separate first and last
 * name columns are joined as "first last". Rows keep their problems rather than being dropped, so a preview can
 * show every line. A later row with an e-mail (or student id) already seen is the invalid one.
 */
export function parseEnrolmentCsv(input: string | Buffer): ParsedEnrolmentCsv {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  const refused = (fileProblems: FileProblem[]): ParsedEnrolmentCsv => ({ rows: [], fileProblems, header: [], ignoredColumns: [], delimiter: "," });
  if (size > MAX_ENROLMENT_BYTES) return refused([{ code: "file_too_large", params: { maxMegabytes: MAX_ENROLMENT_BYTES / (1024 * 1024) } }]);
  const decoded = decode(input);
  if (decoded === null) return refused([{ code: "not_utf8" }]);
  const text = decoded.replace(/^\uFEFF/, "");
  // A NUL never occurs in a text file: this is a spreadsheet or another binary uploaded by mistake.
  if (text.includes("\u0000")) return refused([{ code: "unreadable" }]);
  const records = readRecords(text);
  if (records === null) return refused([{ code: "unreadable" }]);

  const nonBlank = records.filter((record) => record.cells.some((cell) => cleanText(cell) !== ""));
  const [header, ...data] = nonBlank;
  if (!header) return refused([{ code: "empty" }]);
  const { columns, problems } = findColumns(header.cells);
  if (data.length > MAX_ENROLMENT_ROWS) problems.push({ code: "too_many_rows", params: { max: MAX_ENROLMENT_ROWS, found: data.length } });
  if (problems.length > 0) return refused(problems);
  const used = new Set(Object.values(columns).filter((index) => index >= 0));
  const ignoredColumns = header.cells.flatMap((name, index) => (!used.has(index) && cleanText(name) !== "" ? [cleanText(name)] : []));

  const cell = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? "") : "");
  const firstLineByEmail = new Map<string, number>();
  const firstLineByStudentId = new Map<string, { line: number; email: string }>();
  const rows = data.map(({ cells, line }): ParsedRow => {
    const rowProblems: RowProblem[] = [];
    const warnings: RowWarning[] = [];
    const name = cleanText(columns.full >= 0 ? cell(cells, columns.full) : `${cell(cells, columns.first)} ${cell(cells, columns.last)}`);
    if (name !== "" && columns.full < 0 && columns.first >= 0 && cleanText(cell(cells, columns.first)) === "") warnings.push({ code: "first_name_missing" });
    if (name === "") rowProblems.push({ code: "name_missing" });
    else if (name.length > MAX_NAME_LENGTH) rowProblems.push({ code: "name_too_long", params: { max: MAX_NAME_LENGTH } });

    const email = cleanCode(cell(cells, columns.email)).toLowerCase();
    if (email === "") rowProblems.push({ code: "email_missing" });
    else if (!emailSchema.safeParse(email).success) rowProblems.push({ code: "email_invalid" });
    else {
      const firstLine = firstLineByEmail.get(email);
      if (firstLine === undefined) firstLineByEmail.set(email, line);
      else rowProblems.push({ code: "duplicate_in_file", params: { firstLine } });
    }

    const studentId = cleanCode(cell(cells, columns.studentId)) || null;
    if (studentId !== null) {
      // Compared without case: "j130012345" and "J130012345" are one Massar code typed twice.
      const key = studentId.toUpperCase();
      const first = firstLineByStudentId.get(key);
      if (first === undefined) firstLineByStudentId.set(key, { line, email });
      // The same learner listed twice is already reported as a duplicate e-mail.
      else if (first.email !== email) rowProblems.push({ code: "student_id_duplicate_in_file", params: { firstLine: first.line } });
    }

    // An optional field never rejects a learner: an unknown language is imported as the default, with a warning.
    const rawLanguage = cell(cells, columns.language);
    const language = parseLanguage(rawLanguage);
    if (language === "invalid") warnings.push({ code: "language_defaulted", params: { value: cleanText(rawLanguage) } });

    return { line, name, email, studentId, language: language === "invalid" ? null : language, problems: rowProblems, warnings, cells };
  });
  return { rows, fileProblems: [], header: header.cells, ignoredColumns, delimiter: detectDelimiter(text) };
}

/**
 * The rows that were not imported, as a CSV the centre can fix and upload again: the file's own columns in its own
 * order and separator, plus a last column with the reason.
 */
export function rejectedRowsCsv({
  parsed,
  rejected,
  reasonHeader,
}: {
  parsed: { header: string[]; delimiter: string; rows: ReadonlyArray<Pick<ParsedRow, "line" | "cells">> };
  /** Line → the reason, in the reader's language. */
  rejected: ReadonlyMap<number, string>;
  reasonHeader: string;
}) {
  const width = parsed.header.length;
  const lines = parsed.rows
    .filter((row) => rejected.has(row.line))
    .map((row) => [...Array.from({ length: width }, (_, i) => safeCell(row.cells[i] ?? "")), rejected.get(row.line) ?? ""]);
  return toDelimitedCsv([[...parsed.header, reasonHeader], ...lines], parsed.delimiter);
}
