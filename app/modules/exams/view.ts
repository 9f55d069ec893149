// What the browser may see of an item, and the translation between what the browser sends and what grading reads.
// Pure: no Prisma, no Remix, no I/O.
//
// The browser never sees answer keys (correct flags, numeric answer and tolerance, accepted answers, rubrics and
// their keywords, explanations, scoring) NOR the ids written in exam.yaml for options, ordering entries and
// matching pairs: those ids can give the answer away (ordering entries are often numbered s1, s2, … in the
// correct order; a matching pair's left and right share one id; ids can be descriptive words). Every list is
// shown with display keys that depend only on the display position:
//   options        o1, o2, …   (in the attempt's display order)
//   ordering items e1, e2, …   (in the attempt's shuffled order)
//   matching lefts l1, l2, …   (in file order)
//   matching rights r1, r2, …  (in the attempt's shuffled order)
// The browser answers with display keys; `toGradingResponse` turns such an answer into the grading response of
// grading.ts (real ids, only well-formed parts kept), and `toDisplayResponse` does the reverse to pre-fill a form.
//
// `order` is the item's entry of the attempt's display orders (draw.ts `shuffleOptions`). When it is missing or
// is not a permutation of the item's ids, options keep their file order, and ordering entries and matching rights
// use a fixed shuffle derived from the item id (never the correct order), so the key cannot leak even then.
import type { ContentLanguage, ExamItemDef } from "../catalog/content/types";
import type { ItemResponse } from "./grading";
import { isFiniteNumber, isRecord, orderableIds, parseItem, pickText, type ParsedItem } from "./items";
import { hashString, mulberry32, shuffleAwayFrom } from "./random";

export type PublicChoice = { id: string; text: string };

// Items themselves are named the same way in everything a learner receives (exam page, its data, autosave, result
// page): q1, q2, … by their position in the attempt's draw, never by the bank's item ids, which would let anyone look
// a drawn item up in a published bank (content/courses/*/exam.yaml) or compare draws between attempts.
/** The public key of the item at this position of an attempt's draw. */
export function itemKey(index: number): string {
  return `q${index + 1}`;
}

/** The public key of one of an attempt's items, or null when the item is not in its draw. */
export function itemKeyOf(itemIds: readonly string[], itemId: string): string | null {
  const index = itemIds.indexOf(itemId);
  return index < 0 ? null : itemKey(index);
}

/** The item id behind a public key of an attempt, or null. */
export function itemIdOfKey(itemIds: readonly string[], key: string): string | null {
  const match = /^q([1-9]\d{0,3})$/.exec(key);
  return match ? (itemIds[Number(match[1]) - 1] ?? null) : null;
}

type PublicBase = { id: string; points: number; prompt: string };

export type PublicItemView =
  | (PublicBase & { type: "single" | "multiple"; options: PublicChoice[] })
  | (PublicBase & { type: "true_false" | "short_text" | "open" })
  | (PublicBase & { type: "numeric"; unit: string | null })
  | (PublicBase & { type: "ordering"; items: PublicChoice[] })
  | (PublicBase & { type: "matching"; lefts: PublicChoice[]; rights: PublicChoice[] });

const KEY_PREFIX = { options: "o", items: "e", lefts: "l", rights: "r" } as const;
type KeyList = keyof typeof KEY_PREFIX;

function displayKey(list: KeyList, index: number): string {
  return `${KEY_PREFIX[list]}${index + 1}`;
}

function isPermutationOf(order: readonly unknown[], ids: readonly string[]): order is string[] {
  if (order.length !== ids.length) return false;
  const remaining = new Set(ids);
  for (const id of order) {
    if (typeof id !== "string" || !remaining.delete(id)) return false;
  }
  return true;
}

/** The real ids of the item's shuffleable list in display order (see the header). Null for types without one. */
function displayOrder(item: ParsedItem, order: readonly unknown[] | null | undefined): string[] | null {
  const ids = orderableIds(item);
  if (!ids) return null;
  if (order && isPermutationOf(order, ids)) return [...order];
  if (item.type === "single" || item.type === "multiple") return ids;
  return shuffleAwayFrom(ids, mulberry32(hashString(`${item.type}:${item.id}`)));
}

/**
 * Only what the browser may see of an item, in `language` (fallback French, English, Arabic): id, type, points,
 * prompt; options (single, multiple) / entries (ordering) in display order; matching lefts in file order and rights
 * in display order as a separate list; the numeric unit. Null when the item definition cannot be parsed (such an
 * item is never drawn).
 */
