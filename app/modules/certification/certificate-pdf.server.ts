// The printable certificate (A4 landscape PDF, pdfkit): learner, achievement, issuer and co-branding centre, date,
// skills, credential id and a QR code to the public verify page.
//
// Arabic: pdfkit 0.17 hands each space-separated word to fontkit, which shapes it (joining forms, ligatures, from
// the font's GSUB) and reverses the glyphs of a right-to-left word; it does no bidirectional reordering of words.
// So lines are wrapped here in logical order and each line's words are drawn one by one in visual order (words of
// right-to-left runs reversed, runs reversed on an Arabic page), which gives correct Arabic, French and mixed lines
// (a Latin name or a date on an Arabic page). Neutral-only words take the direction around them.
import fs from "node:fs";
import PDFDocument from "pdfkit";
import { logger } from "~/lib/logger.server";
import { formatDate } from "~/lib/i18n";
import { qrCodePng } from "./badge-png.server";

type Direction = "ltr" | "rtl";

type FontFiles = { regular: string; bold: string };

// System fonts with Arabic and Latin glyphs and OpenType Arabic shaping, first found wins (no font is shipped:
// DejaVu Sans is in every Debian/Ubuntu image through fontconfig; the others cover Arch, Fedora/Alpine, Windows).
const FONT_CANDIDATES: FontFiles[] = [
  { regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" },
  { regular: "/usr/share/fonts/TTF/DejaVuSans.ttf", bold: "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf" },
  { regular: "/usr/share/fonts/dejavu/DejaVuSans.ttf", bold: "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf" },
  { regular: "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", bold: "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf" },
  { regular: "C:\\Windows\\Fonts\\arial.ttf", bold: "C:\\Windows\\Fonts\\arialbd.ttf" },
];

let fontsFound: FontFiles | null | undefined;

/** The first installed candidate (bold falls back to regular); null when none is, and the PDF uses Helvetica. */
export function findCertificateFonts(): FontFiles | null {
  if (fontsFound !== undefined) return fontsFound;
  const found = FONT_CANDIDATES.find((candidate) => fs.existsSync(candidate.regular));
  fontsFound = found ? { regular: found.regular, bold: fs.existsSync(found.bold) ? found.bold : found.regular } : null;
  if (!fontsFound) {
    logger.warn({ candidates: FONT_CANDIDATES.map((c) => c.regular) }, "no Unicode font found for PDF certificates: they fall back to Helvetica, in French, without Arabic text (install fonts-dejavu-core)");
  }
  return fontsFound;
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_LTR = /[\p{L}\p{N}]/u;

function wordDirection(word: string): Direction | null {
  if (RTL_LETTER.test(word)) return "rtl";
  if (STRONG_LTR.test(word)) return "ltr";
  return null;
}

/**
 * The words of one line in the order they are drawn from left to right (a word-level simplification of the Unicode
 * bidi algorithm, rules W/N/L2): runs of same-direction words, neutrals joining the direction on both sides or the
 * base direction, right-to-left runs reversed, and all runs reversed when the base direction is right-to-left.
 */
export function visualWordOrder(words: string[], base: Direction): string[] {
  const strong = words.map(wordDirection);
  const resolved = strong.map((direction, index): Direction => {
    if (direction) return direction;
    const before = strong.slice(0, index).reverse().find((d) => d !== null) ?? null;
    const after = strong.slice(index + 1).find((d) => d !== null) ?? null;
    return before !== null && before === after ? before : base;
  });
  const runs: { direction: Direction; words: string[] }[] = [];
  words.forEach((word, index) => {
    const last = runs[runs.length - 1];
    if (last && last.direction === resolved[index]) last.words.push(word);
    else runs.push({ direction: resolved[index], words: [word] });
  });
  const ordered = base === "rtl" ? runs.reverse() : runs;
  return ordered.flatMap((run) => (run.direction === "rtl" ? [...run.words].reverse() : run.words));
}

type Doc = InstanceType<typeof PDFDocument>;
type Align = "left" | "center" | "right";

function splitWords(text: string) {
  return text.split(/\s+/).filter((word) => word !== "");
}

/** Wraps `text` to `width` in logical order (a word longer than the line gets a line of its own). */
function wrapLines(doc: Doc, text: string, width: number): string[][] {
  const space = doc.widthOfString(" ");
  const lines: string[][] = [];
  let line: string[] = [];
  let lineWidth = 0;
  for (const word of splitWords(text)) {
    const wordWidth = doc.widthOfString(word);
    if (line.length > 0 && lineWidth + space + wordWidth > width) {
      lines.push(line);
      line = [];
      lineWidth = 0;
    }
    lineWidth += (line.length > 0 ? space : 0) + wordWidth;
    line.push(word);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

type TextOptions = { x: number; width: number; align: Align; base: Direction; font: string; size: number; color?: string; maxLines?: number };

/** Draws a paragraph at `y` and returns the y below it. */
function drawParagraph(doc: Doc, text: string, y: number, options: TextOptions): number {
  doc.font(options.font).fontSize(options.size).fillColor(options.color ?? "#1c1917");
  const space = doc.widthOfString(" ");
  const lineHeight = doc.currentLineHeight(true);
  const lines = wrapLines(doc, text, options.width).slice(0, options.maxLines ?? Infinity);
  let top = y;
  for (const line of lines) {
    const words = visualWordOrder(line, options.base);
    const widths = words.map((word) => doc.widthOfString(word));
    const total = widths.reduce((sum, w) => sum + w, 0) + space * Math.max(0, words.length - 1);
    let x = options.align === "left" ? options.x : options.align === "right" ? options.x + options.width - total : options.x + (options.width - total) / 2;
    words.forEach((word, index) => {
      doc.text(word, x, top, { lineBreak: false });
      x += widths[index] + space;
    });
    top += lineHeight;
  }
  return top;
}

/** A catalogue lookup in a given language (the route passes i18next's t). */
export type Translate = (key: string, values: Record<string, string>) => string;

export type CertificateContent = {
  learnerName: string;
  achievementName: string;
  issuerName: string;
  centreName?: string | null;
  issuedOn: Date | string;
  skills: string[];
  credentialId: string;
  verifyUrl: string;
};

/** Latin-1 only, for the Helvetica fallback (its encoding has nothing else). */
function latin1(text: string) {
  return text.replace(/[^\u0020-\u00ff\u2013\u2014\u2019\u00ab\u00bb]/g, "?");
}

/**
 * Renders the certificate in `language` (labels from the catalogue through `t`). Without a Unicode system font the
 * certificate is French on Helvetica and non-Latin letters become "?" (a warning is logged once).
 */
export async function renderCertificatePdf({ content, language, t }: { content: CertificateContent; language: string; t: Translate }): Promise<Buffer> {
  const fonts = findCertificateFonts();
  const lang = fonts ? language : "fr";
  const clean = fonts ? (text: string) => text : latin1;
  const base: Direction = lang === "ar" ? "rtl" : "ltr";
  const tl = (key: string, values: Record<string, string> = {}) => clean(t(key, { lng: lang, ...values }));

  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: lang === "ar" ? "ar-MA" : lang === "en" ? "en-GB" : "fr-MA",
    info: { Title: clean(`${content.achievementName} — ${content.learnerName}`), Author: clean(content.issuerName), Subject: clean(content.credentialId) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  if (fonts) {
    doc.registerFont("regular", fonts.regular);
    doc.registerFont("bold", fonts.bold);
  } else {
    doc.registerFont("regular", "Helvetica");
    doc.registerFont("bold", "Helvetica-Bold");
  }
  const pageWidth = doc.page.width;
  const pageHeight = doc.page.height;
  const brand = "#166534";
  doc.lineWidth(4).strokeColor(brand).rect(18, 18, pageWidth - 36, pageHeight - 36).stroke();
  doc.lineWidth(0.8).strokeColor("#a8a29e").rect(28, 28, pageWidth - 56, pageHeight - 56).stroke();

  const column = { x: 90, width: pageWidth - 180, align: "center" as const, base };
  let y = 56;
  y = drawParagraph(doc, fonts ? "Maharat · مهارات" : "Maharat", y, { ...column, font: "bold", size: 15, color: brand });
  y = drawParagraph(doc, tl("credentials.pdf.heading"), y + 10, { ...column, font: "bold", size: 30 });
  y = drawParagraph(doc, tl("credentials.pdf.certifies"), y + 18, { ...column, font: "regular", size: 13, color: "#44403c" });
  y = drawParagraph(doc, clean(content.learnerName), y + 6, { ...column, font: "bold", size: 24, maxLines: 2 });
  y = drawParagraph(doc, tl("credentials.pdf.earned"), y + 10, { ...column, font: "regular", size: 13, color: "#44403c" });
  y = drawParagraph(doc, clean(content.achievementName), y + 6, { ...column, font: "bold", size: 21, color: brand, maxLines: 2 });
  y = drawParagraph(doc, tl("credentials.pdf.issuedBy", { issuer: content.issuerName }), y + 12, { ...column, font: "regular", size: 12 });
  if (content.centreName) {
    y = drawParagraph(doc, tl("credentials.pdf.partner", { centre: content.centreName }), y + 2, { ...column, font: "regular", size: 12 });
  }
  y = drawParagraph(doc, tl("credentials.pdf.date", { date: formatDate(content.issuedOn, lang) }), y + 2, { ...column, font: "regular", size: 12 });
  if (content.skills.length > 0) {
    y = drawParagraph(doc, tl("credentials.pdf.skills", { skills: content.skills.join(" · ") }), y + 12, { ...column, font: "regular", size: 10, color: "#44403c", maxLines: 3 });
  }

  // Footer: the QR code at the line's end side, the id and verify link beside it.
  const qrSize = 92;
  const qr = await qrCodePng(content.verifyUrl, { width: 300 });
  const qrX = base === "rtl" ? 48 : pageWidth - 48 - qrSize;
  const qrY = pageHeight - 48 - qrSize;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  const footer = { x: base === "rtl" ? 48 + qrSize + 16 : 48, width: pageWidth - 96 - qrSize - 16, align: (base === "rtl" ? "right" : "left") as Align, base };
  let footerY = qrY + 18;
  footerY = drawParagraph(doc, tl("credentials.pdf.scan"), footerY, { ...footer, font: "bold", size: 10 });
  footerY = drawParagraph(doc, tl("credentials.pdf.credentialId", { id: content.credentialId }), footerY + 4, { ...footer, font: "regular", size: 9, color: "#44403c" });
  drawParagraph(doc, content.verifyUrl, footerY + 2, { ...footer, font: "regular", size: 9, color: brand });

  doc.end();
  return finished;
}
