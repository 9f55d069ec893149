import { beforeAll, describe, expect, it } from "vitest";
import { CREDENTIAL_LIMITS, findLimitViolation } from "./limits";
import { type TestIssuer, createTestIssuer } from "./test-support";
import type { SignedCredential } from "./types";
import { verifyCredential } from "./verify";

let issuer: TestIssuer;
let signed: SignedCredential;

beforeAll(async () => {
  issuer = await createTestIssuer();
  signed = await issuer.issue();
});

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function withProofs(make: (proof: Record<string, unknown>) => unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(signed);
  const first = Array.isArray(copy.proof) ? copy.proof[0] : copy.proof;
  copy.proof = make(structuredClone(first));
  return copy;
}

describe("size bounds before decoding", () => {
  it("lets a genuine credential through and it still verifies", async () => {
    expect(findLimitViolation(signed)).toBeNull();
    const result = await verifyCredential({ credential: signed, ...issuer.verifyOptions() });
    expect(result.verified).toBe(true);
  });

  it("refuses a 900,000-character proof value as too large, without decoding it", async () => {
    const huge = "z" + Array.from({ length: 900_000 }, (_, i) => BASE58[(i * 7) % 58]).join("");
    const credential = withProofs((proof) => [{ ...proof, proofValue: huge }]);
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "invalid" });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: "too_large" });
    expect(result.errors[0].message.en).toContain(`at most ${CREDENTIAL_LIMITS.maxProofValueChars}`);
    expect(result.errors[0].message.ar).toMatch(/[\u0600-\u06FF]/);
  });

  it("accepts a proof value at the limit and refuses one character more", () => {
    const atLimit = "z" + "2".repeat(CREDENTIAL_LIMITS.maxProofValueChars - 1);
    expect(findLimitViolation(withProofs((proof) => [{ ...proof, proofValue: atLimit }]))).toBeNull();
    expect(findLimitViolation(withProofs((proof) => [{ ...proof, proofValue: `${atLimit}2` }]))).toEqual({
      field: "proof.proofValue",
      limit: CREDENTIAL_LIMITS.maxProofValueChars,
    });
  });

  it("refuses 2,000 copies of one valid proof instead of checking (and accepting) them", async () => {
    const credential = withProofs((proof) => Array.from({ length: 2_000 }, () => ({ ...proof })));
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result.verified).toBe(false);
    expect(result.errors.map((error) => error.code)).toEqual(["too_large"]);
  });

  it("allows up to maxProofs proofs", () => {
    const atLimit = withProofs((proof) => Array.from({ length: CREDENTIAL_LIMITS.maxProofs }, () => ({ ...proof })));
    expect(findLimitViolation(atLimit)).toBeNull();
    const over = withProofs((proof) => Array.from({ length: CREDENTIAL_LIMITS.maxProofs + 1 }, () => ({ ...proof })));
    expect(findLimitViolation(over)).toEqual({ field: "proof", limit: CREDENTIAL_LIMITS.maxProofs });
  });

  it("refuses over-long identifiers", () => {
    const longId = `urn:uuid:${"a".repeat(CREDENTIAL_LIMITS.maxIdChars)}`;
    expect(findLimitViolation({ ...structuredClone(signed), id: longId })).toMatchObject({ field: "id" });
    expect(findLimitViolation({ ...structuredClone(signed), issuer: { id: longId } })).toMatchObject({ field: "issuer" });
    const longMethod = withProofs((proof) => [{ ...proof, verificationMethod: longId }]);
    expect(findLimitViolation(longMethod)).toMatchObject({ field: "proof.verificationMethod" });
  });

  it("refuses too many nodes, too deep nesting and huge strings", () => {
    const wide = { ...structuredClone(signed), extra: Array.from({ length: CREDENTIAL_LIMITS.maxNodes }, (_, i) => i) };
    expect(findLimitViolation(wide)).toMatchObject({ field: "nodes" });
    const manyKeys = { ...structuredClone(signed), extra: Object.fromEntries(Array.from({ length: CREDENTIAL_LIMITS.maxNodes }, (_, i) => [`k${i}`, null])) };
    expect(findLimitViolation(manyKeys)).toMatchObject({ field: "nodes" });
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findLimitViolation({ ...structuredClone(signed), extra: deep })).toMatchObject({ field: "depth" });
    expect(findLimitViolation({ ...structuredClone(signed), extra: "x".repeat(CREDENTIAL_LIMITS.maxStringChars + 1) })).toMatchObject({
      field: "string",
    });
  });
});
