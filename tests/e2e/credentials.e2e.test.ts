import { expect, test } from "vitest";
import { describeE2e, logIn, t } from "./helpers";

const ADMIN = { email: "admin@demo.maharat.ma", password: "maharat-demo-2026" };

describeE2e("verifying a credential on /verify", (browser) => {
  test("an employer pastes a credential and sees it valid; one changed character makes it invalid", async () => {
    // A credential to check: the demo platform admin issues one through the VC-API (POST /credentials/issue).
    const admin = await browser.newPage({ lang: "fr" });
    await logIn(admin, ADMIN);
    const did: string = (await (await admin.request.get("/.well-known/did.json")).json()).id;
    const host = new URL(browser.baseUrl).host;
    const issued = await admin.request.post("/credentials/issue", {
      headers: { Origin: browser.baseUrl, "Content-Type": "application/json" },
      data: {
        credential: {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          type: ["VerifiableCredential", "OpenBadgeCredential"],
          name: "Atelier IA responsable",
          issuer: { id: did, type: ["Profile"], name: "Maharat", url: browser.baseUrl },
          credentialSubject: {
            type: ["AchievementSubject"],
            id: "urn:uuid:6f1c2d7e-0000-4000-8000-000000000021",
            achievement: { id: `https://${host}/achievements/atelier-e2e`, type: ["Achievement"], name: "Atelier IA responsable", description: "Participation.", criteria: { narrative: "Participer." } },
          },
        },
      },
    });
    expect(issued.status()).toBe(201);
    const credential = JSON.stringify((await issued.json()).verifiableCredential, null, 2);

    // Anyone, without an account, in a fresh browser.
    const page = await browser.newPage({ lang: "fr" });
    await page.goto("/verify");
    await page.locator("h1", { hasText: t("fr", "credentials.verify.title") }).waitFor();
    await page.getByLabel(t("fr", "credentials.verify.pasteLabel"), { exact: true }).fill(credential);
    await page.getByRole("button", { name: t("fr", "credentials.verify.pasteSubmit"), exact: true }).click();
    await page.getByRole("heading", { name: t("fr", "credentials.verify.headline.valid"), exact: true }).waitFor();
    expect(await page.locator('[data-status="valid"]').count()).toBe(1);
    expect(await page.locator("main").innerText()).toContain("Atelier IA responsable");

    await page.getByLabel(t("fr", "credentials.verify.pasteLabel"), { exact: true }).fill(credential.replace("Atelier IA responsable", "Atelier IA responsablf"));
    await page.getByRole("button", { name: t("fr", "credentials.verify.pasteSubmit"), exact: true }).click();
    await page.getByRole("heading", { name: t("fr", "credentials.verify.headline.invalid"), exact: true }).waitFor();
    expect(await page.locator('[data-status="invalid"] li').count()).toBeGreaterThan(0);
  });
});
