import fs from "node:fs";
import path from "node:path";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { Ed25519VerificationKey2020 } from "@digitalbazaar/ed25519-verification-key-2020";
import * as vc from "@digitalbazaar/vc";
import { describe, expect, it } from "vitest";
import { createDocumentLoader, splitFragment } from "./document-loader";
import { hasStandards, readStandard, standardsDir } from "./test-support";
import { type DidDocument, isRecord } from "./types";
import { verifyCredential } from "./verify";

// 1EdTech's signed OBv3 test vector. Its issuer is an https URL, not a DID, and example.edu publishes nothing, so
// the controller document is built from what the vector itself states: the key is the multibase fingerprint in
// the verification method's fragment. This checks the signature and canonicalisation, not who example.edu is.
function vectorController(credential: Record<string, unknown>): DidDocument {
  const proof = Array.isArray(credential.proof) ? credential.proof[0] : credential.proof;
  if (!isRecord(proof) || typeof proof.verificationMethod !== "string") throw new Error("vector has no proof");
  const [controller, fingerprint] = splitFragment(proof.verificationMethod);
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: controller,
    verificationMethod: [{ id: proof.verificationMethod, type: "Multikey", controller, publicKeyMultibase: fingerprint ?? "" }],
    assertionMethod: [proof.verificationMethod],
  };
}

function readVector(): Record<string, unknown> {
  const vector = readStandard("ob-signed-credential.json");
  if (!isRecord(vector)) throw new Error("vector is not an object");
  return vector;
}

describe.skipIf(!hasStandards)("1EdTech signed test vector (ob-signed-credential.json)", () => {
  it("verifies", async () => {
    const vector = readVector();
    const controller = vectorController(vector);
    const result = await verifyCredential({
      credential: vector,
      resolveController: (url) => (url === controller.id ? controller : null),
    });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ verified: true, status: "valid" });
    expect(result.summary).toMatchObject({
      issuer: { id: "https://example.edu/issuers/565049", name: "Example Corp" },
      achievement: { name: "Teamwork" },
      validFrom: "2010-01-01T00:00:00Z",
    });
    // No credentialStatus in the vector: said, not hidden.
    expect(result.warnings.map((warning) => warning.code)).toEqual(["no_status"]);
    expect(controller.verificationMethod).toEqual([
      expect.objectContaining({ publicKeyMultibase: "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi" }),
    ]);
  });

  it("canonicalises the document and the proof exactly as 1EdTech's N-Quads", async () => {
    const vector = readVector();
    const documentLoader = createDocumentLoader();
    const { proof, ...document } = vector;
    const documentNQuads = await cryptosuite.canonize(document, { documentLoader });
    expect(documentNQuads).toBe(fs.readFileSync(path.join(standardsDir, "ob-document-canon.txt"), "utf8"));
    if (!isRecord(proof)) throw new Error("vector proof is not an object");
    const { proofValue: _signature, ...proofOptions } = proof;
    const proofNQuads = await cryptosuite.canonize({ "@context": vector["@context"], ...proofOptions }, { documentLoader });
    expect(proofNQuads).toBe(fs.readFileSync(path.join(standardsDir, "ob-proof-canon.txt"), "utf8"));
  });

  it("fails once altered", async () => {
    const vector = { ...readVector(), name: "Leadership Badge" };
    const controller = vectorController(vector);
    const result = await verifyCredential({ credential: vector, resolveController: () => controller });
    expect(result.errors.map((error) => error.code)).toEqual(["signature_invalid"]);
  });

  it("cannot be verified without a way to find the issuer's key (nothing is fetched)", async () => {
    const result = await verifyCredential({ credential: readVector() });
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toEqual(["issuer_unresolvable"]);
  });
});

describe("older credentials: VC 1.1 with Ed25519Signature2020 (verify only)", () => {
  async function signLegacy(extra: Record<string, unknown> = {}) {
    const key = await Ed25519VerificationKey2020.generate();
    const did = `did:key:${key.fingerprint()}`;
    key.id = `${did}#${key.fingerprint()}`;
    key.controller = did;
    const credential = {
      "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://w3id.org/security/suites/ed25519-2020/v1",
      ],
      id: "urn:uuid:8f5c2a86-5b5e-4d1b-9f0e-2b8e3c3b1a11",
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: did, type: ["Profile"], name: "Ancien émetteur" },
      issuanceDate: "2023-05-01T00:00:00Z",
      name: "Badge 2023",
      credentialSubject: {
        id: "did:example:learner",
        type: ["AchievementSubject"],
        achievement: {
          id: "https://example.org/achievements/1",
          type: ["Achievement"],
          name: "Ancien badge",
          description: "Un badge émis avant OBv3 final.",
          criteria: { narrative: "Avoir suivi l'atelier." },
        },
      },
      ...extra,
    };
    return vc.issue({ credential, suite: new Ed25519Signature2020({ key }), documentLoader: createDocumentLoader() });
  }

  it("verifies, resolving did:key locally, with a warning about the older format", async () => {
    const credential = await signLegacy();
    expect(credential.proof).toMatchObject({ type: "Ed25519Signature2020" });
    const result = await verifyCredential({ credential });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ verified: true, status: "valid", summary: { validFrom: "2023-05-01T00:00:00Z" } });
    expect(result.warnings.map((warning) => warning.code)).toEqual(["legacy_format", "no_status"]);
  });

  it("detects tampering and expirationDate", async () => {
    const credential = await signLegacy({ expirationDate: "2024-05-01T00:00:00Z" });
    const expired = await verifyCredential({ credential });
    expect(expired.status).toBe("expired");
    const tampered = await verifyCredential({ credential: { ...credential, name: "Badge 2024" } });
    expect(tampered.errors.map((error) => error.code)).toEqual(["signature_invalid"]);
  });
});
