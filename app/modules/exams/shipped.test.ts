// The exam core against every exam shipped in content/: every pool can be drawn, every item parses, its correct
// answer (sent through the browser's display keys) grades as correct, and its public view leaks no key.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../catalog/content/load";
import { CONTENT_LANGUAGES, type ExamDef, type ExamItemDef } from "../catalog/content/types";
import { drawItems, mulberry32, shuffleOptions } from "./draw";
import { gradeItem, type ItemResponse } from "./grading";
import { isRecord, parseItem, pickText, type ParsedItem } from "./items";
import { suggestRubricScore } from "./rubric";
import { publicItemView, toDisplayResponse, toGradingResponse, type PublicItemView } from "./view";

let exams: ExamDef[] = [];

beforeAll(async () => {
  const { curriculum, problems } = await loadCurriculum(path.resolve("content"));
  expect(problems).toEqual([]);
  exams = curriculum.courses.flatMap((course) => (course.exam ? [course.exam] : []));
});

function everyItem(): Array<{ exam: ExamDef; item: ExamItemDef; parsed: ParsedItem }> {
  return exams.flatMap((exam) =>
    exam.items.map((item) => {
      const parsed = parseItem(item);
      if (!parsed) throw new Error(`${exam.id}/${item.id} does not parse`);
      return { exam, item, parsed };
    })
  );
}

/** The response a learner who knows the key would get graded with (real ids). */
function correctResponse(item: ParsedItem): ItemResponse {
  switch (item.type) {
    case "single":
      return { optionId: item.options.find((option) => option.correct)?.id ?? "" };
    case "multiple":
      return { optionIds: item.options.filter((option) => option.correct).map((option) => option.id) };
    case "true_false":
      return { value: item.answer };
    case "numeric":
      return { value: String(item.answer).replace(".", ",") };
    case "short_text":
      return { text: Object.values(item.accepted).flatMap((answers) => answers ?? [])[0] ?? "" };
    case "ordering":
      return { order: item.items.map((entry) => entry.id) };
    case "matching":
      return { pairs: Object.fromEntries(item.pairs.map((pair) => [pair.id, pair.id])) };
    case "open":
      return { text: "An answer for the reviewer." };
  }
}

/** Every string the author wrote for display in the item, in every language. */
function publicTexts(item: ParsedItem): Set<string> {
  const texts = [item.prompt];
  if (item.type === "single" || item.type === "multiple") texts.push(...item.options.map((option) => option.text));
  if (item.type === "ordering") texts.push(...item.items.map((entry) => entry.text));
  if (item.type === "matching") texts.push(...item.pairs.flatMap((pair) => [pair.left, pair.right]));
  if (item.type === "numeric" && item.unit) texts.push(item.unit);
  return new Set(texts.flatMap((text) => Object.values(text)));
}

/** Every value that must stay on the server: explanations, accepted answers, rubric descriptions and keywords. */
function secretTexts(item: ParsedItem): string[] {
  const secrets = item.explanation ? Object.values(item.explanation) : [];
  if (item.type === "short_text") secrets.push(...Object.values(item.accepted).flatMap((answers) => answers ?? []));
  if (item.type === "open") {
    for (const criterion of item.rubric) {
      secrets.push(...Object.values(criterion.description));
      secrets.push(...Object.values(criterion.keywords).flatMap((keywords) => keywords ?? []));
    }
  }
  return secrets;
}

type Leaf = { key: string; value: unknown };

/** Every key and leaf of a JSON value, with the key it sits under. */
function leaves(value: unknown, key = ""): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((entry) => leaves(entry, key));
  if (isRecord(value)) return Object.entries(value).flatMap(([childKey, child]) => leaves(child, childKey));
  return [{ key, value }];
}

function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((entry) => keys(entry));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, child]) => [key, ...keys(child)]);
  return [];
}

const FORBIDDEN_KEYS = [
  "correct",
  "answer",
  "tolerance",
  "accepted",
  "rubric",
  "keywords",
  "explanation",
  "scoring",
  "pool",
  "description",
];

function displayKeysOf(view: PublicItemView): string[] {
  switch (view.type) {
    case "single":
    case "multiple":
      return view.options.map((option) => option.id);
    case "ordering":
      return view.items.map((entry) => entry.id);
    case "matching":
      return [...view.lefts.map((left) => left.id), ...view.rights.map((right) => right.id)];
    default:
      return [];
  }
}

