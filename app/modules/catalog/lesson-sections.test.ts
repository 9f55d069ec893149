import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSelfCheckSection, markdownToPlainText, selfCheckQuestions, splitLessonSections } from "./lesson-sections";
import { renderLessonMarkdown } from "./markdown.server";

const body = [
  "## A prompt is a brief",
  "",
  "An **AI assistant** knows [nothing](lesson:how-llms-work) about you.",
  "",
  "```",
  "## not a heading inside code",
  "```",
  "",
  "## The five ingredients",
  "",
  "| Ingredient | Example |",
  "|---|---|",
  "| **Context** | I run a *riad* |",
  "",
  "- one",
  "- two",
  "",
  "## Self-check",
  "",
  "1. What is missing from the prompt?",
  "2. Which technique do you use?",
  "",
  "Answer 1: Almost everything.",
].join("\n");

describe("lesson sections", () => {
  it("splits on level-2 headings outside code, numbered as the page anchors them", () => {
    const sections = splitLessonSections(body);
    expect(sections.map((s) => [s.anchor, s.heading])).toEqual([
      ["section-1", "A prompt is a brief"],
      ["section-2", "The five ingredients"],
      ["section-3", "Self-check"],
    ]);
    const html = renderLessonMarkdown({ body, resolveLesson: () => "/x" });
    expect(html).toContain('<h2 id="section-2">The five ingredients</h2>');
    expect(html).not.toContain('id="section-4"');
  });
  it("gives plain text without markup, links or emphasis; tables as rows", () => {
    const [first, second] = splitLessonSections(body);
    expect(markdownToPlainText(first?.markdown ?? "")).toBe("An AI assistant knows nothing about you.\n## not a heading inside code");
    expect(markdownToPlainText(second?.markdown ?? "")).toBe("Ingredient | Example\nContext | I run a riad\n- one\n- two");
  });
  it("reads the self-check questions, not their answers", () => {
    const sections = splitLessonSections(body);
    expect(isSelfCheckSection(sections[2]!)).toBe(true);
    expect(selfCheckQuestions(sections)).toEqual(["What is missing from the prompt?", "Which technique do you use?"]);
  });
  it("finds the self-check questions of every lesson language", () => {
    for (const lang of ["fr", "ar", "en"]) {
      const text = readFileSync(`content/courses/ai-foundations/lessons/prompting-well.${lang}.md`, "utf8").replace(/^---[\s\S]*?\n---\n/, "");
      expect(selfCheckQuestions(splitLessonSections(text)).length, lang).toBeGreaterThanOrEqual(2);
    }
  });
});
