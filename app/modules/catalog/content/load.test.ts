import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatProblems, formatSummary } from "./check";
import { loadCurriculum, scanMarkdown } from "./load";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const shippedContent = path.join(repoRoot, "content");
const brokenFixture = path.join(repoRoot, "tests/fixtures/content-broken");

// Loading content/ reads ~150 files: load it once for the tests that only inspect the result.
let shipped: ReturnType<typeof loadCurriculum> | undefined;
const loadShipped = () => (shipped ??= loadCurriculum(shippedContent));

describe("loadCurriculum on the shipped content/", () => {
  it("finds no problem", async () => {
    const { problems } = await loadShipped();
    // Compared as text so a failure prints the `file:line: message` lines themselves.
    expect(formatProblems(problems)).toBe("");
  });

  it("loads every skill, tier, course, lesson translation and exam item", async () => {
    const { curriculum, problems } = await loadShipped();
    expect(curriculum.skills).toHaveLength(20);
    expect(curriculum.tiers.map((tier) => [tier.level, tier.id])).toEqual([
      [1, "foundations"],
      [2, "practitioner"],
      [3, "job-tracks"],
    ]);
    expect(curriculum.courses.map((course) => [course.id, course.tier, course.track])).toEqual([
      ["ai-agriculture", 3, "agriculture"],
      ["ai-foundations", 1, null],
      ["ai-language-data", 3, "language-data"],
      ["ai-practitioner", 2, null],
      ["ai-public-services", 3, "public-services"],
      ["ai-tourism", 3, "tourism"],
    ]);
    expect(formatSummary(curriculum, problems)).toBe(
      "content: 6 courses, 36 lessons (fr 36, ar 36, en 36 translations), 236 exam items — 0 problems",
    );
    for (const course of curriculum.courses) {
      expect(course.exam, course.id).not.toBeNull();
      for (const lesson of course.lessons) {
        expect(Object.keys(lesson.translations).sort(), `${course.id}/${lesson.id}`).toEqual(
          [...course.languages].sort(),
        );
      }
    }
  });

  it("orders lessons by module, then within the module", async () => {
    const { curriculum } = await loadShipped();
    const foundations = curriculum.courses.find((course) => course.id === "ai-foundations");
    expect(foundations?.modules.map((module) => module.id)).toEqual([
      "understanding-ai",
      "using-ai-well",
      "ai-responsibly",
    ]);
    expect(foundations?.lessons.map((lesson) => [lesson.position, lesson.moduleId, lesson.id])).toEqual([
      [0, "understanding-ai", "what-ai-is"],
      [1, "understanding-ai", "how-llms-work"],
      [2, "using-ai-well", "prompting-well"],
      [3, "using-ai-well", "checking-ai-output"],
      [4, "ai-responsibly", "privacy-and-law-09-08"],
      [5, "ai-responsibly", "responsible-ai-at-work"],
    ]);
    const whatAiIs = foundations?.lessons[0]?.translations.ar;
    expect(whatAiIs).toMatchObject({
      language: "ar",
      file: "courses/ai-foundations/lessons/what-ai-is.ar.md",
      durationMinutes: 35,
      skills: ["ai-concepts"],
      updated: "2026-11-21",
    });
    expect(whatAiIs?.body.startsWith("## ")).toBe(true);
    expect(whatAiIs?.sources[0]?.url).toBe("https://oecd.ai/en/ai-principles");
  });

  it("maps exam.yaml to an ExamDef, keeping items as written", async () => {
    const { curriculum } = await loadShipped();
    const exam = curriculum.courses.find((course) => course.id === "ai-foundations")?.exam;
    expect(exam).toMatchObject({
      id: "ai-foundations-final",
      file: "courses/ai-foundations/exam.yaml",
      timeLimitMinutes: 40,
      passMarkPercent: 70,
      attemptsAllowed: 3,
      cooldownHours: 24,
      gradeMethod: "highest",
      feedback: "after_submit",
      shuffleOptions: true,
    });
    expect(exam?.pools[0]).toEqual({
      id: "concepts",
      title: { fr: "Notions fondamentales de l'IA", ar: "المفاهيم الأساسية للذكاء الاصطناعي", en: "AI core concepts" },
      skill: "ai-concepts",
      draw: 3,
    });
    expect(exam?.items).toHaveLength(49);
    expect(exam?.items.find((item) => item.id === "concepts-003")).toMatchObject({ type: "true_false", answer: false });
    const single = exam?.items.find((item) => item.id === "concepts-001");
    expect(single?.options).toHaveLength(4);
    expect(exam?.raw).toMatchObject({ exam: { id: "ai-foundations-final" } });
  });
});

