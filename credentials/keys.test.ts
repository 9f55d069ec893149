import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { afterAll, describe, expect, it } from "vitest";
import {
  KeyError,
  buildDidDocument,
  createFileKeyStore,
  createKeySet,
  decryptSecretKey,
  didWebFromUrl,
  encryptSecretKey,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  loadOrCreateKeySet,
  parseKeySet,
  rotateKeys,
  unlockIssuerKey,
} from "./keys";
import { createSigner, createVerifier } from "./signer";
import { TEST_SECRET } from "./test-support";

const temporaryDirs: string[] = [];
afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function temporaryFile(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maharat-keys-"));
  temporaryDirs.push(dir);
  return path.join(dir, name);
}

describe("key pairs", () => {
  it("exports and imports a Multikey pair, with the secret only on request", async () => {
    const keyPair = await generateKeyPair();
    expect(keyPair.publicKeyMultibase).toMatch(/^z6Mk/);
    const publicOnly = exportKeyPair(keyPair);
    expect(publicOnly).toEqual({
      "@context": "https://w3id.org/security/multikey/v1",
      type: "Multikey",
      publicKeyMultibase: keyPair.publicKeyMultibase,
    });
    const full = exportKeyPair(keyPair, { includeSecret: true });
    expect(await importKeyPair(JSON.parse(JSON.stringify(full)))).toEqual(keyPair);
  });

  it("refuses a pair whose halves do not belong together", async () => {
    const a = await generateKeyPair();
    const b = await generateKeyPair();
    await expect(importKeyPair({ publicKeyMultibase: a.publicKeyMultibase, secretKeyMultibase: b.secretKeyMultibase })).rejects.toThrow(
      KeyError,
    );
    await expect(importKeyPair({ publicKeyMultibase: a.publicKeyMultibase })).rejects.toMatchObject({ code: "invalid_key" });
  });
});

describe("cached signer", () => {
  it("produces Ed25519 signatures that the reference library and node:crypto verify", async () => {
    const keyPair = await generateKeyPair();
    const signer = await createSigner({ verificationMethod: "did:web:maharat.test#k", keyPair });
    expect(signer).toMatchObject({ id: "did:web:maharat.test#k", algorithm: "Ed25519" });
    const data = new TextEncoder().encode("مهارات — compétences");
    const signature = await signer.sign({ data });
    expect(signature).toHaveLength(64);

    const reference = await Ed25519Multikey.from({ ...exportKeyPair(keyPair), id: "x", controller: "y" });
    expect(await reference.verifier().verify({ data, signature })).toBe(true);
    // And the same bytes as the reference signer (Ed25519 is deterministic).
    const referenceSigner = (await Ed25519Multikey.from({ ...exportKeyPair(keyPair, { includeSecret: true }) })).signer();
    expect(Buffer.from(await referenceSigner.sign({ data }))).toEqual(Buffer.from(signature));

    const verifier = await createVerifier({
      verificationMethod: { id: "x", type: "Multikey", publicKeyMultibase: keyPair.publicKeyMultibase },
    });
    expect(await verifier.verify({ data, signature })).toBe(true);
    const flipped = Uint8Array.from(signature);
    flipped[0] ^= 1;
    expect(await verifier.verify({ data, signature: flipped })).toBe(false);
    expect(await verifier.verify({ data: new TextEncoder().encode("autre"), signature })).toBe(false);
  });
});

describe("encryption at rest", () => {
  it("round-trips the secret key with AES-256-GCM and keeps no plaintext", async () => {
    const keyPair = await generateKeyPair();
    const encrypted = await encryptSecretKey({ keyPair, secret: TEST_SECRET });
    expect(encrypted).toMatchObject({ algorithm: "AES-256-GCM", kdf: "scrypt", N: 32768, r: 8, p: 1 });
    expect(JSON.stringify(encrypted)).not.toContain(keyPair.secretKeyMultibase);
    const decrypted = await decryptSecretKey({
      publicKeyMultibase: keyPair.publicKeyMultibase,
      encrypted,
      secret: TEST_SECRET,
    });
    expect(decrypted).toEqual(keyPair);
  });

  it("fails clearly with the wrong secret, or when the ciphertext is moved to another key", async () => {
    const keyPair = await generateKeyPair();
    const encrypted = await encryptSecretKey({ keyPair, secret: TEST_SECRET });
    const wrong = decryptSecretKey({ publicKeyMultibase: keyPair.publicKeyMultibase, encrypted, secret: `${TEST_SECRET}!` });
    await expect(wrong).rejects.toThrow(KeyError);
    await expect(wrong).rejects.toMatchObject({ code: "wrong_secret", message: expect.stringMatching(/wrong secret/) });

    const other = await generateKeyPair();
    await expect(
      decryptSecretKey({ publicKeyMultibase: other.publicKeyMultibase, encrypted, secret: TEST_SECRET }),
    ).rejects.toMatchObject({ code: "wrong_secret" });

    const tampered = { ...encrypted, ciphertext: Buffer.from(crypto.randomBytes(8)).toString("base64url") + encrypted.ciphertext.slice(11) };
    await expect(
      decryptSecretKey({ publicKeyMultibase: keyPair.publicKeyMultibase, encrypted: tampered, secret: TEST_SECRET }),
    ).rejects.toMatchObject({ code: "wrong_secret" });
  });

  it("refuses a short secret", async () => {
    const keyPair = await generateKeyPair();
    await expect(encryptSecretKey({ keyPair, secret: "short" })).rejects.toMatchObject({ code: "weak_secret" });
  });

  it("unlocks the active key of a key set; a wrong secret fails", async () => {
    const keySet = await createKeySet({ secret: TEST_SECRET });
    const key = await unlockIssuerKey({ keySet, did: "did:web:maharat.test", secret: TEST_SECRET });
    expect(key.verificationMethod).toBe(`did:web:maharat.test#${keySet.activeKey}`);
    await expect(unlockIssuerKey({ keySet, did: "did:web:maharat.test", secret: "not the right secret at all" })).rejects.toMatchObject({
      code: "wrong_secret",
    });
  });
});

