import { describe, expect, it } from "vitest";
import { credentialIdFromLink, linkedInAddUrl, linkedInFields, linksFromCsv, parseCsv } from "./sharing";

const ID = "6f1c2d7e-0000-4000-8000-000000000020";
const HOSTS = ["maharat.test", "localhost:3000"];

describe("linkedInAddUrl", () => {
  it("builds LinkedIn's add-certification link with every value URL-encoded", () => {
    const fields = linkedInFields({ name: "Fondamentaux de l'IA & éthique", issuedAt: new Date("2026-01-31T23:30:00Z"), certUrl: `https://maharat.test/credentials/${ID}`, certId: ID });
    expect(fields).toMatchObject({ organizationName: "Maharat", issueYear: 2026, issueMonth: 1 });
    const url = new URL(linkedInAddUrl(fields));
    expect(`${url.origin}${url.pathname}`).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Fondamentaux de l'IA & éthique",
      organizationName: "Maharat",
      issueYear: "2026",
      issueMonth: "1",
      certUrl: `https://maharat.test/credentials/${ID}`,
      certId: ID,
    });
    expect(linkedInAddUrl(fields)).not.toContain("& ");
  });
});

describe("credentialIdFromLink", () => {
  it("reads our credential, download and /verify links and bare ids", () => {
    for (const link of [ID, ID.toUpperCase(), `https://maharat.test/credentials/${ID}`, `http://localhost:3000/credentials/${ID}.json`, `https://maharat.test/verify?id=${ID}`, ` https://maharat.test/credentials/${ID}/ `]) {
      expect(credentialIdFromLink(link, HOSTS), link).toEqual({ kind: "ours", id: ID });
    }
  });

  it("refuses other hosts and anything else", () => {
    for (const link of [`https://elsewhere.example/credentials/${ID}`, "not a link", "https://maharat.test/credentials/status/x", "https://maharat.test/verify?id=nope", ""]) {
      expect(credentialIdFromLink(link, HOSTS), link).toEqual({ kind: "not_ours" });
    }
  });
});

describe("CSV of links", () => {
  it("parses quotes, doubled quotes, CRLF, a BOM and semicolons", () => {
    expect(parseCsv('\uFEFFa,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([["a", "b,c", 'd "e"'], ["1", "2", "3"]]);
    expect(parseCsv("nom;lien\nSalma;https://x\n")).toEqual([["nom", "lien"], ["Salma", "https://x"]]);
  });

  it("takes the url/link column when there is one, else the first cell of each line; skips blank lines", () => {
    expect(linksFromCsv("name,url\nSalma,https://a\n\nAmine,https://b")).toEqual([{ line: 2, link: "https://a" }, { line: 4, link: "https://b" }]);
    expect(linksFromCsv("https://a\n  \nhttps://b\n")).toEqual([{ line: 1, link: "https://a" }, { line: 3, link: "https://b" }]);
    expect(linksFromCsv("الاسم,رابط\nسلمى,https://a")).toEqual([{ line: 2, link: "https://a" }]);
    expect(linksFromCsv("")).toEqual([]);
  });
});
