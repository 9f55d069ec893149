import { describe, expect, it } from "vitest";
import { isolateLatinRuns } from "./bidi";

const LRI = "\u2066";
const PDI = "\u2069";

describe("isolateLatinRuns", () => {
  it("isolates a Latin quote in Arabic text with its guillemets and closing full stop", () => {
    expect(isolateLatinRuns("«Merci beaucoup.» (أي: شكرًا جزيلًا)")).toBe(`${LRI}«Merci beaucoup.»${PDI} (أي: شكرًا جزيلًا)`);
    expect(isolateLatinRuns("قال الزبون « Salam, kifach n3awnek? » ثم انصرف")).toBe(`قال الزبون ${LRI}« Salam, kifach n3awnek? »${PDI} ثم انصرف`);
  });

  it("isolates each Latin run apart and leaves Arabic, numbers alone and Latin-only text untouched", () => {
    expect(isolateLatinRuns("التناوب اللغوي (code-switching) شائع")).toBe(`التناوب اللغوي (${LRI}code-switching${PDI}) شائع`);
    expect(isolateLatinRuns("ChatGPT أو Copilot")).toBe(`${LRI}ChatGPT${PDI} أو ${LRI}Copilot${PDI}`);
    expect(isolateLatinRuns("ثلاثة أيام و20 درهمًا")).toBe("ثلاثة أيام و20 درهمًا");
    expect(isolateLatinRuns("« Merci beaucoup. »")).toBe("« Merci beaucoup. »");
  });
});