function expectedDisplayKeys(view: PublicItemView): string[] {
  const numbered = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);
  switch (view.type) {
    case "single":
    case "multiple":
      return numbered("o", view.options.length);
    case "ordering":
      return numbered("e", view.items.length);
    case "matching":
      return [...numbered("l", view.lefts.length), ...numbered("r", view.rights.length)];
    default:
      return [];
  }
}

describe("the shipped exams", () => {
  it("are all loaded, and every item parses", () => {
    expect(exams.length).toBeGreaterThanOrEqual(6);
    expect(everyItem().length).toBeGreaterThanOrEqual(200);
    const types = new Set(everyItem().map(({ parsed }) => parsed.type));
    expect([...types].sort()).toEqual([
      "matching",
      "multiple",
      "numeric",
      "open",
      "ordering",
      "short_text",
      "single",
      "true_false",
    ]);
  });

  it("can draw every pool: exactly `draw` items from the right pool, without repeats, for many seeds", () => {
    for (const exam of exams) {
      const poolOf = new Map(exam.items.map((item) => [item.id, item.pool]));
      const total = exam.pools.reduce((sum, pool) => sum + pool.draw, 0);
      for (let seed = 0; seed < 25; seed++) {
        const ids = drawItems({ exam, seenItemIds: [], random: mulberry32(seed) });
        expect(ids, exam.id).toHaveLength(total);
        expect(new Set(ids).size, exam.id).toBe(total);
        let offset = 0;
        for (const pool of exam.pools) {
          const block = ids.slice(offset, offset + pool.draw);
          expect(
            block.every((id) => poolOf.get(id) === pool.id),
            `${exam.id}/${pool.id}`
          ).toBe(true);
          offset += pool.draw;
        }
      }
    }
  });

  it("prefer items not seen in earlier attempts", () => {
    for (const exam of exams) {
      const first = drawItems({ exam, seenItemIds: [], random: mulberry32(1) });
      const second = drawItems({ exam, seenItemIds: first, random: mulberry32(2) });
      for (const pool of exam.pools) {
        const poolItems = exam.items.filter((item) => item.pool === pool.id).map((item) => item.id);
        const unseen = poolItems.filter((id) => !first.includes(id)).length;
        const repeated = second.filter((id) => poolItems.includes(id) && first.includes(id)).length;
        // Only as many seen items as the unseen ones cannot cover.
        expect(repeated, `${exam.id}/${pool.id}`).toBe(Math.max(0, pool.draw - unseen));
      }
    }
  });

  it("grade the correct answer of every item as correct, through the browser's display keys", () => {
    for (const [index, { exam, item, parsed }] of everyItem().entries()) {
      const orders = shuffleOptions({ exam, itemIds: [item.id], random: mulberry32(index) });
      const order = orders[item.id];
      for (const language of CONTENT_LANGUAGES) {
        const view = publicItemView({ item, language, order });
        if (!view) throw new Error(`${item.id}: no public view`);
        const display = toDisplayResponse({ item, order, response: correctResponse(parsed) });
        // Every display key the learner needs is one the browser was shown.
        const shown = new Set(displayKeysOf(view));
        for (const key of keys(display).concat(
          leaves(display).flatMap((leaf) => (typeof leaf.value === "string" ? [leaf.value] : []))
        )) {
          if (/^[oelr]\d+$/.test(key)) expect(shown.has(key), `${item.id}: ${key}`).toBe(true);
        }
        const response = toGradingResponse({ item, order, response: display });
        const grade = gradeItem({ item, response, language });
        if (parsed.type === "open") expect(grade.status, item.id).toBe("needs_review");
        else expect([grade.points, grade.status], `${exam.id}/${item.id}`).toEqual([parsed.points, "correct"]);
      }
    }
  });

  it("accept every listed short-text answer, in every language, and reject a wrong one", () => {
    for (const { item, parsed } of everyItem()) {
      if (parsed.type !== "short_text") continue;
      for (const answer of Object.values(parsed.accepted).flatMap((answers) => answers ?? [])) {
        expect(
          gradeItem({ item, response: { text: ` ${answer.toUpperCase()}. ` }, language: "fr" }).status,
          `${item.id}: ${answer}`
        ).toBe("correct");
      }
      expect(gradeItem({ item, response: { text: "certainly not this" }, language: "fr" }).status).toBe("incorrect");
    }
  });

  it("have rubric keywords that the local assistant can recognise, each in an answer made of it", () => {
    for (const { item, parsed } of everyItem()) {
      if (parsed.type !== "open") continue;
      for (const criterion of parsed.rubric) {
        for (const language of CONTENT_LANGUAGES) {
          for (const keyword of criterion.keywords[language] ?? []) {
            const suggestion = suggestRubricScore({ rubric: item.rubric, language, text: `Answer: ${keyword}.` });
            const result = suggestion.criteria.find((entry) => entry.id === criterion.id);
            expect(result?.matchedKeywords, `${item.id}/${criterion.id}: ${keyword}`).toContain(keyword);
          }
        }
      }
    }
  });

  it("leak no key through publicItemView (key-leak test over every item, language and display order)", () => {
    let checked = 0;
    for (const [index, { exam, item, parsed }] of everyItem().entries()) {
      const shuffled = shuffleOptions({
        exam: { ...exam, shuffleOptions: true },
        itemIds: [item.id],
        random: mulberry32(index),
      })[item.id];
      const allowedTexts = publicTexts(parsed);
      const secrets = secretTexts(parsed);
      for (const order of [undefined, shuffled]) {
        for (const language of CONTENT_LANGUAGES) {
          const view = publicItemView({ item, language, order });
          if (!view) throw new Error(`${item.id}: no public view`);
          const json = JSON.stringify(view);
          const data: unknown = JSON.parse(json);
          const where = `${exam.id}/${item.id} (${language})`;

          // 1. No key field anywhere.
          for (const key of keys(data)) expect(FORBIDDEN_KEYS, `${where}: key "${key}"`).not.toContain(key);
          expect(json).not.toMatch(/"(correct|answer|accepted|rubric|keywords|explanation|tolerance)"/);

          // 2. Every leaf is whitelisted: the item id and type, its points (the only number, so the numeric answer
          //    cannot travel), display keys that depend only on position, and texts the author wrote for display.
          for (const leaf of leaves(data)) {
            if (leaf.key === "points") expect(leaf.value, where).toBe(parsed.points);
            else if (leaf.key === "id" && leaf.value === item.id) continue;
            else if (leaf.key === "type") expect(leaf.value, where).toBe(parsed.type);
            else if (leaf.key === "id")
              expect(
                typeof leaf.value === "string" && /^[oelr]\d+$/.test(leaf.value),
                `${where}: id ${String(leaf.value)}`
              ).toBe(true);
            else if (leaf.key === "unit" && leaf.value === null) continue;
            else
              expect(
                typeof leaf.value === "string" && allowedTexts.has(leaf.value),
                `${where}: ${leaf.key}=${String(leaf.value)}`
              ).toBe(true);
          }
          expect(displayKeysOf(view), where).toEqual(expectedDisplayKeys(view));

          // 3. No secret value appears in any text, unless the author also wrote it in that displayed text (e.g. a
          //    rubric keyword that is a word of the prompt), in which case it is public anyway. (Structural leaves
          //    — id, type, points — were whitelisted above: a keyword like "open" may equal a type name.)
          const texts = leaves(data).flatMap((leaf) =>
            leaf.key !== "id" && leaf.key !== "type" && typeof leaf.value === "string" ? [leaf.value] : []
          );
          for (const secret of secrets) {
            for (const text of texts.filter((candidate) => candidate.includes(secret))) {
              expect(allowedTexts.has(text), `${where}: secret "${secret}" leaked in "${text}"`).toBe(true);
            }
          }

          // 4. Lists never show the answer by their order.
          if (view.type === "ordering" && parsed.type === "ordering") {
            const correctOrder = parsed.items.map((entry) => pickText(entry.text, language));
            expect(
              view.items.map((entry) => entry.text),
              where
            ).not.toEqual(correctOrder);
          }
          if (view.type === "matching" && parsed.type === "matching") {
            const aligned = parsed.pairs.map((pair) => pickText(pair.right, language));
            expect(
              view.rights.map((right) => right.text),
              where
            ).not.toEqual(aligned);
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(200 * 3 * 2);
  });
});
