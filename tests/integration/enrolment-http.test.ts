// Importing learners from a centre's CSV, over HTTP: columns not used are named, an optional field with a bad value
// warns instead of rejecting, and after the import the rejected rows are listed and downloadable with the reason, in
// the file's own columns and separator.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { hashToken } from "~/modules/accounts/tokens.server";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { useTestServer } from "../setup/test-server";

const server = useTestServer();

function upload(fields: Record<string, string>, file?: string) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  if (file !== undefined) body.append("file", new Blob([file], { type: "text/csv" }), "promo.csv");
  return body;
}

describe("CSV enrolment", () => {
  it("names ignored columns, warns on an unknown language, lists and exports the rejected rows", async () => {
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE" });
    const admin = await createUser({ role: "CENTRE_ADMIN", centreId: centre.id });
    const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Promo CSV" }, select: { id: true } });
    const cookie = await sessionCookieHeader(admin.id);
    const path = `/centre/${centre.slug}/cohorts/${cohort.id}/enrol`;
    const csv = "\uFEFFCIN;Prénom;Nom;E-mail;Langue\r\nAB123456;Salma;Bennani;salma.csv@example.ma;es\r\nCD654321;;Alaoui;alaoui.csv@example.ma;fr\r\nEF111111;Karim;Tazi;karim.tazi@;fr\r\n";

    const preview = await server.request(path, { method: "POST", cookie, headers: { "Accept-Language": "fr" }, body: upload({ intent: "preview" }, csv) });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Colonnes non utilisées (non importées) : CIN");
    expect(html).toContain("Langue inconnue « es » : importé en français");
    expect(html).toContain("Prénom manquant : importé sous le nom de famille seul.");
    expect(html.match(/data-status="new_account"/g)).toHaveLength(2);

    const imported = await server.request(path, { method: "POST", cookie, headers: { "Accept-Language": "fr" }, body: upload({ intent: "import", csv }) });
    expect(imported.status).toBe(200);
    const result = await imported.text();
    expect(result).toContain("Lignes non importées");
    expect(result).toMatch(/karim\.tazi@/);
    const salma = await prisma.user.findUniqueOrThrow({ where: { email: "salma.csv@example.ma" }, select: { locale: true } });
    expect(salma.locale).toBe("fr");
    expect(JSON.stringify(await prisma.user.findMany({ select: { name: true, email: true } }))).not.toContain("AB123456");

    expect(result).toContain(`action="/centre/${centre.slug}/cohorts/${cohort.id}/rejected.csv"`);
    const rejected = await server.request(`/centre/${centre.slug}/cohorts/${cohort.id}/rejected.csv`, { method: "POST", cookie, headers: { "Accept-Language": "fr" }, body: upload({ intent: "rejected", csv }) });
    expect(rejected.headers.get("content-type")).toContain("text/csv");
    const lines = (await rejected.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("CIN;Prénom;Nom;E-mail;Langue;Motif");
    expect(lines[1]?.startsWith("EF111111;Karim;Tazi;karim.tazi@;fr;")).toBe(true);
    expect(lines[1]?.split(";").at(-1)?.length).toBeGreaterThan(5);
  });
});

describe("an invited learner's first sign-in", () => {
  it("asks them to accept the privacy notice, records it like a sign-up and signs them in", async () => {
    const user = await prisma.user.create({ data: { email: "invited@example.ma", name: "Nora Invitée", passwordHash: "!", invitedAt: new Date() }, select: { id: true } });
    const token = "invitationtokenabcdefghijklmnop";
    await prisma.passwordResetToken.create({ data: { id: hashToken(token), userId: user.id, purpose: "invitation", expiresAt: new Date(Date.now() + 86_400_000) } });
    const page = await (await server.request(`/reset-password/${token}`, { headers: { "Accept-Language": "fr" } })).text();
    expect(page).toContain('name="consent"');
    expect(page).toContain('href="/privacy"');
    const body = (values: Record<string, string>) => new URLSearchParams(values);
    const refused = await server.request(`/reset-password/${token}`, { method: "POST", headers: { "Accept-Language": "fr" }, body: body({ password: "un mot de passe solide", confirmPassword: "un mot de passe solide" }) });
    expect(refused.status).toBe(400);
    expect(await prisma.consent.count({ where: { userId: user.id } })).toBe(0);
    const accepted = await server.request(`/reset-password/${token}`, { method: "POST", headers: { "Accept-Language": "ar" }, body: body({ password: "un mot de passe solide", confirmPassword: "un mot de passe solide", consent: "on" }) });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/learn?welcome=1");
    expect(accepted.headers.getSetCookie().some((c) => c.startsWith("__session=") || c.includes("session"))).toBe(true);
    expect(await prisma.consent.findMany({ where: { userId: user.id }, select: { kind: true, locale: true } })).toEqual([{ kind: "privacy_notice", locale: "ar" }]);
  });
});
