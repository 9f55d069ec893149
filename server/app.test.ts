import { describe, expect, it } from "vitest";
import { redactPath } from "./app";

describe("redactPath", () => {
  it("drops query strings and hides reset tokens from request logs", () => {
    expect(redactPath("/login?redirectTo=%2Fadmin")).toBe("/login");
    expect(redactPath("/reset-password/abcdefgh234567?x=1")).toBe("/reset-password/[token]");
    expect(redactPath("/centre/ista-casa")).toBe("/centre/ista-casa");
  });
});
