// Issuer keys: Ed25519 Multikey pairs, a key set (one active key, retired public keys kept so old credentials still
// verify), the private key encrypted at rest, storage behind a small interface, and the did:web DID document.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from "./contexts";
import { type CredentialSigner, createSigner } from "./signer";
import { type DidDocument, type Multikey, isRecord } from "./types";

const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);

export type Ed25519KeyPair = { publicKeyMultibase: string; secretKeyMultibase: string };

/** AES-256-GCM ciphertext of a secretKeyMultibase, key derived from the caller's secret with scrypt. */
export type EncryptedSecretKey = {
  algorithm: "AES-256-GCM";
  kdf: "scrypt";
  /** scrypt cost parameters, kept with the ciphertext so they can be raised later without breaking old files. */
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
};

export type StoredKey = {
  publicKeyMultibase: string;
  createdAt: string;
  /** Set when the key stops signing. Its secret is then discarded; the public key stays in the DID document. */
  retiredAt?: string;
  encryptedSecretKey?: EncryptedSecretKey;
};

export type KeySet = {
  version: 1;
  /** publicKeyMultibase of the key that signs new credentials. */
  activeKey: string;
  keys: StoredKey[];
};

/** Storage for the key set, implemented by the caller (database row, secret manager, file…). */
export interface KeyStore {
  load(): Promise<KeySet | null>;
  save(keySet: KeySet): Promise<void>;
}

export type KeyErrorCode = "wrong_secret" | "weak_secret" | "invalid_key_set" | "invalid_key";

/** Expected key failures. `wrong_secret`: the secret cannot decrypt the key (wrong secret or altered file). */
export class KeyError extends Error {
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string) {
    super(message);
    this.name = "KeyError";
    this.code = code;
  }
}

/** The active key unlocked for signing. */
export type IssuerKey = {
  did: string;
  /** `${did}#${publicKeyMultibase}` */
  verificationMethod: string;
  publicKeyMultibase: string;
  signer: CredentialSigner;
};

// scrypt N=2^15, r=8 (≈ 32 MiB, tens of ms): run once per process start, when the key is unlocked.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const MIN_SECRET_BYTES = 16;

export async function generateKeyPair(): Promise<Ed25519KeyPair> {
  const key = await Ed25519Multikey.generate();
  const exported = await key.export({ publicKey: true, secretKey: true, includeContext: false });
  const { publicKeyMultibase, secretKeyMultibase } = exported;
  if (typeof publicKeyMultibase !== "string" || typeof secretKeyMultibase !== "string") {
    throw new KeyError("invalid_key", "generateKeyPair: the Multikey export has no key material");
  }
  return { publicKeyMultibase, secretKeyMultibase };
}

/** Multikey JSON for a key pair; the secret is included only when asked. */
export function exportKeyPair(keyPair: Ed25519KeyPair, options: { includeSecret?: boolean } = {}) {
  return {
    "@context": MULTIKEY_V1_CONTEXT,
    type: "Multikey" as const,
    publicKeyMultibase: keyPair.publicKeyMultibase,
    ...(options.includeSecret ? { secretKeyMultibase: keyPair.secretKeyMultibase } : {}),
  };
}

/** Reads Multikey JSON with a secret key; checks that both halves belong together. */
export async function importKeyPair(json: unknown): Promise<Ed25519KeyPair> {
  if (!isRecord(json) || typeof json.publicKeyMultibase !== "string" || typeof json.secretKeyMultibase !== "string") {
    throw new KeyError("invalid_key", "importKeyPair: expected Multikey JSON with publicKeyMultibase and secretKeyMultibase");
  }
  const keyPair = { publicKeyMultibase: json.publicKeyMultibase, secretKeyMultibase: json.secretKeyMultibase };
  try {
    await createSigner({ verificationMethod: "urn:check", keyPair });
  } catch (error) {
    throw new KeyError("invalid_key", `importKeyPair: ${error instanceof Error ? error.message : String(error)}`);
  }
  return keyPair;
}

function secretBytes(secret: string | Uint8Array): Buffer {
  const bytes = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new KeyError("weak_secret", `The key encryption secret must be at least ${MIN_SECRET_BYTES} bytes long.`);
  }
  return bytes;
}

/**
 * Encrypts a secret key with AES-256-GCM. The public key is bound as additional authenticated data, so a
 * ciphertext moved onto another key entry fails to decrypt.
 */