/** Every defect planted in tests/fixtures/content-broken, at its line. */
const BROKEN_FIXTURE_PROBLEMS = [
  "courses/alpha/course.yaml:4: title: missing translation (ar)",
  'courses/alpha/course.yaml:8: skills: unknown skill "ghost-skill" (not in skills.yaml)',
  "courses/alpha/course.yaml:15: missing translation: lessons/details.ar.md",
  'courses/alpha/course.yaml:18: duplicate lesson id "intro" (first defined at line 15)',
  "courses/alpha/exam.yaml:5: exam pass_mark_percent must be an integer from 1 to 100 (got 0)",
  'courses/alpha/exam.yaml:8: exam grade_method must be one of highest, last (got "best")',
  'courses/alpha/exam.yaml:11: exam available_from must be a date and time with a time zone, e.g. 2027-01-15T09:00:00+01:00 (got "next monday")',
  'courses/alpha/exam.yaml:16: pool "basics" draws 4 but has 3 items',
  'courses/alpha/exam.yaml:19: pool "extra" skill: unknown skill "ghost-skill" (not in skills.yaml)',
  'courses/alpha/exam.yaml:27: item "q-001" (single) has 0 correct options; exactly one is required',
  'courses/alpha/exam.yaml:28: item "q-001" (single) option "a": unknown key "corect" (allowed: id, text, correct)',
  'courses/alpha/exam.yaml:30: duplicate item id "q-001" (first defined at line 22)',
  'courses/alpha/exam.yaml:39: item "q-002" (multiple) scoring must be one of partial, all_or_nothing (got "proportional")',
  'courses/alpha/exam.yaml:41: item "q-002" prompt: missing translation (ar)',
  'courses/alpha/exam.yaml:44: item "q-002" (multiple): duplicate option id "a" (first defined at line 43)',
  'courses/alpha/exam.yaml:48: item "q-003" points must be a number greater than 0 (got 0)',
  'courses/alpha/exam.yaml:50: item "q-003" (true_false) answer must be true or false (got "yes")',
  'courses/alpha/exam.yaml:57: item "q-004" (numeric) tolerance must be a number of at least 0 (got -1)',
  'courses/alpha/exam.yaml:63: item "q-005" (short_text) accepted (en) must list at least 1 entry (got 0)',
  'courses/alpha/exam.yaml:63: item "q-005" (short_text) accepted: missing translation (ar)',
  'courses/alpha/exam.yaml:69: item "q-006" (ordering) items must list at least 2 entries (got 1)',
  'courses/alpha/exam.yaml:76: item "q-007" (matching) pairs must list at least 2 entries (got 1)',
  'courses/alpha/exam.yaml:77: item "q-007" (matching) pair "p1" right: missing translation (en)',
  'courses/alpha/exam.yaml:86: item "q-008" (open) criterion "r1" points must be a number greater than 0 (got 0)',
  'courses/alpha/exam.yaml:89: item "q-009": unknown pool "missing-pool"',
  'courses/alpha/exam.yaml:90: item "q-009" type must be one of single, multiple, true_false, numeric, short_text, ordering, matching, open (got "essay")',
  'courses/alpha/lessons/intro.ar.md:2: front-matter id "intro-ar" does not match the file name (expected "intro")',
  'courses/alpha/lessons/intro.en.md:6: skills: unknown skill "ghost-skill" (not in skills.yaml)',
  'courses/alpha/lessons/intro.fr.md:11: link "./details.fr.md" is not allowed: use lesson:<lesson-id> for lessons and an absolute https:// URL otherwise',
  'courses/alpha/lessons/intro.fr.md:11: link to unknown lesson "lesson:nowhere"',
  "courses/alpha/lessons/intro.fr.md:13: raw HTML is not allowed in lessons (<details>)",
  'courses/alpha/lessons/intro.fr.md:15: link "lesson:shared" is ambiguous: courses beta, gamma all have a lesson "shared"',
  'courses/alpha/lessons/stray.fr.md:1: lesson "stray" is not listed in course.yaml',
  "courses/alpha/lessons/wrap-up.ar.md:1: missing front-matter: a lesson file starts with a --- line",
  'courses/alpha/lessons/wrap-up.en.md:2: missing required key "duration_minutes"',
  'courses/alpha/lessons/wrap-up.en.md:5: unknown key "durtion_minutes" (allowed: id, title, summary, duration_minutes, skills, updated, sources)',
  'courses/alpha/lessons/wrap-up.en.md:7: updated must be a date written YYYY-MM-DD (got "2026-02-30")',
  'courses/alpha/lessons/wrap-up.fr.md:4: YAML syntax error: Missing closing "quote',
  "courses/beta/course.yaml:3: track is only for tier 3 courses (this course is tier 2); use track: null",
  "courses/beta/course.yaml:11: prerequisites: cycle alpha → gamma → beta → alpha",
  "courses/beta/exam.yaml:6: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
  "courses/gamma/course.yaml:1: track is required for a tier 3 course (one of public-services, agriculture, tourism, language-data)",
  "courses/gamma/course.yaml:2: tier 3 is not defined in tiers.yaml",
  'courses/gamma/course.yaml:10: prerequisites: unknown course "delta"',
  'skills.yaml:6: skill "beta-skill" label: missing translation (ar)',
  'skills.yaml:8: duplicate skill id "alpha-skill" (first defined at line 2)',
];

