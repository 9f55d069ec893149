// Regrading after a key correction: which attempts can move onto a corrected exam version, and which of their
// items' keys actually changed. Pure: no Prisma, no Remix, no I/O (regrade.server.ts does the writing).
//
// An attempt stores its draw (item ids) and, per item, the display order of its options / ordering entries /
// matching rights as real ids; its stored responses use display keys (o1, e1, l1, r1 …) that point into those
// lists by position (view.ts). So an attempt can be graded with another version only if every drawn item still
// exists there with the same type and the same list of ids in the same file order: matching lefts and options
// without a stored order are numbered in file order, and a reordered list would silently turn "o2" into another
// option. Texts, explanations, points and keys may change freely: that is what a correction is.
import type { ExamItemDef } from "../catalog/content/types";
import { CONTENT_LANGUAGES } from "../catalog/content/types";
import { orderableIds, parseItem, type ParsedItem } from "./items";

/** The longest reason staff may give for a regrade (it is stored with every "regraded" event). */
export const MAX_REGRADE_REASON_CHARS = 500;

export type RegradeCompatibility = { ok: true } | { ok: false; reason: "item_missing" | "item_changed"; itemId: string };

function indexById(items: readonly ExamItemDef[]) {
  // Later definitions win, as in the grading on submit (loadAttemptForGrading builds the same map).
  return new Map(items.map((item) => [item.id, item]));
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((id, index) => b[index] === id);
}

/**
 * Whether an attempt that drew `itemIds` on the old version can be graded with the new one: each drawn item must
 * exist in `newItems` ("item_missing" otherwise) and, compared with `oldItems`, keep its type and its option /
 * entry / pair ids in the same order ("item_changed" otherwise, also when either definition cannot be parsed or
 * the item is unknown to the old version). The first offending item, in draw order, is reported.
 */
export function regradeCompatibility({
  oldItems,
  newItems,
  itemIds,
}: {
  oldItems: readonly ExamItemDef[];
  newItems: readonly ExamItemDef[];
  itemIds: readonly string[];
}): RegradeCompatibility {
  const before = indexById(oldItems);
  const after = indexById(newItems);
  for (const itemId of itemIds) {
    const next = after.get(itemId);
    if (!next) return { ok: false, reason: "item_missing", itemId };
    const previous = before.get(itemId);
    const oldItem = previous ? parseItem(previous) : null;
    const newItem = parseItem(next);
    if (!oldItem || !newItem || oldItem.type !== newItem.type || !sameList(orderableIds(oldItem), orderableIds(newItem))) {
      return { ok: false, reason: "item_changed", itemId };
    }
  }
  return { ok: true };
}

/**
 * What decides an item's score, as a comparable value: its type and points, and its key. For an open item the
 * rubric stands for the key (reviewers and the grading assistant mark against it), although a regrade keeps the
 * reviewers' decisions. Texts and explanations are left out: rewording is not a key change.
 */
function scoringKey(item: ParsedItem): unknown {
  const base = { type: item.type, points: item.points };
  switch (item.type) {
    case "single":
      return { ...base, options: item.options.map((option) => [option.id, option.correct]) };
    case "multiple":
      return { ...base, scoring: item.scoring, options: item.options.map((option) => [option.id, option.correct]) };
    case "true_false":
      return { ...base, answer: item.answer };
    case "numeric":
      return { ...base, answer: item.answer, tolerance: item.tolerance };
    case "short_text":
      return { ...base, accepted: CONTENT_LANGUAGES.map((language) => item.accepted[language] ?? []) };
    case "ordering":
      return { ...base, order: item.items.map((entry) => entry.id) };
    case "matching":
      return { ...base, pairs: item.pairs.map((pair) => pair.id) };
    case "open":
      return {
        ...base,
        rubric: item.rubric.map((criterion) => ({
          id: criterion.id,
          points: criterion.points,
          keywords: CONTENT_LANGUAGES.map((language) => criterion.keywords[language] ?? []),
        })),
      };
  }
}

/**
 * The ids among `itemIds` (kept in that order, without repeats) whose points or key differ between the two
 * versions; for the regrade report and the "regraded" event. Items missing from either version are not listed
 * (regradeCompatibility refuses them); an item that parses in one version only counts as changed.
 */
export function changedScoringItems({
  oldItems,
  newItems,
  itemIds,
}: {
  oldItems: readonly ExamItemDef[];
  newItems: readonly ExamItemDef[];
  itemIds: readonly string[];
}): string[] {
  const before = indexById(oldItems);
  const after = indexById(newItems);
  const changed: string[] = [];
  for (const itemId of new Set(itemIds)) {
    const previous = before.get(itemId);
    const next = after.get(itemId);
    if (!previous || !next) continue;
    const oldItem = parseItem(previous);
    const newItem = parseItem(next);
    const oldKey = oldItem ? JSON.stringify(scoringKey(oldItem)) : null;
    const newKey = newItem ? JSON.stringify(scoringKey(newItem)) : null;
    if (oldKey !== newKey) changed.push(itemId);
  }
  return changed;
}
