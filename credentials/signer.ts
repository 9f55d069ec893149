// Ed25519 signer and verifier backed by cached node:crypto KeyObjects. @digitalbazaar/ed25519-multikey re-imports
// the key from bytes on every sign/verify; importing once per key makes signing several times cheaper.
import crypto from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { MULTIKEY_V1_CONTEXT } from "./contexts";

// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI).
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The signer interface DataIntegrityProof expects. */
export type CredentialSigner = {
  /** The verification method URL written into proofs, e.g. `did:web:maharat.ma#z6Mk…`. */
  id: string;
  algorithm: "Ed25519";
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
};

export type Ed25519Verifier = {
  id?: string;
  algorithm: "Ed25519";
  verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
};

/** Raw key bytes from a Multikey pair (secretKeyMultibase may encode 32 or 64 bytes; the seed is the first 32). */
export async function decodeKeyPair(keyPair: { publicKeyMultibase: string; secretKeyMultibase?: string }) {
  const key = await Ed25519Multikey.from({
    "@context": MULTIKEY_V1_CONTEXT,
    type: "Multikey",
    publicKeyMultibase: keyPair.publicKeyMultibase,
    ...(keyPair.secretKeyMultibase ? { secretKeyMultibase: keyPair.secretKeyMultibase } : {}),
  });
  return { publicKey: Uint8Array.from(key.publicKey), seed: key.secretKey ? Uint8Array.from(key.secretKey.subarray(0, 32)) : undefined };
}

export function privateKeyObjectFromSeed(seed: Uint8Array): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

export function publicKeyObjectFromBytes(publicKey: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: "der", type: "spki" });
}

export function publicKeyBytes(keyObject: crypto.KeyObject): Uint8Array {
  const der = keyObject.export({ format: "der", type: "spki" });
  return Uint8Array.from(der.subarray(SPKI_ED25519_PREFIX.length));
}

/**
 * A signer holding the private key as a node:crypto KeyObject, imported once. Throws if the secret key does not
 * belong to the public key (a swapped or corrupted key file must not produce signatures nobody can verify).
 */
export async function createSigner(options: {
  verificationMethod: string;
  keyPair: { publicKeyMultibase: string; secretKeyMultibase: string };
}): Promise<CredentialSigner> {
  const { publicKey, seed } = await decodeKeyPair(options.keyPair);
  if (!seed) throw new Error("createSigner: the key pair has no secret key");
  const privateKey = privateKeyObjectFromSeed(seed);
  const derived = publicKeyBytes(crypto.createPublicKey(privateKey));
  if (!Buffer.from(derived).equals(Buffer.from(publicKey))) {
    throw new Error("createSigner: the secret key does not match the public key");
  }
  return {
    id: options.verificationMethod,
    algorithm: "Ed25519",
    async sign({ data }) {
      return crypto.sign(null, data, privateKey);
    },
  };
}

// Public keys seen while verifying, by multibase value. Bounded so a flood of distinct keys cannot grow it forever.
const publicKeyCache = new Map<string, crypto.KeyObject>();
const PUBLIC_KEY_CACHE_LIMIT = 1024;

async function cachedPublicKey(publicKeyMultibase: string): Promise<crypto.KeyObject> {
  const cached = publicKeyCache.get(publicKeyMultibase);
  if (cached) return cached;
  const { publicKey } = await decodeKeyPair({ publicKeyMultibase });
  const keyObject = publicKeyObjectFromBytes(publicKey);
  if (publicKeyCache.size >= PUBLIC_KEY_CACHE_LIMIT) {
    const oldest = publicKeyCache.keys().next().value;
    if (oldest !== undefined) publicKeyCache.delete(oldest);
  }
  publicKeyCache.set(publicKeyMultibase, keyObject);
  return keyObject;
}

/**
 * Verifier for a Multikey / Ed25519VerificationKey2020 verification method, with the public KeyObject cached.
 * Used as the cryptosuite's `createVerifier` on the verify side.
 */
export async function createVerifier({ verificationMethod }: { verificationMethod: object }): Promise<Ed25519Verifier> {
  const id = "id" in verificationMethod && typeof verificationMethod.id === "string" ? verificationMethod.id : undefined;
  const multibase =
    "publicKeyMultibase" in verificationMethod && typeof verificationMethod.publicKeyMultibase === "string"
      ? verificationMethod.publicKeyMultibase
      : undefined;
  const type = "type" in verificationMethod ? verificationMethod.type : undefined;
  if (!multibase || (type !== "Multikey" && type !== "Ed25519VerificationKey2020")) {
    // Other encodings (JWK, 2018 keys): let the library translate them, uncached.
    const key = await Ed25519Multikey.from(verificationMethod);
    const verifier = key.verifier();
    return { id, algorithm: "Ed25519", verify: (input) => verifier.verify(input) };
  }
  const publicKey = await cachedPublicKey(multibase);
  return {
    id,
    algorithm: "Ed25519",
    async verify({ data, signature }) {
      if (signature.length !== 64) return false;
      return crypto.verify(null, data, publicKey, signature);
    },
  };
}
