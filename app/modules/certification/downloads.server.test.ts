import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { certificateContent } from "./downloads.server";
import { issueCredentialForEvent } from "./issuer.server";
import { createCertifiedLearner, useCredentialTestEnv } from "./test-fixtures";

useCredentialTestEnv();

describe("the printed certificate's content", () => {
  it("names the achievement and its skills in the reader's language, whatever language the credential was signed in", async () => {
    const { user, event } = await createCertifiedLearner({ locale: "ar" });
    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(issued.outcome);
    const credential = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: issued.credentialId }, select: { id: true, json: true } });
    // Signed in Arabic.
    expect(JSON.stringify(credential.json)).toContain("الأساسيات");
    const fr = await certificateContent({ credential, language: "fr", fallbackName: "x" });
    const arabic = /[\u0600-\u06FF]/;
    expect(fr).toMatchObject({ achievementName: "Fondamentaux", learnerName: user.name, credentialId: credential.id });
    expect(fr.skills).toContain("Notions d'IA");
    expect(fr.skills.some((s) => arabic.test(s))).toBe(false);
    const en = await certificateContent({ credential, language: "en", fallbackName: "x" });
    expect(en.achievementName).toBe("Foundations");
    expect(en.skills).toContain("AI concepts");
    const ar = await certificateContent({ credential, language: "ar", fallbackName: "x" });
    expect(ar.achievementName).toBe("الأساسيات");
    expect(ar.skills).toContain("مفاهيم");
  });
});
