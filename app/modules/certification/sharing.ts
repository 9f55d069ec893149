// Pure helpers for sharing and checking credentials: the LinkedIn "add certification" link, reading an employer's
// CSV of credential links, and picking our credential uuid out of a link. No Prisma, no Remix.
import { parse } from "csv-parse/sync";

export const LINKEDIN_ORGANIZATION_NAME = "Maharat";

export type LinkedInFields = {
  name: string;
  organizationName: string;
  issueYear: number;
  issueMonth: number;
  certUrl: string;
  certId: string;
};

export function linkedInFields({ name, issuedAt, certUrl, certId }: { name: string; issuedAt: Date; certUrl: string; certId: string }): LinkedInFields {
  return {
    name,
    organizationName: LINKEDIN_ORGANIZATION_NAME,
    issueYear: issuedAt.getUTCFullYear(),
    issueMonth: issuedAt.getUTCMonth() + 1,
    certUrl,
    certId,
  };
}

/** LinkedIn's documented "Add to profile" link for a certification, every value URL-encoded. */
export function linkedInAddUrl(fields: LinkedInFields): string {
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: fields.name,
    organizationName: fields.organizationName,
    issueYear: String(fields.issueYear),
    issueMonth: String(fields.issueMonth),
    certUrl: fields.certUrl,
    certId: fields.certId,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CredentialLinkTarget = { kind: "ours"; id: string } | { kind: "not_ours" };

/**
 * Which of our credentials a link names: a bare uuid, or a URL on one of our hosts whose path is
 * /credentials/<uuid> (optionally .json/.png/.pdf) or /verify?id=<uuid>. Any other host is "not_ours": its uuid
 * says nothing about our records.
 */
export function credentialIdFromLink(link: string, ourHosts: readonly string[]): CredentialLinkTarget {
  const value = link.trim();
  if (UUID_ONLY.test(value)) return { kind: "ours", id: value.toLowerCase() };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { kind: "not_ours" };
  }
  if (!ourHosts.includes(url.host)) return { kind: "not_ours" };
  const byPath = /^\/credentials\/([0-9a-f-]{36})(?:\.(?:json|png|pdf))?\/?$/i.exec(url.pathname);
  if (byPath && UUID_ONLY.test(byPath[1])) return { kind: "ours", id: byPath[1].toLowerCase() };
  if (url.pathname === "/verify") {
    const id = url.searchParams.get("id") ?? "";
    const match = UUID_IN_TEXT.exec(id);
    if (match) return { kind: "ours", id: match[0].toLowerCase() };
  }
  return { kind: "not_ours" };
}

/**
 * CSV rows (csv-parse: quoted fields, CRLF or LF, BOM), with the delimiter guessed from the first line: comma,
 * semicolon as French spreadsheets write, or tab. Ragged rows are accepted (a list of links has no fixed width).
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [";", "\t", ","].reduce((best, candidate) => (count(firstLine, candidate) > count(firstLine, best) ? candidate : best), ",");
  return parse(text, { bom: true, delimiter, record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
}

function count(text: string, char: string) {
  return text.split(char).length - 1;
}

const LINK_HEADERS = new Set(["url", "link", "links", "lien", "liens", "رابط", "الرابط", "credential", "credential_url"]);

export type CsvLink = { line: number; link: string };

/**
 * The credential links of an employer's CSV: the column named url/link (or lien, رابط) when the first row has one,
 * otherwise the first non-empty cell of each line. Blank lines are skipped; `line` is the 1-based line in the file.
 */
export function linksFromCsv(text: string): CsvLink[] {
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0].map((cell) => cell.trim().toLowerCase());
  const column = header.findIndex((cell) => LINK_HEADERS.has(cell));
  const links: CsvLink[] = [];
  rows.forEach((cells, index) => {
    if (column >= 0 && index === 0) return;
    const cell = column >= 0 ? (cells[column] ?? "") : (cells.find((c) => c.trim() !== "") ?? "");
    if (cell.trim() === "") return;
    links.push({ line: index + 1, link: cell.trim() });
  });
  return links;
}
