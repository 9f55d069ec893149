import { describe, expect, it } from "vitest";
import type { ExamItemDef } from "../catalog/content/types";
import { gradeItem } from "./grading";
import { publicItemView, toDisplayResponse, toGradingResponse } from "./view";
import {
  matchingItem,
  multiplePartialItem,
  numericItem,
  openItem,
  orderingItem,
  shortTextItem,
  singleItem,
  trueFalseItem,
} from "./test-fixtures";

describe("publicItemView", () => {
  it("shows options in the display order, with display keys and without correct flags", () => {
    expect(publicItemView({ item: singleItem, language: "en", order: ["c", "b", "a"] })).toEqual({
      id: "t-single",
      type: "single",
      points: 1,
      prompt: "Which one is an AI system?",
      options: [
        { id: "o1", text: "A spreadsheet" },
        { id: "o2", text: "A trained model" },
        { id: "o3", text: "A form" },
      ],
    });
  });

  it("keeps the file order of options when there is no (valid) stored order", () => {
    for (const order of [undefined, null, [], ["a", "b"], ["a", "b", "z"], ["a", "a", "b"]]) {
      const view = publicItemView({ item: singleItem, language: "fr", order });
      expect(view?.type === "single" ? view.options.map((option) => option.text) : null).toEqual([
        "A form (fr)",
        "A trained model (fr)",
        "A spreadsheet (fr)",
      ]);
    }
  });

  it("shows ordering entries shuffled with display keys that do not reveal the written ids", () => {
    expect(publicItemView({ item: orderingItem, language: "en", order: ["s3", "s1", "s4", "s2"] })).toEqual({
      id: "t-ordering",
      type: "ordering",
      points: 2,
      prompt: "Put the stages in order.",
      items: [
        { id: "e1", text: "Tune" },
        { id: "e2", text: "Collect" },
        { id: "e3", text: "Deploy" },
        { id: "e4", text: "Pre-train" },
      ],
    });
  });

  it("never shows ordering entries in the correct order, even without a stored order", () => {
    const a = publicItemView({ item: orderingItem, language: "en" });
    const b = publicItemView({ item: orderingItem, language: "en", order: ["s1", "s2"] });
    const texts = (view: ReturnType<typeof publicItemView>) =>
      view?.type === "ordering" ? view.items.map((entry) => entry.text) : [];
    expect(texts(a)).not.toEqual(["Collect", "Pre-train", "Tune", "Deploy"]);
    expect(texts(a)).toEqual(texts(b)); // the fallback is fixed per item
    expect([...texts(a)].sort()).toEqual(["Collect", "Deploy", "Pre-train", "Tune"]);
  });

  it("shows matching lefts in order and rights shuffled as a separate list, with unrelated keys", () => {
    expect(publicItemView({ item: matchingItem, language: "en", order: ["p2", "p4", "p1", "p3"] })).toEqual({
      id: "t-matching",
      type: "matching",
      points: 2,
      prompt: "Match each need with a family of AI.",
      lefts: [
        { id: "l1", text: "Vibrations" },
        { id: "l2", text: "Leaf photo" },
        { id: "l3", text: "Draft a reply" },
        { id: "l4", text: "Suggest tours" },
      ],
      rights: [
        { id: "r1", text: "Computer vision" },
        { id: "r2", text: "Recommender system" },
        { id: "r3", text: "Anomaly detection" },
        { id: "r4", text: "Generative AI" },
      ],
    });
  });

  it("shows the numeric unit and nothing of the answer", () => {
    expect(publicItemView({ item: numericItem, language: "ar" })).toEqual({
      id: "t-numeric",
      type: "numeric",
      points: 2,
      prompt: "Compute Cohen's kappa (two decimals). (ar)",
      unit: "points (ar)",
    });
  });

  it("shows only the prompt for true/false, short text and open items", () => {
    for (const item of [trueFalseItem, shortTextItem, openItem]) {
      const view = publicItemView({ item, language: "en" });
      expect(Object.keys(view ?? {}).sort()).toEqual(["id", "points", "prompt", "type"]);
    }
  });

  it("falls back to French, then English, then Arabic", () => {
    const item: ExamItemDef = { ...trueFalseItem, prompt: { ar: "نص", en: "Text" } };
    expect(publicItemView({ item, language: "fr" })?.prompt).toBe("Text");
    expect(publicItemView({ item, language: "ar" })?.prompt).toBe("نص");
    const arabicOnly: ExamItemDef = { ...trueFalseItem, prompt: { ar: "نص" } };
    expect(publicItemView({ item: arabicOnly, language: "en" })?.prompt).toBe("نص");
    const noArabic: ExamItemDef = { ...trueFalseItem, prompt: { fr: "Texte", en: "Text" } };
    expect(publicItemView({ item: noArabic, language: "ar" })?.prompt).toBe("Texte");
  });

  it("returns null for an item that cannot be parsed", () => {
    expect(publicItemView({ item: { ...singleItem, options: [] }, language: "fr" })).toBeNull();
  });
});

