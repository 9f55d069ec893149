// Per-attempt randomness: which items an attempt gets and in which order their choices are shown. Pure: the
// randomness is injected (`random`, a () => number in [0, 1)), so tests pass a seeded PRNG and the engine passes
// a seeded or crypto-backed one; the results are stored with the attempt and never recomputed.
//
// Rules:
//  - drawItems: pools in the order the exam lists them; from each pool, `draw` items (all of them if the pool is
//    smaller): first items NOT in seenItemIds, in random order, then, if too few, seen ones in random order. Items
//    of a pool stay together (the attempt reads topic by topic); within a pool the order is random. An item whose
//    definition cannot be parsed (a content bug the loader prevents) is never drawn, and no id is drawn twice.
//  - shuffleOptions: per drawn item, the display order of its list, as real ids:
//      single/multiple → option ids, shuffled only when exam.shuffleOptions is true (otherwise omitted: file order);
//      ordering        → entry ids, ALWAYS shuffled (they are written in the correct order), never the correct order;
//      matching        → pair ids of the right-hand sides, ALWAYS shuffled (written aligned with their lefts), never
//                        aligned with the lefts;
//      other types have nothing to order and are omitted.
//    "Never the correct order" (for two entries or more): when the shuffle happens to return it, the list is rotated
//    by one position instead.
//  - publicItemView and the key translations live in view.ts and are re-exported here.
import type { ExamDef } from "../catalog/content/types";
import { parseItem, type ParsedItem } from "./items";
import { shuffle, shuffleAwayFrom, type Random } from "./random";

export { hashString, mulberry32, shuffle, shuffleAwayFrom, type Random } from "./random";
export { publicItemView, toDisplayResponse, toGradingResponse, type PublicChoice, type PublicItemView } from "./view";

/** The ordered item ids of a new attempt (rules at the top of this file). */
export function drawItems(input: {
  exam: Pick<ExamDef, "pools" | "items">;
  seenItemIds: Iterable<string>;
  random: Random;
}): string[] {
  const { exam, random } = input;
  const seen = new Set(input.seenItemIds);
  const drawn = new Set<string>();
  const result: string[] = [];
  for (const pool of exam.pools) {
    const candidates: string[] = [];
    for (const item of exam.items) {
      if (item.pool !== pool.id || drawn.has(item.id) || candidates.includes(item.id)) continue;
      if (parseItem(item)) candidates.push(item.id);
    }
    const unseen = shuffle(
      candidates.filter((id) => !seen.has(id)),
      random
    );
    const alreadySeen = shuffle(
      candidates.filter((id) => seen.has(id)),
      random
    );
    const count = Math.max(0, Math.floor(pool.draw));
    for (const id of [...unseen, ...alreadySeen].slice(0, count)) {
      drawn.add(id);
      result.push(id);
    }
  }
  return result;
}

/** Per item id, the display order of its list as real ids (see the rules above); stored with the attempt. */
export type DisplayOrders = Record<string, string[]>;

function displayOrderOf(item: ParsedItem, shuffleChoices: boolean, random: Random): string[] | null {
  switch (item.type) {
    case "single":
    case "multiple":
      return shuffleChoices
        ? shuffle(
            item.options.map((option) => option.id),
            random
          )
        : null;
    case "ordering":
      return shuffleAwayFrom(
        item.items.map((entry) => entry.id),
        random
      );
    case "matching":
      return shuffleAwayFrom(
        item.pairs.map((pair) => pair.id),
        random
      );
    default:
      return null;
  }
}

/** The display orders for the given items of `exam` (ids not found in the exam, or unparseable, are skipped). */
export function shuffleOptions(input: {
  exam: Pick<ExamDef, "items" | "shuffleOptions">;
  itemIds: readonly string[];
  random: Random;
}): DisplayOrders {
  const { exam, itemIds, random } = input;
  const byId = new Map(exam.items.map((item) => [item.id, item]));
  const orders: DisplayOrders = {};
  for (const id of itemIds) {
    const definition = byId.get(id);
    const item = definition ? parseItem(definition) : null;
    if (!item || Object.hasOwn(orders, id)) continue;
    const order = displayOrderOf(item, exam.shuffleOptions, random);
    if (order) orders[id] = order;
  }
  return orders;
}

/** Both decisions for a new attempt: the drawn items, then their display orders, from one random stream. */
export function planAttempt(input: {
  exam: Pick<ExamDef, "pools" | "items" | "shuffleOptions">;
  seenItemIds: Iterable<string>;
  random: Random;
}): { itemIds: string[]; displayOrders: DisplayOrders } {
  const itemIds = drawItems(input);
  return { itemIds, displayOrders: shuffleOptions({ exam: input.exam, itemIds, random: input.random }) };
}