export async function encryptSecretKey(options: {
  keyPair: Ed25519KeyPair;
  secret: string | Uint8Array;
}): Promise<EncryptedSecretKey> {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const key = await scrypt(secretBytes(options.secret), salt, 32, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(options.keyPair.publicKeyMultibase, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(options.keyPair.secretKeyMultibase, "utf8"), cipher.final()]);
  return {
    algorithm: "AES-256-GCM",
    kdf: "scrypt",
    ...SCRYPT,
    salt: salt.toString("base64url"),
    iv: iv.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
    ciphertext: ciphertext.toString("base64url"),
  };
}

/** Decrypts a secret key; throws KeyError("wrong_secret") when the secret is wrong or the data was altered. */
export async function decryptSecretKey(options: {
  publicKeyMultibase: string;
  encrypted: EncryptedSecretKey;
  secret: string | Uint8Array;
}): Promise<Ed25519KeyPair> {
  const { encrypted } = options;
  // The cost parameters come from storage: refuse absurd ones rather than allocate gigabytes.
  if (encrypted.N > 2 ** 20 || encrypted.r > 32 || encrypted.p > 16) {
    throw new KeyError("invalid_key_set", "The encrypted key uses scrypt parameters outside the accepted range.");
  }
  const key = await scrypt(secretBytes(options.secret), Buffer.from(encrypted.salt, "base64url"), 32, {
    N: encrypted.N,
    r: encrypted.r,
    p: encrypted.p,
    maxmem: 256 * encrypted.N * encrypted.r,
  });
  let secretKeyMultibase: string;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(encrypted.iv, "base64url"));
    decipher.setAAD(Buffer.from(options.publicKeyMultibase, "utf8"));
    decipher.setAuthTag(Buffer.from(encrypted.tag, "base64url"));
    secretKeyMultibase = Buffer.concat([
      decipher.update(Buffer.from(encrypted.ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new KeyError(
      "wrong_secret",
      `Cannot decrypt the private key ${options.publicKeyMultibase}: wrong secret, or the key set was altered.`,
    );
  }
  return importKeyPair({ publicKeyMultibase: options.publicKeyMultibase, secretKeyMultibase });
}

async function newStoredKey(secret: string | Uint8Array, now: Date): Promise<StoredKey> {
  const keyPair = await generateKeyPair();
  return {
    publicKeyMultibase: keyPair.publicKeyMultibase,
    createdAt: now.toISOString(),
    encryptedSecretKey: await encryptSecretKey({ keyPair, secret }),
  };
}

/** A fresh key set with one active key. */
export async function createKeySet(options: { secret: string | Uint8Array; now?: Date }): Promise<KeySet> {
  const key = await newStoredKey(options.secret, options.now ?? new Date());
  return { version: 1, activeKey: key.publicKeyMultibase, keys: [key] };
}

/**
 * Makes a new active key. The previous active key is retired: its encrypted secret is dropped (it never signs
 * again) and its public key stays, so credentials it signed keep verifying. Returns a new key set; save it.
 */
export async function rotateKeys(options: { keySet: KeySet; secret: string | Uint8Array; now?: Date }): Promise<KeySet> {
  const now = options.now ?? new Date();
  const next = await newStoredKey(options.secret, now);
  const keys = options.keySet.keys.map((key): StoredKey =>
    key.retiredAt ? key : { publicKeyMultibase: key.publicKeyMultibase, createdAt: key.createdAt, retiredAt: now.toISOString() },
  );
  return { version: 1, activeKey: next.publicKeyMultibase, keys: [...keys, next] };
}

/** Loads the key set from the store, creating and saving one on first use. */
export async function loadOrCreateKeySet(options: { store: KeyStore; secret: string | Uint8Array }): Promise<KeySet> {
  const existing = await options.store.load();
  if (existing) return existing;
  const keySet = await createKeySet({ secret: options.secret });
  await options.store.save(keySet);
  return keySet;
}

/** Decrypts the active key and returns a signer for it (do this once at start-up and keep the result). */
export async function unlockIssuerKey(options: {
  keySet: KeySet;
  did: string;
  secret: string | Uint8Array;
}): Promise<IssuerKey> {
  const active = options.keySet.keys.find((key) => key.publicKeyMultibase === options.keySet.activeKey);
  if (!active?.encryptedSecretKey) {
    throw new KeyError("invalid_key_set", "The key set has no active key with a secret key.");
  }
  const keyPair = await decryptSecretKey({
    publicKeyMultibase: active.publicKeyMultibase,
    encrypted: active.encryptedSecretKey,
    secret: options.secret,
  });
  const verificationMethod = verificationMethodId(options.did, active.publicKeyMultibase);
  return {
    did: options.did,
    verificationMethod,
    publicKeyMultibase: active.publicKeyMultibase,
    signer: await createSigner({ verificationMethod, keyPair }),
  };
}

export function verificationMethodId(did: string, publicKeyMultibase: string): string {
  return `${did}#${publicKeyMultibase}`;
}

/**
 * The did:web DID document: every key of the set (active and retired) as a Multikey verification method, all
 * listed in assertionMethod so credentials signed before a rotation still verify. Serve it at
 * /.well-known/did.json (or <path>/did.json for a DID with a path).
 */
export function buildDidDocument(options: { did: string; keySet: KeySet }): DidDocument & {
  verificationMethod: Multikey[];
  assertionMethod: string[];
} {
  const verificationMethod = options.keySet.keys.map(
    (key): Multikey => ({
      id: verificationMethodId(options.did, key.publicKeyMultibase),
      type: "Multikey",
      controller: options.did,
      publicKeyMultibase: key.publicKeyMultibase,
    }),
  );
  return {
    "@context": [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: options.did,
    verificationMethod,
    assertionMethod: verificationMethod.map((method) => method.id),
  };
}

/**
 * The did:web DID of a URL's origin: "https://maharat.ma/anything" → "did:web:maharat.ma",
 * "http://localhost:3000" → "did:web:localhost%3A3000" (the port's colon is percent-encoded, as did:web requires).
 * The path is ignored: the app's DID document lives at /.well-known/did.json of its origin.
 */
export function didWebFromUrl(url: string): string {
  const parsed = new URL(url);
  return `did:web:${parsed.port ? `${parsed.hostname}%3A${parsed.port}` : parsed.hostname}`;
}

/** Checks untrusted JSON (e.g. read from disk) is a key set. */
export function parseKeySet(value: unknown): KeySet {
  const fail = (why: string): never => {
    throw new KeyError("invalid_key_set", `Not a key set: ${why}`);
  };
  if (!isRecord(value)) return fail("not an object");
  if (value.version !== 1) fail("version must be 1");
  if (typeof value.activeKey !== "string") fail("activeKey must be a string");
  if (!Array.isArray(value.keys) || value.keys.length === 0) return fail("keys must be a non-empty array");
  const keys = value.keys.map((key: unknown): StoredKey => {
    if (!isRecord(key) || typeof key.publicKeyMultibase !== "string" || typeof key.createdAt !== "string") {
      return fail("each key needs publicKeyMultibase and createdAt");
    }
    const stored: StoredKey = { publicKeyMultibase: key.publicKeyMultibase, createdAt: key.createdAt };
    if (typeof key.retiredAt === "string") stored.retiredAt = key.retiredAt;
    if (key.encryptedSecretKey !== undefined) stored.encryptedSecretKey = parseEncrypted(key.encryptedSecretKey, fail);
    return stored;
  });
  const activeKey = String(value.activeKey);
  if (!keys.some((key) => key.publicKeyMultibase === activeKey && key.encryptedSecretKey)) {
    fail("activeKey must name a key with an encrypted secret key");
  }
  return { version: 1, activeKey, keys };
}

function parseEncrypted(value: unknown, fail: (why: string) => never): EncryptedSecretKey {
  if (
    !isRecord(value) ||
    value.algorithm !== "AES-256-GCM" ||
    value.kdf !== "scrypt" ||
    typeof value.N !== "number" ||
    typeof value.r !== "number" ||
    typeof value.p !== "number" ||
    typeof value.salt !== "string" ||
    typeof value.iv !== "string" ||
    typeof value.tag !== "string" ||
    typeof value.ciphertext !== "string"
  ) {
    return fail("encryptedSecretKey is malformed");
  }
  return {
    algorithm: "AES-256-GCM",
    kdf: "scrypt",
    N: value.N,
    r: value.r,
    p: value.p,
    salt: value.salt,
    iv: value.iv,
    tag: value.tag,
    ciphertext: value.ciphertext,
  };
}

/**
 * A KeyStore in one JSON file (mode 0600). Writes go to a temporary file renamed over the old one, so a crash
 * never leaves half a key set.
 */
export function createFileKeyStore(options: { path: string }): KeyStore {
  const file = path.resolve(options.path);
  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(file, "utf8");
      } catch (error) {
        if (isRecord(error) && error.code === "ENOENT") return null;
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new KeyError("invalid_key_set", `The key file ${file} is not valid JSON.`);
      }
      return parseKeySet(json);
    },
    async save(keySet) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
      await fs.writeFile(temporary, `${JSON.stringify(keySet, null, 2)}\n`, { mode: 0o600 });
      await fs.rename(temporary, file);
    },
  };
}
