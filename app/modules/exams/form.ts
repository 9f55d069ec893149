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

/**
 * The responses posted for these items, in display keys, keeping only items the learner actually answered
 * (an untouched item is not saved, so it stays "unanswered" rather than "answered blank").
 */
export function responsesFromForm(form: FormLike, items: readonly PublicItemView[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const response = responseFor(form, item);
    if (response !== null) out[item.id] = response;
  }
  return out;
}

function responseFor(form: FormLike, item: PublicItemView): unknown {
  switch (item.type) {
    case "single": {
      const optionId = text(form, fieldName(item.id, "optionId"));
      return optionId ? { optionId } : null;
    }
    case "multiple": {
      const optionIds = form.getAll(fieldName(item.id, "optionIds")).filter((v): v is string => typeof v === "string");
      // A hidden marker tells "all boxes unticked" apart from "item not on this form".
      if (optionIds.length === 0 && text(form, fieldName(item.id, "present")) === null) return null;
      return { optionIds };
    }
    case "true_false": {
      const value = text(form, fieldName(item.id, "value"));
      return value === "true" || value === "false" ? { value: value === "true" } : null;
    }
    case "numeric": {
      const value = text(form, fieldName(item.id, "value"));
      return value !== null && value.trim() !== "" ? { value: value.trim() } : null;
    }
    case "short_text":
    case "open": {
      const value = text(form, fieldName(item.id, "text"));
      return value !== null && value.trim() !== "" ? { text: value.slice(0, 10_000) } : null;
    }
    case "ordering": {
      const positions = item.items.map((entry) => ({ key: entry.id, position: Number(text(form, fieldName(item.id, "pos", entry.id))) }));
      const complete = positions.every((p) => Number.isInteger(p.position) && p.position >= 1 && p.position <= positions.length);
      if (!complete || new Set(positions.map((p) => p.position)).size !== positions.length) return null;
      return { order: [...positions].sort((a, b) => a.position - b.position).map((p) => p.key) };
    }
    case "matching": {
      const pairs: Record<string, string> = {};
      for (const left of item.lefts) {
        const right = text(form, fieldName(item.id, "pairs", left.id));
        if (right) pairs[left.id] = right;
      }
      return Object.keys(pairs).length > 0 ? { pairs } : null;
    }
  }
}

/** Ordering answers are entered as positions; this gives the saved position of each entry (for pre-filling). */
export function orderingPositions(response: unknown): Record<string, number> {
  if (!response || typeof response !== "object" || !("order" in response) || !Array.isArray(response.order)) return {};
  return Object.fromEntries(response.order.flatMap((key, index) => (typeof key === "string" ? [[key, index + 1]] : [])));
}
