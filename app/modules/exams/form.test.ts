import { describe, expect, it } from "vitest";
import { MAX_TEXT_ANSWER, cutText, fieldName, orderingPositions, readAnswerForm, responsesFromForm } from "./form";
import type { PublicItemView } from "./view";

const items: PublicItemView[] = [
  { id: "s", type: "single", points: 1, prompt: "?", options: [{ id: "o1", text: "a" }, { id: "o2", text: "b" }] },
  { id: "m", type: "multiple", points: 1, prompt: "?", options: [{ id: "o1", text: "a" }, { id: "o2", text: "b" }] },
  { id: "t", type: "true_false", points: 1, prompt: "?" },
  { id: "n", type: "numeric", points: 1, prompt: "?", unit: null },
  { id: "x", type: "short_text", points: 1, prompt: "?" },
  { id: "o", type: "ordering", points: 1, prompt: "?", items: [{ id: "e1", text: "a" }, { id: "e2", text: "b" }, { id: "e3", text: "c" }] },
  { id: "p", type: "matching", points: 1, prompt: "?", lefts: [{ id: "l1", text: "a" }, { id: "l2", text: "b" }], rights: [{ id: "r1", text: "x" }, { id: "r2", text: "y" }] },
  { id: "q", type: "open", points: 2, prompt: "?" },
];

function form(entries: Array<[string, string]>) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("responsesFromForm", () => {
  it("reads every item type from plain form fields", () => {
    const f = form([
      [fieldName("s", "optionId"), "o2"],
      [fieldName("m", "present"), "1"],
      [fieldName("m", "optionIds"), "o1"],
      [fieldName("m", "optionIds"), "o2"],
      [fieldName("t", "value"), "false"],
      [fieldName("n", "value"), " 12,5 "],
      [fieldName("x", "text"), "الإدارة"],
      [fieldName("o", "pos", "e1"), "3"],
      [fieldName("o", "pos", "e2"), "1"],
      [fieldName("o", "pos", "e3"), "2"],
      [fieldName("p", "pairs", "l1"), "r2"],
      [fieldName("q", "text"), "Une réponse argumentée."],
    ]);
    expect(responsesFromForm(f, items)).toEqual({
      s: { optionId: "o2" },
      m: { optionIds: ["o1", "o2"] },
      t: { value: false },
      n: { value: "12,5" },
      x: { text: "الإدارة" },
      o: { order: ["e2", "e3", "e1"] },
      p: { pairs: { l1: "r2" } },
      q: { text: "Une réponse argumentée." },
    });
  });

  it("skips untouched items, incomplete or duplicate orderings, and blank texts", () => {
    const f = form([
      [fieldName("o", "pos", "e1"), "1"],
      [fieldName("o", "pos", "e2"), "1"],
      [fieldName("o", "pos", "e3"), "2"],
      [fieldName("x", "text"), "   "],
    ]);
    expect(responsesFromForm(f, items)).toEqual({});
  });

  it("records an emptied multiple-choice item as an empty choice", () => {
    expect(responsesFromForm(form([[fieldName("m", "present"), "1"]]), items)).toEqual({ m: { optionIds: [] } });
  });
});

describe("orderingPositions", () => {
  it("turns a saved order into positions", () => {
    expect(orderingPositions({ order: ["e2", "e3", "e1"] })).toEqual({ e2: 1, e3: 2, e1: 3 });
    expect(orderingPositions(null)).toEqual({});
  });
});

describe("readAnswerForm", () => {
  it("keeps the valid answers of a post and refuses only the fields that are not offered", () => {
    const f = form([
      [fieldName("s", "optionId"), "o9"],
      [fieldName("m", "present"), "1"],
      [fieldName("m", "optionIds"), "o1"],
      [fieldName("m", "optionIds"), "zz"],
      [fieldName("t", "value"), "maybe"],
      [fieldName("p", "pairs", "l1"), "r7"],
      [fieldName("x", "text"), "valide"],
      [fieldName("n", "value"), "4,2"],
    ]);
    const read = readAnswerForm(f, items);
    expect(read.responses).toEqual({ x: { text: "valide" }, n: { value: "4,2" } });
    expect(read.refused).toEqual([
      { itemId: "s", field: "r.s.optionId" },
      { itemId: "m", field: "r.m.optionIds" },
      { itemId: "t", field: "r.t.value" },
      { itemId: "p", field: "r.p.pairs.l1" },
    ]);
  });

  it("cuts a long text at a character boundary and says so, never splitting a surrogate pair", () => {
    const emoji = "😀"; // two UTF-16 units
    const long = `${"a".repeat(MAX_TEXT_ANSWER - 1)}${emoji}${"b".repeat(10)}`;
    const read = readAnswerForm(form([[fieldName("q", "text"), long]]), items);
    const text = (read.responses.q as { text: string }).text;
    expect(text).toBe("a".repeat(MAX_TEXT_ANSWER - 1));
    expect(read.truncated).toEqual(["q"]);
    expect(/[\uD800-\uDFFF]/.test(text)).toBe(false);
  });

  it("keeps a combining sequence whole and replaces lone surrogates", () => {
    expect(cutText("e\u0301e\u0301", 3)).toEqual({ text: "e\u0301", isCut: true });
    expect(cutText("a\uD800b")).toEqual({ text: "a\uFFFDb", isCut: false });
  });
});
