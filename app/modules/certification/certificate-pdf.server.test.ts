import { describe, expect, it } from "vitest";
import { getFixedT } from "~/lib/i18n.server";
import { findCertificateFonts, renderCertificatePdf, visualWordOrder } from "./certificate-pdf.server";

describe("visualWordOrder", () => {
  it("reverses the words of an Arabic line and keeps Latin runs and numbers readable", () => {
    expect(visualWordOrder(["أسس", "الذكاء", "الاصطناعي"], "rtl")).toEqual(["الاصطناعي", "الذكاء", "أسس"]);
    // "بتاريخ 22 نونبر 2026": read from the right, the date comes out in order.
    expect(visualWordOrder(["بتاريخ", "22", "نونبر", "2026"], "rtl")).toEqual(["2026", "نونبر", "22", "بتاريخ"]);
    expect(visualWordOrder(["صادرة", "عن", "ISTA", "Casablanca"], "rtl")).toEqual(["ISTA", "Casablanca", "عن", "صادرة"]);
  });

  it("keeps a French line as it is and reverses only an Arabic name inside it", () => {
    expect(visualWordOrder(["Délivré", "par", "Maharat"], "ltr")).toEqual(["Délivré", "par", "Maharat"]);
    expect(visualWordOrder(["Titulaire", ":", "سلمى", "بنعلي"], "ltr")).toEqual(["Titulaire", ":", "بنعلي", "سلمى"]);
  });

  it("gives a neutral word the direction on both sides, else the line's", () => {
    expect(visualWordOrder(["Concepts", "·", "Données", "·", "حماية"], "rtl")).toEqual(["حماية", "·", "Concepts", "·", "Données"]);
  });
});

describe("renderCertificatePdf", () => {
  it.each(["fr", "ar", "en"] as const)("renders a one-page PDF in %s", async (language) => {
    const t = await getFixedT(language);
    const pdf = await renderCertificatePdf({
      language,
      t: (key, values) => t(key, values),
      content: {
        learnerName: "سلمى Benali",
        achievementName: "Fondamentaux",
        issuerName: "Maharat",
        centreName: "ISTA Casablanca",
        issuedOn: "2026-11-22T10:00:00Z",
        skills: ["Concepts", "حماية البيانات"],
        credentialId: "6f1c2d7e-0000-4000-8000-000000000020",
        verifyUrl: "https://maharat.test/verify?id=6f1c2d7e-0000-4000-8000-000000000020",
      },
    });
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    // A Unicode font is embedded when the machine has one (fonts-dejavu-core on Debian).
    if (findCertificateFonts()) expect(text).toMatch(/\/FontFile2/);
  });
});
