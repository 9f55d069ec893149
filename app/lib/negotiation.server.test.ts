import { describe, expect, it } from "vitest";
import { prefersJsonLd } from "./negotiation.server";

const withAccept = (accept?: string) => new Request("http://localhost/x", accept === undefined ? {} : { headers: { Accept: accept } });

describe("prefersJsonLd", () => {
  it("keeps browsers on the page", () => {
    expect(prefersJsonLd(withAccept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))).toBe(false);
    expect(prefersJsonLd(withAccept("*/*"))).toBe(false);
    expect(prefersJsonLd(withAccept())).toBe(false);
  });

  it("sends JSON-LD clients to the document", () => {
    expect(prefersJsonLd(withAccept("application/ld+json"))).toBe(true);
    expect(prefersJsonLd(withAccept("application/vc+ld+json, text/html;q=0.5"))).toBe(true);
    expect(prefersJsonLd(withAccept("application/json"))).toBe(true);
    expect(prefersJsonLd(withAccept("text/html, application/ld+json;q=0.9"))).toBe(false);
  });
});
