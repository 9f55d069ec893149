import { describe, expect, it } from "vitest";
import { isSameOriginMutation } from "./origin";

const base = { expectedOrigin: "https://maharat.example", referer: null, hasCookies: true };

describe("isSameOriginMutation", () => {
  it("lets safe methods through", () => {
    expect(isSameOriginMutation({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
  });
  it("accepts a form posted from our own origin", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "https://maharat.example" })).toBe(true);
  });
  it("refuses a form posted from another site", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
  });
  it("falls back to Referer when Origin is absent or opaque", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: null, referer: "https://maharat.example/login" })).toBe(true);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "null", referer: "https://evil.example/x" })).toBe(false);
  });
  it("refuses a cookie-bearing mutation that names no origin at all", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: null })).toBe(false);
  });
  it("lets cookie-less API clients post (they carry no ambient authority)", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: null, hasCookies: false })).toBe(true);
  });
});
