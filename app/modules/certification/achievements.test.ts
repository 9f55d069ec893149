import { describe, expect, it } from "vitest";
import { type CertificationCredentialInput, asLocalizedText, composeCertificationCredential, credentialLanguage } from "./achievements";

const base = "https://maharat.test";

function input(overrides: Partial<CertificationCredentialInput> = {}): CertificationCredentialInput {
  return {
    credentialUrl: `${base}/credentials/6f1c2d7e-0000-4000-8000-000000000001`,
    achievementUrl: `${base}/achievements/t1-course`,
    skillsBaseUrl: `${base}/skills`,
    issuer: { did: "did:web:maharat.test", url: base },
    learner: { subjectId: "urn:uuid:6f1c2d7e-0000-4000-8000-000000000002", locale: "ar", displayName: "Salma Idrissi" },
    course: {
      title: { fr: "Fondamentaux", ar: "الأساسيات", en: "Foundations" },
      summary: { fr: "Résumé", ar: "ملخص", en: "Summary" },
      tier: { level: 1, title: { fr: "Fondamentaux de l'IA", ar: "أساسيات الذكاء الاصطناعي" } },
      skills: [
        { id: "ai-concepts", label: { fr: "Notions d'IA", ar: "مفاهيم", en: "AI concepts" }, esco: null },
        { id: "data-protection", label: { fr: "Protection des données" }, esco: "http://data.europa.eu/esco/skill/abc" },
      ],
      passMarkPercent: 70,
    },
    percent: 86.66,
    issuedAt: new Date("2026-11-22T10:00:00.123Z"),
    status: { statusListCredential: `${base}/credentials/status/list-1`, index: 7 },
    ...overrides,
  };
}

describe("credentialLanguage", () => {
  it("uses the learner's language when the course has it, else French, English, Arabic", () => {
    expect(credentialLanguage({ fr: "a", ar: "b" }, "ar")).toBe("ar");
    expect(credentialLanguage({ fr: "a", en: "c" }, "ar")).toBe("fr");
    expect(credentialLanguage({ en: "c" }, "fr")).toBe("en");
    expect(credentialLanguage({ ar: "b" }, "xx")).toBe("ar");
  });

  it("reads only strings in known languages from a Json column", () => {
    expect(asLocalizedText({ fr: "a", ar: 3, de: "x", en: " " })).toEqual({ fr: "a" });
    expect(asLocalizedText(null)).toEqual({});
    expect(asLocalizedText(["fr"])).toEqual({});
  });
});

describe("composeCertificationCredential", () => {
  it("writes an Open Badges 3.0 certificate in the learner's language with tier, skills, score and status", () => {
    const credential = composeCertificationCredential(input());
    expect(credential).toMatchObject({
      id: `${base}/credentials/6f1c2d7e-0000-4000-8000-000000000001`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      name: "الأساسيات",
      issuer: { id: "did:web:maharat.test", type: ["Profile"], name: "Maharat", url: base },
      validFrom: "2026-11-22T10:00:00Z",
      credentialStatus: { statusListIndex: "7", statusListCredential: `${base}/credentials/status/list-1`, statusPurpose: "revocation" },
    });
    expect(credential.validUntil).toBeUndefined();
    const { achievement } = credential.credentialSubject;
    expect(achievement).toMatchObject({
      id: `${base}/achievements/t1-course`,
      name: "الأساسيات",
      description: "ملخص",
      achievementType: "Certificate",
      inLanguage: "ar",
      tag: ["tier:1", "أساسيات الذكاء الاصطناعي"],
    });
    expect(achievement.criteria.narrative).toContain("70%");
    expect(achievement.criteria.narrative).toContain("الأساسيات");
    expect(achievement.alignment).toEqual([
      expect.objectContaining({ targetCode: "ai-concepts", targetName: "مفاهيم", targetUrl: `${base}/skills/ai-concepts`, targetFramework: "Maharat skills" }),
      // No Arabic label: the French one.
      expect.objectContaining({ targetCode: "data-protection", targetName: "Protection des données", targetUrl: "http://data.europa.eu/esco/skill/abc", targetFramework: "ESCO" }),
    ]);
    expect(achievement.resultDescription?.[0]).toMatchObject({ resultType: "Percent", requiredValue: "70", name: "النتيجة (%)" });
    // Rounded down: a score never reads higher than it was.
    expect(credential.credentialSubject.result?.[0].value).toBe("86.6");
    expect(credential.credentialSubject.source).toBeUndefined();
  });

  it("co-brands with the learner's training centre as credentialSubject.source", () => {
    const credential = composeCertificationCredential(
      input({ trainingCentre: { id: `${base}/organisations/centre-1`, name: "Centre de Fès", url: "https://centre-fes.ma/" } }),
    );
    expect(credential.credentialSubject.source).toEqual({ id: `${base}/organisations/centre-1`, type: ["Profile"], name: "Centre de Fès", url: "https://centre-fes.ma/" });
    expect(credential.issuer.name).toBe("Maharat");
  });

  it("falls back to French for a course without the learner's language, and can carry a validity period", () => {
    const credential = composeCertificationCredential(
      input({
        learner: { subjectId: "urn:uuid:6f1c2d7e-0000-4000-8000-000000000002", locale: "ar" },
        course: { ...input().course, title: { fr: "Praticien", en: "Practitioner" }, summary: { fr: "Résumé" }, validForDays: 365 },
      }),
    );
    expect(credential.name).toBe("Praticien");
    expect(credential.credentialSubject.achievement.inLanguage).toBe("fr");
    expect(credential.credentialSubject.achievement.criteria.narrative).toBe("Réussir l'examen final du cours « Praticien » avec un score d'au moins 70 %.");
    expect(credential.validUntil).toBe("2027-11-22T10:00:00Z");
  });
});