describe("loadCurriculum on a broken curriculum", () => {
  it("reports every defect at its file and line", async () => {
    const { problems } = await loadCurriculum(brokenFixture);
    expect(formatProblems(problems).split("\n")).toEqual(BROKEN_FIXTURE_PROBLEMS);
  });

  it("still returns what could be read", async () => {
    const { curriculum } = await loadCurriculum(brokenFixture);
    expect(curriculum.skills.map((skill) => skill.id)).toEqual(["alpha-skill", "beta-skill"]);
    expect(curriculum.courses.map((course) => course.id)).toEqual(["alpha", "beta", "gamma"]);
    const alpha = curriculum.courses[0];
    expect(alpha?.lessons.map((lesson) => [lesson.id, Object.keys(lesson.translations)])).toEqual([
      ["intro", ["ar", "en", "fr"]],
      ["details", ["en", "fr"]],
      ["wrap-up", ["en"]],
    ]);
    // Invalid exam settings (pass mark 0, unknown grade method): the exam is withheld rather than half-served.
    expect(alpha?.exam).toBeNull();
  });
});

describe("scanMarkdown", () => {
  it("finds inline, reference and autolink destinations outside code", () => {
    const scan = scanMarkdown(
      [
        'See [a](lesson:a) and ![img](https://example.org/x.png "title").',
        "`[not](code)` and <https://example.org/auto>",
        "```",
        "[not](fenced)",
        "```",
        "[ref]: lesson:b",
        "[^1]: a footnote, not a link",
      ].join("\n"),
    );
    expect(scan.links).toEqual([
      { line: 1, destination: "lesson:a" },
      { line: 1, destination: "https://example.org/x.png" },
      { line: 2, destination: "https://example.org/auto" },
      { line: 6, destination: "lesson:b" },
    ]);
    expect(scan.html).toEqual([]);
  });

  it("flags raw HTML once per line, but not comparisons, escapes or code", () => {
    const scan = scanMarkdown(
      ["under <5 and a < b > c", '<br/> and <span class="x">y</span>', "`<b>` and \\<i>", "<!-- hidden -->"].join("\n"),
    );
    expect(scan.html).toEqual([
      { line: 2, snippet: "<br/>" },
      { line: 4, snippet: "<!--" },
    ]);
  });
});

