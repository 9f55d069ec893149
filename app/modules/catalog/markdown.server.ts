import { createLessonMarkdown } from "./content/lesson-markdown";
import { sectionAnchor } from "./lesson-sections";

/**
 * Lesson Markdown to HTML. Raw HTML in the source is escaped (html: false), so lesson files cannot inject markup;
 * `lesson:<id>` links become links to the lesson in its course; `## ` headings get their section anchors. The
 * configuration is the one content:check scans lessons with (content/lesson-markdown.ts), so the two cannot disagree.
 */
const md = createLessonMarkdown();

export function renderLessonMarkdown({
  body,
  resolveLesson,
}: {
  body: string;
  /** Maps a lesson id from a `lesson:` link to its URL (null when unknown: the link is then dropped). */
  resolveLesson: (lessonId: string) => string | null;
}) {
  const tokens = md.parse(body, {});
  let section = 0;
  for (const token of tokens) {
    // Each `## ` heading is a section the study tutor can cite (lesson-sections.ts numbers them the same way).
    if (token.type === "heading_open" && token.tag === "h2") token.attrSet("id", sectionAnchor(++section));
    // A wide table scrolls sideways on a phone (tailwind.css): keyboard users must be able to reach it (WCAG 2.1.1).
    if (token.type === "table_open") token.attrSet("tabindex", "0");
    for (const child of token.children ?? []) {
      if (child.type !== "link_open") continue;
      const href = child.attrGet("href") ?? "";
      if (href.startsWith("lesson:")) {
        const target = resolveLesson(href.slice("lesson:".length));
        child.attrSet("href", target ?? "#");
      } else if (/^https?:\/\//.test(href)) {
        child.attrSet("rel", "noopener noreferrer");
      }
    }
  }
  return md.renderer.render(tokens, md.options, {});
}
