// The learner's side of credentials: the /credentials page (each certification, "being issued" until its
// credential exists) and the owner-only downloads. Ownership is in every `where`: someone else's id is a missing row.
import type { VerificationStatus, VerificationSummary } from "../../../credentials/index";
import { prisma } from "~/lib/db.server";
import { asLocalizedText, isCredentialLanguage, textIn } from "./achievements";
import { listMyCredentials, parseCredentialId } from "./issuer.server";
import { issuerIdentity } from "./keys.server";
import { type LinkedInFields, linkedInAddUrl, linkedInFields } from "./sharing";
import { verifyIssuedCredential } from "./verify.server";

/** The public page of a credential (the share link), on the app's own origin. */
export function publicCredentialUrl(credentialId: string) {
  return `${issuerIdentity().appOrigin}/credentials/${credentialId}`;
}

/** Where the QR code of the badge and the certificate points: /verify on the app's own origin. */
export function verifyPageUrl(credentialId: string) {
  return `${issuerIdentity().appOrigin}/verify?id=${encodeURIComponent(credentialId)}`;
}

export type CredentialCard =
  | { status: "issuing"; courseId: string; courseTitle: string; earnedAt: string }
  | {
      status: "issued" | "revoked";
      courseId: string;
      courseTitle: string;
      earnedAt: string;
      credentialId: string;
      issuedAt: string;
      revokedAt: string | null;
      /** What a verifier sees now (valid, revoked, or invalid if something is wrong on our side). */
      verification: VerificationStatus;
      summary: VerificationSummary | null;
      publicUrl: string;
      linkedIn: LinkedInFields & { url: string };
    };

/** The learner's certifications with their credentials, oldest first, ready for the page. */
export async function listMyCredentialCards({ userId, language }: { userId: string; language: string }): Promise<CredentialCard[]> {
  const mine = await listMyCredentials({ userId });
  if (mine.length === 0) return [];
  const credentialIds = mine.flatMap((c) => (c.status === "issuing" ? [] : [c.credentialId]));
  const [courses, rows] = await Promise.all([
    prisma.course.findMany({ where: { id: { in: mine.map((c) => c.courseId) } }, select: { id: true, title: true } }),
    prisma.issuedCredential.findMany({ where: { userId, id: { in: credentialIds } }, select: { id: true, json: true } }),
  ]);
  const titleLanguage = isCredentialLanguage(language) ? language : "fr";
  const titles = new Map(courses.map((c) => [c.id, textIn(asLocalizedText(c.title), titleLanguage)]));
  const jsonById = new Map(rows.map((row) => [row.id, row.json]));

  const cards: CredentialCard[] = [];
  for (const item of mine) {
    const courseTitle = titles.get(item.courseId) || item.courseId;
    if (item.status === "issuing") {
      cards.push({ status: "issuing", courseId: item.courseId, courseTitle, earnedAt: item.earnedAt.toISOString() });
      continue;
    }
    const result = await verifyIssuedCredential(jsonById.get(item.credentialId));
    const name = result.summary?.achievement.name ?? courseTitle;
    const publicUrl = publicCredentialUrl(item.credentialId);
    const fields = linkedInFields({ name, issuedAt: item.issuedAt, certUrl: publicUrl, certId: item.credentialId });
    cards.push({
      status: item.status,
      courseId: item.courseId,
      courseTitle,
      earnedAt: item.earnedAt.toISOString(),
      credentialId: item.credentialId,
      issuedAt: item.issuedAt.toISOString(),
      revokedAt: item.revokedAt?.toISOString() ?? null,
      verification: result.status,
      summary: result.summary ?? null,
      publicUrl,
      linkedIn: { ...fields, url: linkedInAddUrl(fields) },
    });
  }
  return cards;
}

/** The signed credential as stored, only for its owner (the PNG and PDF downloads); null for anyone else. */
export async function getMyCredentialJson({ credentialId, userId }: { credentialId: string; userId: string }) {
  const id = parseCredentialId(credentialId);
  if (!id) return null;
  const row = await prisma.issuedCredential.findFirst({ where: { id, userId }, select: { id: true, json: true } });
  return row && !isRemovedByHolder(row.json) ? { id: row.id, json: row.json } : null;
}

/**
 * The signed JSON of one of our credentials, by id (public: whoever has the link, like the public page); `removed`
 * when its holder deleted their account: the stored copy, which carried their name, is gone (privacy/deletion).
 */
export async function getCredentialJson({ credentialId }: { credentialId: string }) {
  const id = parseCredentialId(credentialId);
  if (!id) return null;
  const row = await prisma.issuedCredential.findUnique({ where: { id }, select: { id: true, json: true } });
  return row ? { id: row.id, json: row.json, removed: isRemovedByHolder(row.json) } : null;
}

/** A stored credential its holder removed from the platform (account deleted): a note stands in for the document. */
export function isRemovedByHolder(json: unknown) {
  return typeof json === "object" && json !== null && Reflect.get(json, "removedByHolder") === true;
}

/** File names of the downloads: ASCII only, so every browser keeps them. */
export function downloadName(credentialId: string, extension: "json" | "png" | "pdf") {
  return `maharat-credential-${credentialId}.${extension}`;
}

/** The holder's name as signed in one of our credentials (credentialSubject.identifier, identityType "name"). */
export function holderNameOf(json: unknown): string | null {
  const subject: unknown = typeof json === "object" && json !== null ? Reflect.get(json, "credentialSubject") : null;
  const identifiers: unknown = typeof subject === "object" && subject !== null ? Reflect.get(subject, "identifier") : null;
  if (!Array.isArray(identifiers)) return null;
  for (const entry of identifiers) {
    if (typeof entry === "object" && entry !== null && Reflect.get(entry, "identityType") === "name") {
      const value: unknown = Reflect.get(entry, "identityHash");
      if (typeof value === "string") return value;
    }
  }
  return null;
}

/** The learner's current credentials whose signed name is not the one they now want printed (to offer a re-issue). */
export async function credentialsWithAnOldName({ userId, printedName }: { userId: string; printedName: string }) {
  const rows = await prisma.issuedCredential.findMany({
    where: { userId, revokedAt: null, courseId: { not: null } },
    select: { id: true, courseId: true, json: true, issuedAt: true },
    orderBy: { issuedAt: "asc" },
  });
  return rows.flatMap((row) => {
    const signedName = holderNameOf(row.json);
    return signedName !== null && signedName !== printedName ? [{ id: row.id, courseId: row.courseId ?? "", signedName, issuedAt: row.issuedAt }] : [];
  });
}