describe("toGradingResponse / toDisplayResponse", () => {
  it("translates single and multiple choices from display keys to option ids and back", () => {
    const order = ["c", "b", "a"];
    expect(toGradingResponse({ item: singleItem, order, response: { optionId: "o2" } })).toEqual({ optionId: "b" });
    expect(toGradingResponse({ item: singleItem, order, response: { optionId: "b" } })).toBeNull();
    expect(toDisplayResponse({ item: singleItem, order, response: { optionId: "a" } })).toEqual({ optionId: "o3" });
    const multipleOrder = ["e", "d", "c", "b", "a"];
    expect(
      toGradingResponse({
        item: multiplePartialItem,
        order: multipleOrder,
        response: { optionIds: ["o5", "o1", "o5", "zz", 3] },
      })
    ).toEqual({
      optionIds: ["a", "e"],
    });
    expect(
      toGradingResponse({ item: multiplePartialItem, order: multipleOrder, response: { optionIds: [] } })
    ).toBeNull();
  });

  it("translates an ordering and rejects anything that is not a full permutation", () => {
    const order = ["s3", "s1", "s4", "s2"];
    // The learner puts e2 (Collect), e4 (Pre-train), e1 (Tune), e3 (Deploy): the correct order.
    const response = toGradingResponse({ item: orderingItem, order, response: { order: ["e2", "e4", "e1", "e3"] } });
    expect(response).toEqual({ order: ["s1", "s2", "s3", "s4"] });
    expect(gradeItem({ item: orderingItem, response, language: "en" }).status).toBe("correct");
    expect(toDisplayResponse({ item: orderingItem, order, response })).toEqual({ order: ["e2", "e4", "e1", "e3"] });
    for (const bad of [["e1", "e2", "e3"], ["e1", "e1", "e2", "e3"], ["e1", "e2", "e3", "s4"], "e1"]) {
      expect(toGradingResponse({ item: orderingItem, order, response: { order: bad } })).toBeNull();
    }
  });

  it("translates matching lefts and rights", () => {
    const order = ["p2", "p4", "p1", "p3"];
    const response = toGradingResponse({
      item: matchingItem,
      order,
      response: { pairs: { l1: "r3", l2: "r1", l3: "r2", l9: "r1", l4: 7 } },
    });
    expect(response).toEqual({ pairs: { p1: "p1", p2: "p2", p3: "p4" } });
    expect(gradeItem({ item: matchingItem, response, language: "en" })).toMatchObject({ points: 1, status: "partial" });
    expect(toDisplayResponse({ item: matchingItem, order, response })).toEqual({
      pairs: { l1: "r3", l2: "r1", l3: "r2" },
    });
    expect(toGradingResponse({ item: matchingItem, order, response: { pairs: { l1: "" } } })).toBeNull();
  });

  it("passes the other types through, keeping only well-formed values", () => {
    expect(toGradingResponse({ item: trueFalseItem, response: { value: "true", extra: 1 } })).toEqual({ value: true });
    expect(toGradingResponse({ item: trueFalseItem, response: { value: "maybe" } })).toBeNull();
    expect(toGradingResponse({ item: numericItem, response: { value: " 0,49 " } })).toEqual({ value: "0,49" });
    expect(toGradingResponse({ item: numericItem, response: { value: 0.49 } })).toEqual({ value: 0.49 });
    expect(toGradingResponse({ item: numericItem, response: { value: "  " } })).toBeNull();
    expect(toGradingResponse({ item: shortTextItem, response: { text: " Supervised " } })).toEqual({
      text: " Supervised ",
    });
    expect(toGradingResponse({ item: openItem, response: { text: "" } })).toBeNull();
    expect(toGradingResponse({ item: openItem, response: "text" })).toBeNull();
  });
});
