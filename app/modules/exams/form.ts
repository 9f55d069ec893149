import type { PublicItemView } from "./view";

// The exam page is one plain HTML form (it works without JavaScript); each item's fields are named
// `r.<itemId>.<part>`. These helpers turn posted fields into display-key responses (view.ts) per item.

/** The field name for a part of an item's answer. */
export function fieldName(itemId: string, ...parts: string[]) {
  return ["r", itemId, ...parts].join(".");
}

type FormLike = { getAll(name: string): Array<string | File>; get(name: string): string | File | null };

function text(form: FormLike, name: string): string | null {
  const value = form.get(name);
  return typeof value === "string" ? value : null;
}

/** Longest text answer kept, in UTF-16 units; a longer one is cut at a character boundary and the learner told. */
export const MAX_TEXT_ANSWER = 10_000;

/** A field whose value is not one the item offers (a forged option key, "maybe" for true/false…): not saved. */
export type RefusedField = { itemId: string; field: string };

export type AnswerForm = {
  /** Valid answers, in display keys, for the items the learner touched. */
  responses: Record<string, unknown>;
  /** Items with a refused field: their answer is not saved, the others are. */
  refused: RefusedField[];
  /** Items whose text was cut at MAX_TEXT_ANSWER. */
  truncated: string[];
};

/**
 * Reads the posted answers for these items, keeping only items the learner actually answered (an untouched item
 * is not saved, so it stays "unanswered" rather than "answered blank"). A refused field loses only its own item.
 */
export function readAnswerForm(form: FormLike, items: readonly PublicItemView[]): AnswerForm {
  const out: AnswerForm = { responses: {}, refused: [], truncated: [] };
  for (const item of items) {
    const read = responseFor(form, item);
    if (read === null) continue;
    if ("refused" in read) out.refused.push({ itemId: item.id, field: read.refused });
    else {
      out.responses[item.id] = read.response;
      if (read.truncated) out.truncated.push(item.id);
    }
  }
  return out;
}

/** The valid responses of readAnswerForm. */
export function responsesFromForm(form: FormLike, items: readonly PublicItemView[]): Record<string, unknown> {
  return readAnswerForm(form, items).responses;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cut to `max` UTF-16 units without splitting a character (grapheme cluster); lone surrogates become U+FFFD. */
export function cutText(value: string, max = MAX_TEXT_ANSWER): { text: string; isCut: boolean } {
  const wellFormed = value.replace(LONE_SURROGATE, "\uFFFD");
  if (wellFormed.length <= max) return { text: wellFormed, isCut: false };
  let end = 0;
  for (const { segment } of new Intl.Segmenter("und", { granularity: "grapheme" }).segment(wellFormed)) {
    if (end + segment.length > max) break;
    end += segment.length;
  }
  return { text: wellFormed.slice(0, end), isCut: true };
}

type Read = { response: unknown; truncated?: boolean } | { refused: string } | null;

function responseFor(form: FormLike, item: PublicItemView): Read {
  const keys = (choices: { id: string }[]) => new Set(choices.map((choice) => choice.id));
  switch (item.type) {
    case "single": {
      const name = fieldName(item.id, "optionId");
      const optionId = text(form, name);
      if (!optionId) return null;
      return keys(item.options).has(optionId) ? { response: { optionId } } : { refused: name };
    }
    case "multiple": {
      const name = fieldName(item.id, "optionIds");
      const optionIds = form.getAll(name).filter((v): v is string => typeof v === "string");
      // A hidden marker tells "all boxes unticked" apart from "item not on this form".
      if (optionIds.length === 0 && text(form, fieldName(item.id, "present")) === null) return null;
      const offered = keys(item.options);
      if (optionIds.some((id) => !offered.has(id))) return { refused: name };
      return { response: { optionIds: [...new Set(optionIds)] } };
    }
    case "true_false": {
      const name = fieldName(item.id, "value");
      const value = text(form, name);
      if (value === null || value === "") return null;
      return value === "true" || value === "false" ? { response: { value: value === "true" } } : { refused: name };
    }
    case "numeric": {
      const name = fieldName(item.id, "value");
      const value = text(form, name);
      if (value === null || value.trim() === "") return null;
      return value.trim().length <= 64 ? { response: { value: value.trim() } } : { refused: name };
    }
    case "short_text":
    case "open": {
      const value = text(form, fieldName(item.id, "text"));
      if (value === null || value.trim() === "") return null;
      const cut = cutText(value);
      return { response: { text: cut.text }, truncated: cut.isCut };
    }
    case "ordering": {
      const positions = item.items.map((entry) => ({ key: entry.id, position: Number(text(form, fieldName(item.id, "pos", entry.id))) }));
      const complete = positions.every((p) => Number.isInteger(p.position) && p.position >= 1 && p.position <= positions.length);
      if (!complete || new Set(positions.map((p) => p.position)).size !== positions.length) return null;
      return { response: { order: [...positions].sort((a, b) => a.position - b.position).map((p) => p.key) } };
    }
    case "matching": {
      const offered = keys(item.rights);
      const pairs: Record<string, string> = {};
      for (const left of item.lefts) {
        const name = fieldName(item.id, "pairs", left.id);
        const right = text(form, name);
        if (!right) continue;
        if (!offered.has(right)) return { refused: name };
        pairs[left.id] = right;
      }
      return Object.keys(pairs).length > 0 ? { response: { pairs } } : null;
    }
  }
}

/** Ordering answers are entered as positions; this gives the saved position of each entry (for pre-filling). */
export function orderingPositions(response: unknown): Record<string, number> {
  if (!response || typeof response !== "object" || !("order" in response) || !Array.isArray(response.order)) return {};
  return Object.fromEntries(response.order.flatMap((key, index) => (typeof key === "string" ? [[key, index + 1]] : [])));
}
