// What /verify and the public credential page show: a credential presented as pasted JSON, an uploaded JSON or
// baked PNG, or one of ours named by its id, verified by verify.server.ts and reduced to what the page renders.
import { PngError, type Problem, type VerificationStatus, type VerificationSummary, unbakePng } from "../../../credentials/index";
import { prisma } from "~/lib/db.server";
import { parseCredentialId } from "./issuer.server";
import { isRemovedByHolder } from "./sharing.server";
import { verifyIssuedCredential } from "./verify.server";

/** Largest credential accepted, as text or as a file (a signed credential is a few kilobytes). */
export const MAX_CREDENTIAL_BYTES = 1_000_000;

export type PresentedInputError =
  /** Nothing was pasted or uploaded. */
  | "empty"
  /** More than MAX_CREDENTIAL_BYTES. */
  | "too_large"
  /** Not JSON text. */
  | "not_json"
  /** JSON, but not an object (a credential is one). */
  | "not_credential"
  /** A PNG that carries no baked credential. */
  | "png_no_credential"
  /** A damaged PNG (bad signature, chunk CRC or structure). */
  | "png_damaged"
  /** A PDF certificate: it is printed proof, not the credential; its QR code leads to the verification page. */
  | "pdf_certificate";

export type ProblemView = { code: string; message: Problem["message"] };

export type VerificationView = {
  status: VerificationStatus;
  verified: boolean;
  errors: ProblemView[];
  warnings: ProblemView[];
  summary: VerificationSummary | null;
};

/** The page's view of a result: `detail` (the library's English message, for logs) stays on the server. */
function toView(result: Awaited<ReturnType<typeof verifyIssuedCredential>>): VerificationView {
  const strip = (problem: Problem): ProblemView => ({ code: problem.code, message: problem.message });
  return {
    status: result.status,
    verified: result.verified,
    errors: result.errors.map(strip),
    warnings: result.warnings.map(strip),
    summary: result.summary ?? null,
  };
}

export type PresentedOutcome = { ok: true; view: VerificationView } | { ok: false; error: PresentedInputError };

/** Pasted text (or a JSON file's text): parsed, then verified. Bad input is an error code, never a throw. */
export async function verifyPresentedText(text: string): Promise<PresentedOutcome> {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return { ok: false, error: "empty" };
  if (Buffer.byteLength(trimmed, "utf8") > MAX_CREDENTIAL_BYTES) return { ok: false, error: "too_large" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { ok: false, error: "not_json" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, error: "not_credential" };
  return { ok: true, view: toView(await verifyIssuedCredential(parsed)) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array) {
  return bytes.length >= 8 && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

const isPdf = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");

/** An uploaded file: a baked PNG (Open Badges iTXt chunk) or JSON text. */
export async function verifyPresentedFile(bytes: Uint8Array): Promise<PresentedOutcome> {
  if (bytes.length === 0) return { ok: false, error: "empty" };
  if (bytes.length > MAX_CREDENTIAL_BYTES) return { ok: false, error: "too_large" };
  if (isPdf(bytes)) return { ok: false, error: "pdf_certificate" };
  if (isPng(bytes)) {
    let baked: string | null;
    try {
      baked = unbakePng(bytes);
    } catch (error) {
      if (error instanceof PngError) return { ok: false, error: "png_damaged" };
      throw error;
    }
    if (baked === null) return { ok: false, error: "png_no_credential" };
    return verifyPresentedText(baked);
  }
  return verifyPresentedText(new TextDecoder("utf-8").decode(bytes));
}

/** One of our credentials by uuid (or URL), verified as a verifier would; null when we issued none with that id. */
export async function verifyStoredCredential({ credentialId }: { credentialId: string }): Promise<VerificationView | null> {
  const id = parseCredentialId(credentialId);
  if (!id) return null;
  const row = await prisma.issuedCredential.findUnique({ where: { id }, select: { json: true } });
  if (!row || isRemovedByHolder(row.json)) return null;
  return toView(await verifyIssuedCredential(row.json));
}

/** Whether one of our credentials exists but its holder removed the stored copy (their account was deleted). */
export async function isCredentialRemovedByHolder({ credentialId }: { credentialId: string }) {
  const id = parseCredentialId(credentialId);
  if (!id) return false;
  const row = await prisma.issuedCredential.findUnique({ where: { id }, select: { json: true } });
  return row !== null && isRemovedByHolder(row.json);
}
