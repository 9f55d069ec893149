import { describe, expect, it } from "vitest";
import { safeRedirect, SignupSchema } from "./schemas";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/centre/abc?x=1")).toBe("/centre/abc?x=1");
  });
  it("percent-encodes what a Location header cannot carry", () => {
    expect(safeRedirect("/courses?q=ذكاء")).toBe("/courses?q=%D8%B0%D9%83%D8%A7%D8%A1");
    expect(safeRedirect("/learn\r\nSet-Cookie: x=1")).toBe("/learnSet-Cookie:%20x=1");
  });
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\t\\evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "javascript:alert(1)",
    "",
    null,
    42,
  ])(
    "refuses %s",
    (value) => {
      expect(safeRedirect(value, "/learn")).toBe("/learn");
    },
  );
});

describe("SignupSchema", () => {
  const valid = { name: "Hajar El Idrissi", email: " Hajar@Example.MA ", password: "une phrase assez longue", consent: "on", language: "ar" };

  it("normalises the e-mail address", () => {
    const parsed = SignupSchema.parse(valid);
    expect(parsed.email).toBe("hajar@example.ma");
    expect(parsed.language).toBe("ar");
  });

  it("answers with catalogue keys, so the form can show them in the reader's language", () => {
    const result = SignupSchema.safeParse({ ...valid, email: "not-an-email", password: "short", consent: undefined, name: "" });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
    expect(messages).toEqual([
      "consent:validation.consentRequired",
      "email:validation.emailInvalid",
      "name:validation.nameTooShort",
      "password:validation.passwordTooShort",
    ]);
  });

  it("refuses a language the platform does not offer", () => {
    expect(SignupSchema.safeParse({ ...valid, language: "de" }).success).toBe(false);
  });
});
