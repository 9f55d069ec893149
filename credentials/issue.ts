// Signing: DataIntegrityProof with the eddsa-rdfc-2022 cryptosuite, output with `proof` as an array.
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { type DocumentLoader, createDocumentLoader } from "./document-loader";
import type { CredentialSigner } from "./signer";
import { type DataIntegrityProofObject, type SignedCredential, isRecord } from "./types";

// Signing needs only the bundled contexts (the proof's verification method is not dereferenced when signing).
const staticLoader = createDocumentLoader();

/**
 * Signs a credential. The input is cloned (vc.issue mutates what it is given) and must already carry `validFrom`
 * (VC 2.0; vc.issue does not add it). Any existing proof is replaced. Throws when the credential uses a term no
 * context defines (JSON-LD safe mode).
 */
export async function issueCredential<T extends object>(options: {
  credential: T;
  signer: CredentialSigner;
  /** Proof creation time; defaults to now. */
  date?: Date;
  documentLoader?: DocumentLoader;
}): Promise<SignedCredential<T>> {
  const credential = structuredClone(options.credential);
  if (!isRecord(credential)) throw new TypeError("issueCredential: the credential must be an object");
  if (typeof credential.validFrom !== "string" && typeof credential.issuanceDate !== "string") {
    throw new TypeError("issueCredential: the credential needs validFrom");
  }
  Reflect.deleteProperty(credential, "proof");
  const suite = new DataIntegrityProof({ signer: options.signer, cryptosuite, date: options.date ?? new Date() });
  const signed = await vc.issue({ credential, suite, documentLoader: options.documentLoader ?? staticLoader });
  // vc.issue adds the proof (and, for VC 1.1, issuanceDate / a suite context) to the object it is given and
  // returns it; copying its fields back keeps this correct should it ever return a new object instead.
  const result = Object.assign(credential, signed);
  const proofs = Array.isArray(result.proof) ? result.proof : [result.proof];
  if (!proofs.every(isProofObject)) throw new Error("issueCredential: the signing library returned an unexpected proof");
  // 1EdTech's AchievementCredential JSON Schema types `proof` as an array; a one-element proof set verifies the same.
  return Object.assign(result, { proof: proofs });
}

function isProofObject(value: unknown): value is DataIntegrityProofObject {
  return (
    isRecord(value) &&
    typeof value.type === "string" &&
    typeof value.verificationMethod === "string" &&
    typeof value.proofPurpose === "string" &&
    typeof value.proofValue === "string"
  );
}
