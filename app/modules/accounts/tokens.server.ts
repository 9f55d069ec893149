import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random token with 160 bits of entropy, safe in URLs and cookies (Lucia's recipe). */
export function generateToken(bytes = 20) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/**
 * What we store instead of a token: its SHA-256 (hex), so a database leak does not leak live sessions or links.
 * node:crypto rather than @oslojs/crypto's JavaScript SHA-256: every signed-in request hashes its cookie.
 */
export function hashToken(token: string) {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
