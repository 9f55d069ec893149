import { describe, expect, it } from "vitest";
import { renderLessonMarkdown } from "./markdown.server";

const resolveLesson = (id: string) => (id === "how-llms-work" ? "/courses/ai-foundations/how-llms-work" : null);

describe("renderLessonMarkdown", () => {
  it("renders headings, lists and tables", () => {
    const html = renderLessonMarkdown({ body: "## Titre\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", resolveLesson });
    expect(html).toContain(`<h2 id="section-1">Titre</h2>`);
    expect(html).toContain("<li>un</li>");
    expect(html).toContain('<table tabindex="0">');
  });
  it("escapes raw HTML instead of rendering it", () => {
    const html = renderLessonMarkdown({ body: 'Texte <script>alert(1)</script> <img src=x onerror="x()">', resolveLesson });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });
  it("turns lesson: links into course URLs and drops unknown ones", () => {
    const html = renderLessonMarkdown({ body: "[suite](lesson:how-llms-work) et [perdu](lesson:nowhere)", resolveLesson });
    expect(html).toContain('<a href="/courses/ai-foundations/how-llms-work">suite</a>');
    expect(html).toContain('<a href="#">perdu</a>');
  });
  it("marks external links noopener and refuses javascript: URLs", () => {
    const html = renderLessonMarkdown({ body: "[CNDP](https://www.cndp.ma) [x](javascript:alert(1))", resolveLesson });
    expect(html).toContain('<a href="https://www.cndp.ma" rel="noopener noreferrer">CNDP</a>');
    expect(html).not.toMatch(/href="javascript:/);
  });
});
