// Lesson Markdown: the markdown-it configuration lessons are rendered with, and the scan content:check runs on its
// tokens (link destinations and raw HTML), so the check reads a lesson the way the lesson page does.
import MarkdownIt from "markdown-it";

/**
 * markdown-it as the lesson page renders lessons: raw HTML escaped, bare URLs linked, and our own `lesson:` scheme let
 * through markdown-it's link filter. The checking variant keeps raw HTML and every link as tokens, so the check can
 * refuse them; a lesson that passes the check has neither, and both variants then parse it alike.
 */
export function createLessonMarkdown({ forChecking = false } = {}): MarkdownIt {
  const md = new MarkdownIt({ html: forChecking, linkify: true, typographer: false });
  const defaultValidateLink = md.validateLink.bind(md);
  md.validateLink = (url) => forChecking || url.startsWith("lesson:") || defaultValidateLink(url);
  return md;
}

export type MarkdownScan = {
  /**
   * Link and image destinations as written, with their 1-based line in the scanned text. A
   * reference definition's destination is listed at the definition, not again at each link that uses it.
   */
  links: Array<{ line: number; destination: string }>;
  /** The first raw HTML construct of each line that has one. */
  html: Array<{ line: number; snippet: string }>;
};

type ScanEnv = {
  /** markdown-it's own: the `[label]: destination` definitions it read. */
  references?: Record<string, { href: string }>;
  definitions: MarkdownScan["links"];
  noted: Set<string>;
  /** 0-based line of the last block start seen by `definition_lines`. */
  line: number;
};

const checker = createLessonMarkdown({ forChecking: true });

// Inline tokens carry no line. The checker's inline parser stamps each token it pushes with its offset in the
// block's text, from which scanMarkdown counts the lines (code spans and link titles may span several).
class PositionedState extends checker.inline.State {
  override push(type: string, tag: string, nesting: -1 | 0 | 1) {
    const token = super.push(type, tag, nesting);
    token.meta = { ...token.meta, offset: this.pos };
    return token;
  }
}
checker.inline.State = PositionedState;

// markdown-it keeps reference definitions in env.references without their line. This rule runs (and declines) just
// before markdown-it's own at every block start, so a definition that appeared since its last run began at that line.
checker.block.ruler.before("reference", "definition_lines", (state, startLine) => {
  const env: ScanEnv = state.env;
  noteDefinitions(env);
  env.line = startLine;
  return false;
});

function noteDefinitions(env: ScanEnv) {
  for (const [label, { href }] of Object.entries(env.references ?? {})) {
    if (env.noted.has(label)) continue;
    env.noted.add(label);
    env.definitions.push({ line: env.line + 1, destination: checker.normalizeLinkText(href) });
  }
}

export function scanMarkdown(markdown: string): MarkdownScan {
  const env: ScanEnv = { definitions: [], noted: new Set(), line: 0 };
  const tokens = checker.parse(markdown, env);
  noteDefinitions(env);
  const links = [...env.definitions];
  const defined = new Set(links.map((link) => link.destination));
  const html: MarkdownScan["html"] = [];
  const addHtml = (line: number, content: string) => {
    if (!html.some((entry) => entry.line === line)) html.push({ line, snippet: htmlSnippet(content) });
  };
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = token.map[0] + 1;
    if (token.type === "html_block") addHtml(line, token.content);
    let inlineLine = line;
    for (const child of token.children ?? []) {
      // Tokens markdown-it adds afterwards (bare URLs) have no offset: they keep the line of the token before.
      const offset: unknown = child.meta?.offset;
      if (typeof offset === "number") inlineLine = line + token.content.slice(0, offset).split("\n").length - 1;
      const href = child.type === "link_open" ? child.attrGet("href") : child.type === "image" ? child.attrGet("src") : null;
      // Destinations as written: markdown-it percent-encodes them.
      const destination = href === null ? null : checker.normalizeLinkText(href);
      if (destination !== null && !defined.has(destination)) links.push({ line: inlineLine, destination });
      if (child.type === "html_inline") addHtml(inlineLine, child.content);
    }
  }
  links.sort((a, b) => a.line - b.line);
  return { links, html };
}

/** What a message quotes of a raw HTML token: its first tag, or the opening of a comment, instruction or CDATA. */
function htmlSnippet(content: string): string {
  const first = /^(?:<!--|<\?|<!\[CDATA\[|<[^>]*>?)/.exec(content.trimStart())?.[0] ?? content.trim();
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}
