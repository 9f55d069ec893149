// A lesson's sections: each `## ` heading opens one. The lesson page gives each heading the anchor `section-N`
// (markdown.server.ts), and the study tutor indexes and cites the same sections, so a citation lands on its text.
// Framework-free; markdown-it is the one Markdown parser of the app.
import MarkdownIt from "markdown-it";

export type LessonSection = {
  /** 1-based, in order of the `## ` headings. */
  index: number;
  anchor: string;
  heading: string;
  /** The section's Markdown, heading excluded. */
  markdown: string;
};

export const sectionAnchor = (index: number) => `section-${index}`;

const FENCE = /^ {0,3}(```|~~~)/;
const H2 = /^ {0,3}## +(.+?)\s*#*\s*$/;

/** The `## ` sections of a lesson body (text before the first heading is not a section: lessons open with one). */
export function splitLessonSections(body: string): LessonSection[] {
  const sections: LessonSection[] = [];
  let current: { heading: string; lines: string[] } | null = null;
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : H2.exec(line);
    if (heading) {
      if (current) sections.push(toSection(sections.length + 1, current));
      current = { heading: heading[1] ?? "", lines: [] };
    } else current?.lines.push(line);
  }
  if (current) sections.push(toSection(sections.length + 1, current));
  return sections;
}

function toSection(index: number, { heading, lines }: { heading: string; lines: string[] }): LessonSection {
  return { index, anchor: sectionAnchor(index), heading: markdownToPlainText(heading), markdown: lines.join("\n").trim() };
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * Markdown to the plain text a reader sees: no markup, link targets dropped, one line per paragraph, list item,
 * heading or table row (cells joined by " | ").
 */
export function markdownToPlainText(markdown: string): string {
  const out: string[] = [];
  let line = "";
  const endLine = () => {
    const text = line.replace(/[ \t]+/g, " ").trim();
    if (text) out.push(text);
    line = "";
  };
  for (const token of md.parse(markdown, {})) {
    switch (token.type) {
      case "inline":
        for (const child of token.children ?? []) {
          if (child.type === "text" || child.type === "code_inline") line += child.content;
          else if (child.type === "softbreak" || child.type === "hardbreak") line += " ";
        }
        break;
      case "code_block":
      case "fence":
        line += token.content;
        endLine();
        break;
      case "th_close":
      case "td_close":
        line += " | ";
        break;
      case "tr_close":
        line = line.replace(/ \| $/, "");
        endLine();
        break;
      case "paragraph_close":
      case "heading_close":
      case "list_item_close":
        endLine();
        break;
      case "list_item_open":
        if (token.markup === "-" || token.markup === "*" || token.markup === "+") line += "- ";
        else if (token.info) line += `${token.info}. `;
        break;
      default:
        break;
    }
  }
  endLine();
  return out.join("\n");
}

/** The self-check questions of a lesson (the numbered list of its self-check section), as plain text. */
export function selfCheckQuestions(sections: readonly LessonSection[]): string[] {
  const section = sections.find(isSelfCheckSection);
  if (!section) return [];
  const questions: string[] = [];
  for (const line of section.markdown.split(/\r?\n/)) {
    const item = /^\s*\d+[.)]\s+(.+)$/.exec(line);
    if (item?.[1]) questions.push(markdownToPlainText(item[1]));
  }
  return questions;
}

/** The self-check section's heading in each language, as every lesson writes it. */
const SELF_CHECK_HEADINGS = ["self-check", "auto-évaluation", "تقييم ذاتي"];

/** Whether a section is the lesson's self-check (its answers are not material for the tutor to quote). */
export const isSelfCheckSection = (section: LessonSection) => SELF_CHECK_HEADINGS.includes(section.heading.trim().toLowerCase());
