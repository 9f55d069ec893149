import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { verificationMethodId } from "../../../credentials/index";
import { forgetIssuerKeys, getDidDocument, getIssuerKey, getIssuerKeys, issuerIdentity, rotateIssuerKeys } from "./keys.server";
import { TEST_DID, TEST_KEY_SECRET, useCredentialTestEnv } from "./test-fixtures";

const { dir, keyFile } = useCredentialTestEnv();

afterEach(() => {
  vi.stubEnv("CREDENTIALS_KEY_SECRET", TEST_KEY_SECRET);
  vi.stubEnv("APP_URL", "https://maharat.test");
  vi.stubEnv("CREDENTIALS_KEY_FILE", keyFile);
  forgetIssuerKeys();
});

describe("issuer identity", () => {
  it("is the did:web of APP_URL's origin, with ids under the same origin", () => {
    vi.stubEnv("APP_URL", "https://academy.maharat.ma/some/path");
    expect(issuerIdentity()).toEqual({
      appOrigin: "https://academy.maharat.ma",
      idBase: "https://academy.maharat.ma",
      did: "did:web:academy.maharat.ma",
    });
  });

  it("falls back to http://localhost:<PORT>, whose ids stay http so they resolve on this machine", () => {
    vi.stubEnv("APP_URL", undefined);
    vi.stubEnv("PORT", "4123");
    expect(issuerIdentity()).toEqual({ appOrigin: "http://localhost:4123", idBase: "http://localhost:4123", did: "did:web:localhost%3A4123" });
    vi.stubEnv("APP_URL", "http://127.0.0.1:3000");
    expect(issuerIdentity().idBase).toBe("http://127.0.0.1:3000");
  });

  it("writes ids as https for an http APP_URL that is not a loopback host (credentials/ refuses them)", () => {
    vi.stubEnv("APP_URL", "http://academy.maharat.ma");
    expect(issuerIdentity()).toEqual({ appOrigin: "http://academy.maharat.ma", idBase: "https://academy.maharat.ma", did: "did:web:academy.maharat.ma" });
  });
});

describe("issuer key set", () => {
  it("is created on first use in CREDENTIALS_KEY_FILE (0600), with the private key encrypted", async () => {
    const { identity, keySet } = await getIssuerKeys();
    expect(identity.did).toBe(TEST_DID);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const stored = fs.readFileSync(keyFile, "utf8");
    expect(JSON.parse(stored)).toEqual(keySet);
    expect(stored).not.toContain("secretKeyMultibase");
    expect(keySet.keys[0].encryptedSecretKey?.algorithm).toBe("AES-256-GCM");
    // A second use reads the same file.
    forgetIssuerKeys();
    expect((await getIssuerKeys()).keySet.activeKey).toBe(keySet.activeKey);
  });

  it("unlocks the active key for signing, and refuses a wrong secret", async () => {
    const { key } = await getIssuerKey();
    const { keySet } = await getIssuerKeys();
    expect(key.verificationMethod).toBe(verificationMethodId(TEST_DID, keySet.activeKey));
    vi.stubEnv("CREDENTIALS_KEY_SECRET", "another secret that is long enough for the check");
    await expect(getIssuerKey()).rejects.toMatchObject({ name: "KeyError", code: "wrong_secret" });
  });

  it("without CREDENTIALS_KEY_SECRET, generates a secret file (0600) next to the keys and keeps using it", async () => {
    vi.stubEnv("CREDENTIALS_KEY_SECRET", undefined);
    const otherFile = path.join(dir, "generated", "issuer-keys.json");
    vi.stubEnv("CREDENTIALS_KEY_FILE", otherFile);
    const first = await getIssuerKey();
    const secretFile = path.join(dir, "generated", "secret");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(secretFile, "utf8").trim().length).toBeGreaterThanOrEqual(32);
    forgetIssuerKeys();
    const second = await getIssuerKey();
    expect(second.key.publicKeyMultibase).toBe(first.key.publicKeyMultibase);
  });

  it("rotates: a new active key, the old public key kept in the DID document, its private key dropped", async () => {
    const before = (await getIssuerKeys()).keySet;
    const oldKey = (await getIssuerKey()).key;
    const result = await rotateIssuerKeys();
    expect(result.previousKey).toBe(before.activeKey);
    const after = (await getIssuerKeys()).keySet;
    expect(after.activeKey).toBe(result.activeKey);
    expect(after.activeKey).not.toBe(before.activeKey);
    expect(after.keys.find((k) => k.publicKeyMultibase === before.activeKey)).toMatchObject({ retiredAt: expect.any(String) });
    expect(after.keys.find((k) => k.publicKeyMultibase === before.activeKey)?.encryptedSecretKey).toBeUndefined();
    // This process notices the new file and signs with the new key.
    const newKey = (await getIssuerKey()).key;
    expect(newKey.publicKeyMultibase).toBe(after.activeKey);
    expect(newKey.verificationMethod).not.toBe(oldKey.verificationMethod);

    const document = await getDidDocument();
    expect(document.id).toBe(TEST_DID);
    expect(document.assertionMethod).toEqual(expect.arrayContaining([oldKey.verificationMethod, newKey.verificationMethod]));
    expect(document.verificationMethod.map((m) => m.publicKeyMultibase)).toEqual(expect.arrayContaining([before.activeKey, after.activeKey]));
  });

  it("picks up a rotation made by another process (the key file changed on disk)", async () => {
    const before = (await getIssuerKey()).key.publicKeyMultibase;
    // Another process: simulated by rewriting the file through a fresh module state, then restoring this one's cache.
    const { keySet } = await getIssuerKeys();
    const { rotateKeys, createFileKeyStore } = await import("../../../credentials/index");
    const rotated = await rotateKeys({ keySet, secret: TEST_KEY_SECRET });
    await createFileKeyStore({ path: keyFile }).save(rotated);
    const after = (await getIssuerKey()).key.publicKeyMultibase;
    expect(after).toBe(rotated.activeKey);
    expect(after).not.toBe(before);
  });
});