describe("key sets, rotation and the DID document", () => {
  it("rotates: a new active key, the old public key kept and its secret dropped", async () => {
    const first = await createKeySet({ secret: TEST_SECRET, now: new Date("2026-01-01T00:00:00Z") });
    const second = await rotateKeys({ keySet: first, secret: TEST_SECRET, now: new Date("2026-06-01T00:00:00Z") });
    expect(second.keys).toHaveLength(2);
    expect(second.activeKey).not.toBe(first.activeKey);
    expect(second.keys[0]).toEqual({
      publicKeyMultibase: first.activeKey,
      createdAt: "2026-01-01T00:00:00.000Z",
      retiredAt: "2026-06-01T00:00:00.000Z",
    });
    expect(second.keys[1]).toMatchObject({ publicKeyMultibase: second.activeKey, encryptedSecretKey: expect.any(Object) });
    const third = await rotateKeys({ keySet: second, secret: TEST_SECRET });
    expect(third.keys.map((key) => key.retiredAt === undefined)).toEqual([false, false, true]);
    expect(third.keys[0].retiredAt).toBe("2026-06-01T00:00:00.000Z");

    const did = "did:web:maharat.test";
    const document = buildDidDocument({ did, keySet: third });
    expect(document["@context"]).toEqual(["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]);
    expect(document.verificationMethod.map((method) => method.id)).toEqual(third.keys.map((key) => `${did}#${key.publicKeyMultibase}`));
    expect(document.verificationMethod.every((method) => method.type === "Multikey" && method.controller === did)).toBe(true);
    expect(document.assertionMethod).toEqual(document.verificationMethod.map((method) => method.id));
  });

  it("derives did:web identifiers from URLs", () => {
    expect(didWebFromUrl("https://maharat.ma")).toBe("did:web:maharat.ma");
    expect(didWebFromUrl("https://maharat.ma/")).toBe("did:web:maharat.ma");
    expect(didWebFromUrl("http://localhost:3000")).toBe("did:web:localhost%3A3000");
    expect(didWebFromUrl("https://host.example:8443/some/path?q=1")).toBe("did:web:host.example%3A8443");
    expect(didWebFromUrl("https://Maharat.MA:443/")).toBe("did:web:maharat.ma");
  });
});

describe("file key store", () => {
  it("creates the key set once, then loads the same one; the file is private and parseable", async () => {
    const file = temporaryFile("keys/issuer.json");
    const store = createFileKeyStore({ path: file });
    expect(await store.load()).toBeNull();
    const created = await loadOrCreateKeySet({ store, secret: TEST_SECRET });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const loaded = await loadOrCreateKeySet({ store, secret: TEST_SECRET });
    expect(loaded).toEqual(created);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["issuer.json"]);

    const rotated = await rotateKeys({ keySet: loaded, secret: TEST_SECRET });
    await store.save(rotated);
    expect(await store.load()).toEqual(rotated);
  });

  it("reports a damaged file instead of overwriting it", async () => {
    const file = temporaryFile("issuer.json");
    fs.writeFileSync(file, "{ not json");
    const store = createFileKeyStore({ path: file });
    await expect(loadOrCreateKeySet({ store, secret: TEST_SECRET })).rejects.toMatchObject({ code: "invalid_key_set" });
    expect(fs.readFileSync(file, "utf8")).toBe("{ not json");
    expect(() => parseKeySet({ version: 1, activeKey: "z6Mk", keys: [{ publicKeyMultibase: "z6Mk", createdAt: "x" }] })).toThrow(
      /activeKey must name a key with an encrypted secret key/,
    );
  });
});
