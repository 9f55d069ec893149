import { describe, expect, it } from "vitest";
import { shouldUseSecureCookies } from "./cookies.server";

describe("shouldUseSecureCookies", () => {
  it("is off outside production", () => {
    expect(shouldUseSecureCookies({ nodeEnv: "development", appUrl: "https://maharat.ma", requestUrl: "https://maharat.ma/" })).toBe(false);
  });
  it("is on in production behind https (APP_URL) even when the proxy talks plain http to the app", () => {
    expect(shouldUseSecureCookies({ nodeEnv: "production", appUrl: "https://maharat.ma", requestUrl: "http://10.0.0.5:3000/" })).toBe(true);
  });
  it("is on in production when the request came over https", () => {
    expect(shouldUseSecureCookies({ nodeEnv: "production", appUrl: undefined, requestUrl: "https://maharat.ma/login" })).toBe(true);
  });
  it("is off for a production build tried over plain http without APP_URL", () => {
    expect(shouldUseSecureCookies({ nodeEnv: "production", appUrl: undefined, requestUrl: "http://127.0.0.1:3000/" })).toBe(false);
  });
});
