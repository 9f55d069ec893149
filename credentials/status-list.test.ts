import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentLoader } from "./document-loader";
import { issueCredential } from "./issue";
import { buildDidDocument, rotateKeys, unlockIssuerKey } from "./keys";
import {
  MIN_STATUS_LIST_LENGTH,
  createStatusListCredential,
  readStatus,
  setStatus,
  statusListLength,
} from "./status-list";
import { type TestIssuer, TEST_SECRET, createTestIssuer } from "./test-support";
import type { SignedCredential } from "./types";
import { verifyCredential } from "./verify";

let issuer: TestIssuer;
let credential: SignedCredential;
let index: number;

beforeAll(async () => {
  issuer = await createTestIssuer();
  credential = await issuer.issue();
  index = Number(credential.credentialStatus?.statusListIndex);
});

async function revoke(at?: Date) {
  issuer.state.statusList = await setStatus({
    statusList: issuer.state.statusList,
    index,
    revoked: true,
    signer: issuer.state.key.signer,
  });
  if (at) issuer.state.revokedAt.set(index, at);
}

async function reinstate() {
  issuer.state.statusList = await setStatus({
    statusList: issuer.state.statusList,
    index,
    revoked: false,
    signer: issuer.state.key.signer,
  });
  issuer.state.revokedAt.delete(index);
}