export function publicItemView(input: {
  item: ExamItemDef;
  language: ContentLanguage;
  order?: readonly string[] | null;
}): PublicItemView | null {
  const { language } = input;
  const item = parseItem(input.item);
  if (!item) return null;
  const base: PublicBase = { id: item.id, points: item.points, prompt: pickText(item.prompt, language) };
  const order = displayOrder(item, input.order) ?? [];
  switch (item.type) {
    case "single":
    case "multiple": {
      const byId = new Map(item.options.map((option) => [option.id, option]));
      const options = order.flatMap((id, index) => {
        const option = byId.get(id);
        return option ? [{ id: displayKey("options", index), text: pickText(option.text, language) }] : [];
      });
      return { ...base, type: item.type, options };
    }
    case "true_false":
    case "short_text":
    case "open":
      return { ...base, type: item.type };
    case "numeric":
      return { ...base, type: "numeric", unit: item.unit ? pickText(item.unit, language) : null };
    case "ordering": {
      const byId = new Map(item.items.map((entry) => [entry.id, entry]));
      const items = order.flatMap((id, index) => {
        const entry = byId.get(id);
        return entry ? [{ id: displayKey("items", index), text: pickText(entry.text, language) }] : [];
      });
      return { ...base, type: "ordering", items };
    }
    case "matching": {
      const byId = new Map(item.pairs.map((pair) => [pair.id, pair]));
      const lefts = item.pairs.map((pair, index) => ({
        id: displayKey("lefts", index),
        text: pickText(pair.left, language),
      }));
      const rights = order.flatMap((id, index) => {
        const pair = byId.get(id);
        return pair ? [{ id: displayKey("rights", index), text: pickText(pair.right, language) }] : [];
      });
      return { ...base, type: "matching", lefts, rights };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Translating answers between display keys and real ids

/** Display key ↔ real id for one list. */
type KeyMap = { toId: Map<string, string>; toKey: Map<string, string> };

function keyMap(list: KeyList, ids: readonly string[]): KeyMap {
  const toId = new Map<string, string>();
  const toKey = new Map<string, string>();
  ids.forEach((id, index) => {
    const key = displayKey(list, index);
    toId.set(key, id);
    toKey.set(id, key);
  });
  return { toId, toKey };
}

type Direction = "toId" | "toKey";

function field(response: unknown, key: string): unknown {
  return isRecord(response) && Object.hasOwn(response, key) ? response[key] : undefined;
}

function isBlank(value: string): boolean {
  return value.trim() === "";
}

/** The response in the other vocabulary, keeping only well-formed parts; null when nothing usable is left. */
function translate(
  item: ParsedItem,
  order: readonly unknown[] | null | undefined,
  response: unknown,
  direction: Direction
): ItemResponse | null {
  const ids = displayOrder(item, order);
  switch (item.type) {
    case "single": {
      const map = keyMap("options", ids ?? [])[direction];
      const value = field(response, "optionId");
      const optionId = typeof value === "string" ? map.get(value) : undefined;
      return optionId === undefined ? null : { optionId };
    }
    case "multiple": {
      const map = keyMap("options", ids ?? [])[direction];
      const value = field(response, "optionIds");
      if (!Array.isArray(value)) return null;
      const chosen = new Set<string>();
      for (const entry of value) {
        const optionId = typeof entry === "string" ? map.get(entry) : undefined;
        if (optionId !== undefined) chosen.add(optionId);
      }
      return chosen.size === 0 ? null : { optionIds: [...chosen] };
    }
    case "true_false": {
      const value = field(response, "value");
      if (typeof value === "boolean") return { value };
      if (value === "true" || value === "false") return { value: value === "true" };
      return null;
    }
    case "numeric": {
      const value = field(response, "value");
      if (isFiniteNumber(value)) return { value };
      return typeof value === "string" && !isBlank(value) ? { value: value.trim() } : null;
    }
    case "short_text":
    case "open": {
      const value = field(response, "text");
      return typeof value === "string" && !isBlank(value) ? { text: value } : null;
    }
    case "ordering": {
      const all = ids ?? [];
      const map = keyMap("items", all)[direction];
      const value = field(response, "order");
      if (!Array.isArray(value) || value.length !== all.length) return null;
      const translated: string[] = [];
      for (const entry of value) {
        const id = typeof entry === "string" ? map.get(entry) : undefined;
        if (id === undefined || translated.includes(id)) return null;
        translated.push(id);
      }
      return { order: translated };
    }
    case "matching": {
      const lefts = keyMap(
        "lefts",
        item.pairs.map((pair) => pair.id)
      )[direction];
      const rights = keyMap("rights", ids ?? [])[direction];
      const value = field(response, "pairs");
      if (!isRecord(value)) return null;
      const pairs: Record<string, string> = {};
      let count = 0;
      for (const [leftKey, rightKey] of Object.entries(value)) {
        const left = lefts.get(leftKey);
        const right = typeof rightKey === "string" ? rights.get(rightKey) : undefined;
        if (left === undefined || right === undefined) continue;
        pairs[left] = right;
        count += 1;
      }
      return count === 0 ? null : { pairs };
    }
  }
}

/**
 * Turns what the browser sent for an item (display keys, see the header) into the grading response of grading.ts
 * with real ids. Unknown keys and malformed parts are dropped; null when nothing usable remains (= no answer).
 * Texts are kept as typed (not trimmed) for short_text/open; numeric strings are trimmed and parsed at grading.
 */
export function toGradingResponse(input: {
  item: ExamItemDef;
  order?: readonly string[] | null;
  response: unknown;
}): ItemResponse | null {
  const item = parseItem(input.item);
  return item ? translate(item, input.order, input.response, "toId") : null;
}

/** The reverse of `toGradingResponse`: a stored grading response in display keys, to pre-fill the item's form. */
export function toDisplayResponse(input: {
  item: ExamItemDef;
  order?: readonly string[] | null;
  response: unknown;
}): ItemResponse | null {
  const item = parseItem(input.item);
  return item ? translate(item, input.order, input.response, "toKey") : null;
}