describe("npm run content:check", () => {
  const run = (contentDir: string) =>
    spawnSync(path.join(repoRoot, "node_modules/.bin/tsx"), ["scripts/content-check.ts", contentDir], {
      cwd: repoRoot,
      encoding: "utf8",
    });

  it("exits 0 with a summary on the shipped content", () => {
    const result = run("content");
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      "content: 6 courses, 36 lessons (fr 36, ar 36, en 36 translations), 236 exam items — 0 problems\n",
    );
    expect(result.status).toBe(0);
  });

  it("exits 1 and prints file:line: message for each problem on a broken fixture", () => {
    const result = run("tests/fixtures/content-broken");
    expect(result.stderr.trimEnd().split("\n")).toEqual(BROKEN_FIXTURE_PROBLEMS);
    expect(result.stdout).toBe(
      `content: 3 courses, 6 lessons (fr 5, ar 1, en 3 translations), 0 exam items — ${BROKEN_FIXTURE_PROBLEMS.length} problems\n`,
    );
    expect(result.status).toBe(1);
  });
});

describe("private exam banks (EXAM_BANKS_DIR)", () => {
  // A centre's live bank for ai-foundations: the open bank with one item rewritten, kept outside content/.
  async function privateBank(feedback: string) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "maharat-banks-"));
    const open = await fs.readFile(path.join(shippedContent, "courses/ai-foundations/exam.yaml"), "utf8");
    const live = open.replace("feedback: after_submit", `feedback: ${feedback}`).replace(/(prompt:\n\s+fr: ")/, "$1[LIVE] ");
    await fs.mkdir(path.join(dir, "ai-foundations"));
    await fs.writeFile(path.join(dir, "ai-foundations", "exam.yaml"), live);
    return dir;
  }

  it("replaces the course's open bank and is marked private", async () => {
    const dir = await privateBank("never");
    const { curriculum, problems } = await loadCurriculum(shippedContent, { examBanksDir: dir });
    expect(formatProblems(problems)).toBe("");
    const exam = curriculum.courses.find((course) => course.id === "ai-foundations")?.exam;
    expect(exam?.isPrivate).toBe(true);
    expect(exam?.file).toBe(path.join(dir, "ai-foundations", "exam.yaml"));
    expect(exam?.items.some((item) => JSON.stringify(item.prompt).includes("[LIVE]"))).toBe(true);
    // Other courses keep their open banks.
    expect(curriculum.courses.find((course) => course.id === "ai-practitioner")?.exam?.isPrivate).toBeUndefined();
    expect(formatSummary(curriculum, problems)).toContain("exam items (1 from private banks) — 0 problems");
  });

  it("refuses a private bank whose result page would show its items, at the feedback line", async () => {
    const dir = await privateBank("after_submit");
    const { problems } = await loadCurriculum(shippedContent, { examBanksDir: dir });
    const file = path.join(dir, "ai-foundations", "exam.yaml");
    const line = (await fs.readFile(file, "utf8")).split("\n").findIndex((text) => text.includes("feedback:")) + 1;
    expect(formatProblems(problems)).toBe(`${file}:${line}: a private bank must set "feedback: never" (the result page would show its items)`);
  });
});
