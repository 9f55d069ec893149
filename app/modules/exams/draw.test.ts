import { describe, expect, it } from "vitest";
import type { ExamDef, ExamItemDef } from "../catalog/content/types";
import { drawItems, mulberry32, planAttempt, shuffle, shuffleAwayFrom, shuffleOptions } from "./draw";
import {
  fixtureExam,
  matchingItem,
  multiplePartialItem,
  orderingItem,
  singleItem,
  trueFalseItem,
} from "./test-fixtures";

/** An exam with one pool of `size` true/false items drawing `draw`, and a second pool of 3 drawing 2. */
function bankExam(size: number, draw: number): ExamDef {
  const item = (pool: string, index: number): ExamItemDef => ({ ...trueFalseItem, id: `${pool}-${index}`, pool });
  return {
    ...fixtureExam,
    pools: [
      { id: "big", title: { en: "Big" }, skill: "ai-concepts", draw },
      { id: "small", title: { en: "Small" }, skill: "prompting", draw: 2 },
    ],
    items: [
      ...Array.from({ length: size }, (_, index) => item("big", index + 1)),
      ...Array.from({ length: 3 }, (_, index) => item("small", index + 1)),
    ],
  };
}

describe("mulberry32", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    // Roughly uniform: every tenth of [0, 1) gets a fair share.
    const buckets = Array.from(
      { length: 10 },
      (_, index) => first.filter((value) => Math.floor(value * 10) === index).length
    );
    expect(Math.min(...buckets)).toBeGreaterThan(60);
  });
});

describe("shuffle", () => {
  it("returns a permutation without touching the input", () => {
    const input = ["a", "b", "c", "d", "e"];
    const result = shuffle(input, mulberry32(1));
    expect([...result].sort()).toEqual(input);
    expect(input).toEqual(["a", "b", "c", "d", "e"]);
  });
  it("survives a misbehaving random function", () => {
    for (const random of [() => 1, () => Number.NaN, () => -5, () => 0.999999999999]) {
      expect([...shuffle(["a", "b", "c"], random)].sort()).toEqual(["a", "b", "c"]);
    }
  });
  it("shuffleAwayFrom never returns the original order", () => {
    for (let seed = 0; seed < 200; seed++) {
      expect(shuffleAwayFrom(["x", "y"], mulberry32(seed))).toEqual(["y", "x"]);
      const result = shuffleAwayFrom(["a", "b", "c"], mulberry32(seed));
      expect(result).not.toEqual(["a", "b", "c"]);
      expect([...result].sort()).toEqual(["a", "b", "c"]);
    }
    expect(shuffleAwayFrom(["only"], mulberry32(1))).toEqual(["only"]);
    expect(shuffleAwayFrom(["a", "b", "c"], () => 0.99)).not.toEqual(["a", "b", "c"]); // identity shuffle → rotated
  });
});

