import { describe, expect, it } from "vitest";
import { chooseLanguage, pickLocalized } from "./localize";

describe("pickLocalized", () => {
  it("uses the reader's language when present", () => {
    expect(pickLocalized({ fr: "Bonjour", ar: "مرحبا" }, "ar")).toEqual({ text: "مرحبا", language: "ar", isFallback: false });
  });
  it("falls back to French, then English, and says so", () => {
    expect(pickLocalized({ en: "Hello", fr: "Bonjour" }, "ar")).toEqual({ text: "Bonjour", language: "fr", isFallback: true });
    expect(pickLocalized({ en: "Hello" }, "ar")).toEqual({ text: "Hello", language: "en", isFallback: true });
  });
  it("survives non-objects", () => {
    expect(pickLocalized(null, "fr").text).toBe("");
  });
});

describe("chooseLanguage", () => {
  it("serves a lesson missing in Arabic in French, flagged", () => {
    expect(chooseLanguage(["fr", "en"], "ar")).toEqual({ language: "fr", isFallback: true });
    expect(chooseLanguage(["fr", "en"], "en")).toEqual({ language: "en", isFallback: false });
    expect(chooseLanguage([], "fr")).toBeNull();
  });
});
