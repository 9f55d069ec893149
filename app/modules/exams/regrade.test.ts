import { describe, expect, it } from "vitest";
import type { ExamItemDef } from "../catalog/content/types";
import { isRecord } from "./items";
import { changedScoringItems, regradeCompatibility } from "./regrade";
import {
  allItems,
  exactNumericItem,
  matchingItem,
  multiplePartialItem,
  numericItem,
  openItem,
  orderingItem,
  shortTextItem,
  singleItem,
  trueFalseItem,
} from "./test-fixtures";

const allIds = allItems.map((item) => item.id);

/** The entries of one of an item's lists (options, items, pairs) as plain records, to build variants from. */
function entries(item: ExamItemDef, key: "options" | "items" | "pairs"): Array<Record<string, unknown>> {
  const value = item[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** `allItems` with the item `id` replaced by `replacement` (or removed when null). */
function withItem(id: string, replacement: ExamItemDef | null): ExamItemDef[] {
  return allItems.flatMap((item) => (item.id !== id ? [item] : replacement ? [replacement] : []));
}

describe("regradeCompatibility", () => {
  it("accepts the same items, and a corrected key, new points or reworded texts", () => {
    expect(regradeCompatibility({ oldItems: allItems, newItems: allItems, itemIds: allIds })).toEqual({ ok: true });
    const corrected: ExamItemDef = {
      ...singleItem,
      points: 2,
      prompt: { fr: "Laquelle est un système d'IA ?" },
      options: [
        { id: "a", text: { fr: "Un formulaire" }, correct: true },
        { id: "b", text: { fr: "Un modèle entraîné" } },
        { id: "c", text: { fr: "Un tableur" } },
      ],
    };
    expect(regradeCompatibility({ oldItems: allItems, newItems: withItem(singleItem.id, corrected), itemIds: allIds })).toEqual({ ok: true });
  });

  it("only looks at the drawn items: items neither drawn nor kept do not matter", () => {
    const newItems = withItem(openItem.id, null);
    expect(regradeCompatibility({ oldItems: allItems, newItems, itemIds: [singleItem.id, trueFalseItem.id] })).toEqual({ ok: true });
  });

  it("refuses an attempt whose drawn item is gone from the new version", () => {
    const newItems = withItem(numericItem.id, null);
    expect(regradeCompatibility({ oldItems: allItems, newItems, itemIds: allIds })).toEqual({ ok: false, reason: "item_missing", itemId: numericItem.id });
  });

  it("refuses a changed type", () => {
    const asTrueFalse: ExamItemDef = { ...trueFalseItem, id: singleItem.id };
    expect(regradeCompatibility({ oldItems: allItems, newItems: withItem(singleItem.id, asTrueFalse), itemIds: allIds })).toEqual({
      ok: false,
      reason: "item_changed",
      itemId: singleItem.id,
    });
  });

  it("refuses added, removed, renamed or reordered options, entries and pairs (stored display keys point into them)", () => {
    const options = entries(singleItem, "options");
    const steps = entries(orderingItem, "items");
    const pairs = entries(matchingItem, "pairs");
    const variants: ExamItemDef[] = [
      { ...singleItem, options: [...options, { id: "d", text: { fr: "Un quatrième" } }] },
      { ...singleItem, options: options.slice(0, 2) },
      { ...singleItem, options: options.map((option) => (option.id === "c" ? { ...option, id: "z" } : option)) },
      { ...singleItem, options: [...options].reverse() },
      { ...orderingItem, items: steps.slice(0, 3) },
      { ...orderingItem, items: [steps[1], steps[0], ...steps.slice(2)] },
      { ...matchingItem, pairs: pairs.map((pair) => (pair.id === "p4" ? { ...pair, id: "p5" } : pair)) },
    ];
    for (const variant of variants) {
      expect(regradeCompatibility({ oldItems: allItems, newItems: withItem(variant.id, variant), itemIds: allIds })).toEqual({
        ok: false,
        reason: "item_changed",
        itemId: variant.id,
      });
    }
  });

  it("refuses an item that no longer parses, or that the old version did not have", () => {
    const broken: ExamItemDef = { ...trueFalseItem, answer: "maybe" };
    expect(regradeCompatibility({ oldItems: allItems, newItems: withItem(trueFalseItem.id, broken), itemIds: allIds })).toEqual({
      ok: false,
      reason: "item_changed",
      itemId: trueFalseItem.id,
    });
    const extra: ExamItemDef = { ...trueFalseItem, id: "t-new" };
    expect(regradeCompatibility({ oldItems: allItems, newItems: [...allItems, extra], itemIds: ["t-new"] })).toEqual({
      ok: false,
      reason: "item_changed",
      itemId: "t-new",
    });
  });

  it("reports the first offending item in draw order", () => {
    const newItems = withItem(shortTextItem.id, null).filter((item) => item.id !== exactNumericItem.id);
    expect(regradeCompatibility({ oldItems: allItems, newItems, itemIds: [shortTextItem.id, exactNumericItem.id] })).toMatchObject({
      itemId: shortTextItem.id,
    });
  });
});

describe("changedScoringItems", () => {
  it("lists nothing when only texts and explanations change", () => {
    const reworded = allItems.map((item) => ({ ...item, prompt: { fr: `${item.id} reformulé` }, explanation: { fr: "Autre explication" } }));
    expect(changedScoringItems({ oldItems: allItems, newItems: reworded, itemIds: allIds })).toEqual([]);
  });

  it("lists each drawn item whose key or points changed, in draw order", () => {
    const newItems = allItems.map((item): ExamItemDef => {
      switch (item.id) {
        case trueFalseItem.id:
          return { ...item, answer: true };
        case numericItem.id:
          return { ...item, tolerance: 0.02 };
        case shortTextItem.id:
          return { ...item, accepted: { fr: ["apprentissage supervisé"], en: ["supervised learning", "supervised"] } };
        case multiplePartialItem.id:
          return { ...item, scoring: "all_or_nothing" };
        case openItem.id:
          return { ...item, points: 5 };
        default:
          return item;
      }
    });
    const drawn = [openItem.id, singleItem.id, trueFalseItem.id, numericItem.id, shortTextItem.id, multiplePartialItem.id, orderingItem.id];
    expect(changedScoringItems({ oldItems: allItems, newItems, itemIds: drawn })).toEqual([
      openItem.id,
      trueFalseItem.id,
      numericItem.id,
      shortTextItem.id,
      multiplePartialItem.id,
    ]);
    // Only the drawn items are considered.
    expect(changedScoringItems({ oldItems: allItems, newItems, itemIds: [singleItem.id] })).toEqual([]);
  });

  it("sees a moved correct option and a new correct order", () => {
    const movedKey: ExamItemDef = { ...singleItem, options: entries(singleItem, "options").map((option) => ({ ...option, correct: option.id === "a" })) };
    const newOrder: ExamItemDef = { ...orderingItem, items: [...entries(orderingItem, "items")].reverse() };
    const newItems = withItem(singleItem.id, movedKey).map((item) => (item.id === orderingItem.id ? newOrder : item));
    expect(changedScoringItems({ oldItems: allItems, newItems, itemIds: allIds })).toEqual([singleItem.id, orderingItem.id]);
  });

  it("counts an item that parses in one version only as changed and skips missing ones", () => {
    const broken: ExamItemDef = { ...numericItem, tolerance: -1 };
    expect(changedScoringItems({ oldItems: allItems, newItems: withItem(numericItem.id, broken), itemIds: allIds })).toEqual([numericItem.id]);
    expect(changedScoringItems({ oldItems: allItems, newItems: withItem(numericItem.id, null), itemIds: allIds })).toEqual([]);
  });
});