describe("drawItems", () => {
  it("draws exactly `draw` items per pool, pool by pool, without repeats", () => {
    const exam = bankExam(8, 5);
    for (let seed = 0; seed < 50; seed++) {
      const ids = drawItems({ exam, seenItemIds: [], random: mulberry32(seed) });
      expect(ids).toHaveLength(7);
      expect(new Set(ids).size).toBe(7);
      expect(ids.slice(0, 5).every((id) => id.startsWith("big-"))).toBe(true);
      expect(ids.slice(5).every((id) => id.startsWith("small-"))).toBe(true);
    }
  });

  it("is deterministic for a seed and varies across seeds", () => {
    const exam = bankExam(8, 5);
    const draw = (seed: number) => drawItems({ exam, seenItemIds: [], random: mulberry32(seed) });
    expect(draw(7)).toEqual(draw(7));
    const distinct = new Set(Array.from({ length: 20 }, (_, seed) => draw(seed).join(",")));
    expect(distinct.size).toBeGreaterThan(15);
  });

  it("takes only unseen items when there are enough", () => {
    const exam = bankExam(8, 5);
    const seen = ["big-1", "big-2", "big-3"];
    for (let seed = 0; seed < 50; seed++) {
      const ids = drawItems({ exam, seenItemIds: seen, random: mulberry32(seed) });
      expect(ids.slice(0, 5).sort()).toEqual(["big-4", "big-5", "big-6", "big-7", "big-8"]);
    }
  });

  it("takes every unseen item first, then fills up with seen ones at random", () => {
    const exam = bankExam(8, 5);
    const seen = new Set(["big-1", "big-2", "big-3", "big-4", "big-5", "big-6"]);
    const filledWith = new Set<string>();
    for (let seed = 0; seed < 100; seed++) {
      const ids = drawItems({ exam, seenItemIds: seen, random: mulberry32(seed) }).slice(0, 5);
      expect(ids).toContain("big-7");
      expect(ids).toContain("big-8");
      // Unseen items come first in the pool's block.
      expect(ids.slice(0, 2).sort()).toEqual(["big-7", "big-8"]);
      for (const id of ids.slice(2)) filledWith.add(id);
    }
    expect([...filledWith].sort()).toEqual(["big-1", "big-2", "big-3", "big-4", "big-5", "big-6"]);
  });

  it("draws a whole pool that is smaller than `draw`, and skips items that cannot be parsed", () => {
    const exam = bankExam(2, 5);
    const broken: ExamItemDef = { ...trueFalseItem, id: "big-broken", pool: "big", answer: "yes" };
    const ids = drawItems({
      exam: { ...exam, items: [...exam.items, broken] },
      seenItemIds: [],
      random: mulberry32(3),
    });
    expect(ids.slice(0, 2).sort()).toEqual(["big-1", "big-2"]);
    expect(ids).not.toContain("big-broken");
    expect(ids).toHaveLength(4);
  });

  it("is spread fairly over the pool when nothing was seen", () => {
    const exam = bankExam(6, 2);
    const counts = new Map<string, number>();
    const random = mulberry32(99);
    for (let run = 0; run < 3000; run++) {
      for (const id of drawItems({ exam, seenItemIds: [], random }).slice(0, 2))
        counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Each of the 6 items is expected 1000 times.
    for (let index = 1; index <= 6; index++) {
      expect(counts.get(`big-${index}`)).toBeGreaterThan(850);
      expect(counts.get(`big-${index}`)).toBeLessThan(1150);
    }
  });
});

describe("shuffleOptions", () => {
  const ids = [
    singleItem.id,
    multiplePartialItem.id,
    trueFalseItem.id,
    orderingItem.id,
    matchingItem.id,
    "not-in-exam",
  ];

  it("gives every list a display order as real ids, and nothing for items without a list", () => {
    const orders = shuffleOptions({ exam: fixtureExam, itemIds: ids, random: mulberry32(5) });
    expect(Object.keys(orders).sort()).toEqual(
      [matchingItem.id, multiplePartialItem.id, orderingItem.id, singleItem.id].sort()
    );
    expect([...orders[singleItem.id]].sort()).toEqual(["a", "b", "c"]);
    expect([...orders[multiplePartialItem.id]].sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect([...orders[orderingItem.id]].sort()).toEqual(["s1", "s2", "s3", "s4"]);
    expect([...orders[matchingItem.id]].sort()).toEqual(["p1", "p2", "p3", "p4"]);
  });

  it("is deterministic for a seed", () => {
    const once = shuffleOptions({ exam: fixtureExam, itemIds: ids, random: mulberry32(11) });
    expect(shuffleOptions({ exam: fixtureExam, itemIds: ids, random: mulberry32(11) })).toEqual(once);
  });

  it("never shows ordering entries in the correct order nor matching rights aligned with their lefts", () => {
    for (let seed = 0; seed < 300; seed++) {
      const orders = shuffleOptions({ exam: fixtureExam, itemIds: ids, random: mulberry32(seed) });
      expect(orders[orderingItem.id]).not.toEqual(["s1", "s2", "s3", "s4"]);
      expect(orders[matchingItem.id]).not.toEqual(["p1", "p2", "p3", "p4"]);
    }
  });

  it("keeps options in file order when the exam does not shuffle them, but still shuffles ordering and matching", () => {
    const orders = shuffleOptions({
      exam: { ...fixtureExam, shuffleOptions: false },
      itemIds: ids,
      random: mulberry32(5),
    });
    expect(Object.keys(orders).sort()).toEqual([matchingItem.id, orderingItem.id].sort());
  });
});

describe("planAttempt", () => {
  it("draws then shuffles from one seeded stream", () => {
    const plan = planAttempt({ exam: fixtureExam, seenItemIds: [], random: mulberry32(2024) });
    expect(plan).toEqual(planAttempt({ exam: fixtureExam, seenItemIds: [], random: mulberry32(2024) }));
    expect(plan.itemIds).toHaveLength(fixtureExam.pools.reduce((sum, pool) => sum + pool.draw, 0));
    for (const id of Object.keys(plan.displayOrders)) expect(plan.itemIds).toContain(id);
  });
});
