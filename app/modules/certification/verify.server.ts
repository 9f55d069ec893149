// Verification for the app: our own DID is answered from our key set and our status lists from the database, so
// nothing is fetched. Foreign issuers: did:key resolves offline (credentials/); any other did:web is unresolvable.
import fs from "node:fs";
import path from "node:path";
import { type Problem, type VerificationResult, type VerifierPool, buildDidDocument, createVerifierPool, verifyCredential } from "../../../credentials/index";
import { parseEnv } from "~/lib/env.server";
import { getIssuerKeys, issuerIdentity } from "./keys.server";

// Verifications run in a worker thread with a time budget (credentials/verifier-pool.ts), so a costly document
// cannot hold up this process's other requests. The worker is built by `npm run build`; without the built file
// (tests of the library alone, scripts run from source) verification runs inline.
const WORKER_FILE = path.resolve("build", "verify-worker.mjs");
let pool: VerifierPool | null | undefined;
function verifierPool() {
  pool ??= fs.existsSync(WORKER_FILE) ? createVerifierPool({ workerFile: WORKER_FILE, timeoutMs: parseEnv().VERIFY_TIMEOUT_MS }) : null;
  return pool;
}
import { loadOwnStatusList } from "./status-lists.server";

/** Verifies any credential (ours or foreign). Never throws: problems come back with fr/ar/en reasons. */
export async function verifyIssuedCredential(credential: unknown, { now }: { now?: Date } = {}): Promise<VerificationResult> {
  const identity = issuerIdentity();
  const verify = verifierPool()?.verify ?? verifyCredential;
  return verify({
    credential,
    now,
    // Loaded lazily: a credential rejected on its shape never touches the key file. A failure here (key file
    // unreadable) is reported by credentials/ as issuer_unresolvable.
    resolveDidWeb: async (did) => {
      if (did !== identity.did) return null;
      const { keySet } = await getIssuerKeys();
      return buildDidDocument({ did, keySet });
    },
    loadStatusList: (url) => loadOwnStatusList(url, identity),
  });
}

const MAX_BODY_CHARS = 1_000_000;

export type VcApiVerifyResponse = { verified: boolean; errors: Problem[]; warnings: Problem[] };

/**
 * POST /credentials/verify (W3C VC-API): `{ "verifiableCredential": … }` in, `{ verified, errors, warnings }` out,
 * 200 when it verifies and 400 otherwise (an invalid credential, or a body that is not what the API expects).
 */
export async function verifyVcApiRequest(bodyText: string): Promise<{ status: 200 | 400; body: VcApiVerifyResponse }> {
  let body: unknown;
  let detail: string | undefined;
  if (bodyText.length > MAX_BODY_CHARS) {
    detail = `the request body is larger than ${MAX_BODY_CHARS} characters`;
  } else {
    try {
      body = JSON.parse(bodyText);
    } catch {
      detail = "the request body is not JSON";
    }
  }
  const presented = typeof body === "object" && body !== null && !Array.isArray(body) ? Reflect.get(body, "verifiableCredential") : undefined;
  if (!detail && presented === undefined) detail = 'the request body has no "verifiableCredential"';
  // A malformed request is answered with credentials/'s own "not_an_object" reason, which is translated.
  const result = await verifyIssuedCredential(detail ? undefined : presented);
  const errors = detail ? result.errors.map((problem) => ({ ...problem, detail })) : result.errors;
  return {
    status: result.verified ? 200 : 400,
    body: { verified: result.verified, errors, warnings: result.warnings },
  };
}