describe("status list credentials", () => {
  it("creates a signed, empty BitstringStatusListCredential of the spec's minimum length", async () => {
    const list = issuer.state.statusList;
    expect(list).toMatchObject({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: issuer.did,
      credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation", id: `${issuer.statusListUrl}#list` },
      proof: [{ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" }],
    });
    expect(await statusListLength(list)).toBe(MIN_STATUS_LIST_LENGTH);
    expect(MIN_STATUS_LIST_LENGTH).toBe(131_072);
    expect(await readStatus({ statusList: list, index: 0 })).toBe(false);
    expect(await readStatus({ statusList: list, index: MIN_STATUS_LIST_LENGTH - 1 })).toBe(false);
  });

  it("refuses lists shorter than the minimum and indexes outside the list", async () => {
    await expect(
      createStatusListCredential({ id: "https://x.test/s", issuer: issuer.did, signer: issuer.state.key.signer, length: 1024 }),
    ).rejects.toThrow(RangeError);
    await expect(readStatus({ statusList: issuer.state.statusList, index: MIN_STATUS_LIST_LENGTH })).rejects.toThrow(RangeError);
  });

  it("sets and clears one bit, re-signing the list each time without touching the input", async () => {
    const original = issuer.state.statusList;
    const snapshot = structuredClone(original);
    const revoked = await setStatus({ statusList: original, index: 7, revoked: true, signer: issuer.state.key.signer });
    expect(original).toEqual(snapshot);
    expect(await readStatus({ statusList: revoked, index: 7 })).toBe(true);
    expect(await readStatus({ statusList: revoked, index: 6 })).toBe(false);
    expect(await readStatus({ statusList: revoked, index: 8 })).toBe(false);
    expect(revoked.proof).toHaveLength(1);
    expect(revoked.proof[0].proofValue).not.toBe(original.proof[0].proofValue);
    const cleared = await setStatus({ statusList: revoked, index: 7, revoked: false, signer: issuer.state.key.signer });
    expect(await readStatus({ statusList: cleared, index: 7 })).toBe(false);
    expect(cleared.credentialSubject.encodedList).toBe(original.credentialSubject.encodedList);
  });
});

describe("revocation in verifyCredential", () => {
  it("reports revoked with the date the loader gives, then valid again once reinstated", async () => {
    expect((await verifyCredential({ credential, ...issuer.verifyOptions() })).status).toBe("valid");

    await revoke(new Date("2026-03-15T09:30:00Z"));
    const revoked = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(revoked).toMatchObject({ verified: false, status: "revoked" });
    expect(revoked.errors.map((error) => error.code)).toEqual(["revoked"]);
    expect(revoked.errors[0].message.fr).toBe("L'émetteur a révoqué cette attestation le 15 mars 2026.");
    expect(revoked.errors[0].message.en).toBe("The issuer revoked this credential on 15 March 2026.");
    expect(revoked.errors[0].message.ar).toContain("2026");
    expect(revoked.errors[0].message.ar).toMatch(/ألغت/);
    expect(revoked.summary?.revokedAt).toBe("2026-03-15T09:30:00.000Z");

    await reinstate();
    const again = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(again).toMatchObject({ verified: true, status: "valid", errors: [] });
    expect(again.summary?.revokedAt).toBeUndefined();
  });

  it("reports revoked without a date when the loader does not know it", async () => {
    await revoke();
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result.status).toBe("revoked");
    expect(result.errors[0].message.en).toBe("The issuer has revoked this credential.");
    await reinstate();
  });

  it("does not trust @digitalbazaar/vc's own status check (it calls a revoked credential verified)", async () => {
    await revoke();
    const documentLoader = createDocumentLoader(issuer.verifyOptions());
    const suite = new DataIntegrityProof({ cryptosuite });
    const raw = await vc.verifyCredential({
      credential,
      suite,
      documentLoader,
      checkStatus: (options) => checkStatus({ ...(typeof options === "object" ? options : {}), credential, documentLoader, suite }),
    });
    // The pitfall credentials/README.md describes ("Own revocation check"): verified is true and the revoked bit is
    // only in statusResult.
    expect(raw.verified).toBe(true);
    expect(raw.statusResult).toMatchObject({ verified: true, results: [{ status: true }] });
    const ours = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(ours.verified).toBe(false);
    expect(ours.status).toBe("revoked");
    await reinstate();
  });

  it("fails closed when the status cannot be checked", async () => {
    const noLoader = await verifyCredential({ credential, resolveDidWeb: issuer.verifyOptions().resolveDidWeb });
    expect(noLoader).toMatchObject({ verified: false, status: "invalid" });
    expect(noLoader.errors.map((error) => error.code)).toEqual(["status_check_failed"]);
    // The signature did check out, so the summary is still available to explain the page.
    expect(noLoader.summary?.credentialId).toBe(credential.id);

    const missing = await verifyCredential({ credential, resolveDidWeb: issuer.verifyOptions().resolveDidWeb, loadStatusList: () => null });
    expect(missing.errors.map((error) => error.code)).toEqual(["status_check_failed"]);

    const throwing = await verifyCredential({
      credential,
      resolveDidWeb: issuer.verifyOptions().resolveDidWeb,
      loadStatusList: () => {
        throw new Error("database down");
      },
    });
    expect(throwing.errors[0]).toMatchObject({ code: "status_check_failed", detail: expect.stringContaining("database down") });
  });

  it("fails closed on a status entry it cannot read", async () => {
    const suspension = await issuer.issue();
    const entry = suspension.credentialStatus;
    if (!entry) throw new Error("the test credential has a status entry");
    const withSuspension = await issueCredential({
      credential: { ...issuer.compose(), credentialStatus: { ...entry, statusPurpose: "suspension" } },
      signer: issuer.state.key.signer,
    });
    const result = await verifyCredential({ credential: withSuspension, ...issuer.verifyOptions() });
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toEqual(["status_unsupported"]);
    expect(result.errors[0].message.en).toContain("BitstringStatusListEntry/suspension");
  });

  it("rejects a status list whose bits were changed without re-signing", async () => {
    const revoked = await setStatus({ statusList: issuer.state.statusList, index, revoked: true, signer: issuer.state.key.signer });
    // Forge: the revoked bitstring under the original (unrevoked) list's proof.
    const forged = { ...issuer.state.statusList, credentialSubject: revoked.credentialSubject };
    const result = await verifyCredential({
      credential,
      resolveDidWeb: issuer.verifyOptions().resolveDidWeb,
      loadStatusList: () => ({ credential: forged }),
    });
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toEqual(["status_list_invalid"]);
  });

  it("rejects a status list published by another issuer", async () => {
    const other = await createTestIssuer({ origin: "https://other.test" });
    const foreignList = await createStatusListCredential({
      id: issuer.statusListUrl,
      issuer: other.did,
      signer: other.state.key.signer,
    });
    const result = await verifyCredential({
      credential,
      resolveDidWeb: (did) => issuer.verifyOptions().resolveDidWeb?.(did) ?? other.verifyOptions().resolveDidWeb?.(did),
      loadStatusList: () => ({ credential: foreignList }),
    });
    expect(result.errors.map((error) => error.code)).toEqual(["status_list_invalid"]);
  });

  it("re-checks a cached status list when the key that signed it leaves the DID document", async () => {
    const rotating = await createTestIssuer({ origin: "https://rotating.test" });
    // The status list stays signed by the first key; the credential is signed by the next one.
    rotating.state.keySet = await rotateKeys({ keySet: rotating.state.keySet, secret: TEST_SECRET });
    rotating.state.key = await unlockIssuerKey({ keySet: rotating.state.keySet, did: rotating.did, secret: TEST_SECRET });
    const fresh = await rotating.issue();
    expect((await verifyCredential({ credential: fresh, ...rotating.verifyOptions() })).status).toBe("valid");

    const document = buildDidDocument({ did: rotating.did, keySet: rotating.state.keySet });
    const withoutFirstKey = {
      ...document,
      verificationMethod: document.verificationMethod.slice(1),
      assertionMethod: document.assertionMethod.slice(1),
    };
    const result = await verifyCredential({
      credential: fresh,
      resolveDidWeb: () => withoutFirstKey,
      loadStatusList: rotating.verifyOptions().loadStatusList,
    });
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toEqual(["status_list_invalid"]);
  });
});
