import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { beforeEach, describe, expect, it } from "vitest";
import {
  composeOpenBadgeCredential,
  createSigner,
  generateKeyPair,
  isStatusListCredential,
  issueCredential,
  readStatus,
} from "../../../credentials/index";
import { prisma } from "~/lib/db.server";
import { createOrganisation, createUser } from "../../../tests/factories";
import {
  CredentialError,
  issueCredentialForEvent,
  issueGivenCredential,
  learnerSubjectId,
  listMyCredentials,
  revokeCredential,
} from "./issuer.server";
import { getDidDocument, getIssuerKeys, rotateIssuerKeys } from "./keys.server";
import { getStatusListCredential } from "./status-lists.server";
import {
  TEST_APP_URL,
  TEST_DID,
  createCertificationEvent,
  createCertifiedLearner,
  jsonPaths,
  syncTestCurriculum,
  tamper,
  useCredentialTestEnv,
} from "./test-fixtures";
import { verifyIssuedCredential } from "./verify.server";

useCredentialTestEnv();

const standardsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/standards/obv3");
const hasStandards = fs.existsSync(path.join(standardsDir, "achievementcredential.json"));

async function issueFor(eventId: string) {
  const result = await issueCredentialForEvent({ eventId });
  if (result.outcome !== "issued") throw new Error(`expected issued, got ${result.outcome}`);
  const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: result.credentialId }, select: { id: true, json: true, statusListId: true, statusIndex: true } });
  return row;
}

async function expectCredentialError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(CredentialError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe("issueCredentialForEvent", () => {
  it("issues a signed credential that verifies, marks the event processed and validates against 1EdTech's schema", async () => {
    const { user, event } = await createCertifiedLearner({ locale: "en" });
    const { id, json } = await issueFor(event.id);

    const result = await verifyIssuedCredential(json);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result).toMatchObject({ verified: true, status: "valid" });
    expect(result.summary).toMatchObject({
      credentialId: `${TEST_APP_URL}/credentials/${id}`,
      issuer: { id: TEST_DID, name: "Maharat", url: TEST_APP_URL },
      achievement: { id: `${TEST_APP_URL}/achievements/t1-course`, name: "Foundations", achievementType: "Certificate", tier: 1 },
      subject: { id: learnerSubjectId(user.id), name: user.name, hasHashedEmail: true },
      result: { value: "86.6" },
    });
    expect(result.summary?.skills).toEqual([
      { name: "AI concepts", url: `${TEST_APP_URL}/skills/ai-concepts`, code: "ai-concepts", framework: "Maharat skills" },
      { name: "Data protection", url: "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000001", code: "data-protection", framework: "ESCO" },
    ]);
    expect(json).toMatchObject({
      validFrom: expect.any(String),
      credentialSubject: { achievement: { criteria: { narrative: 'Pass the final exam of the course "Foundations" with a score of at least 70%.' } } },
      proof: [expect.objectContaining({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" })],
    });
    expect(JSON.stringify(json)).not.toContain(user.email);

    const processed = await prisma.certificationEvent.findUniqueOrThrow({ where: { id: event.id }, select: { processedAt: true } });
    expect(processed.processedAt).toBeInstanceOf(Date);

    if (hasStandards) {
      const ajv = new Ajv2019({ strict: false, allErrors: true });
      addFormats(ajv);
      const schema: unknown = JSON.parse(fs.readFileSync(path.join(standardsDir, "achievementcredential.json"), "utf8"));
      if (typeof schema !== "object" || schema === null) throw new Error("schema is not an object");
      const validate = ajv.compile(schema);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("makes the credential invalid when any one character is changed", async () => {
    const { event } = await createCertifiedLearner();
    const { json } = await issueFor(event.id);
    const targets = jsonPaths(json);
    expect(targets.length).toBeGreaterThan(50);
    const verdicts = [];
    for (const target of targets) {
      const result = await verifyIssuedCredential(tamper(json, target));
      verdicts.push({ at: `${target.kind}:${target.path.join(".")}`, verified: result.verified, status: result.status });
    }
    expect(verdicts.filter((v) => v.verified || v.status !== "invalid")).toEqual([]);
  });

  it("issues exactly once when the same event is handled twice at the same time", async () => {
    const { user, event } = await createCertifiedLearner();
    const outcomes = await Promise.all([issueCredentialForEvent({ eventId: event.id }), issueCredentialForEvent({ eventId: event.id })]);
    expect(outcomes.filter((o) => o.outcome === "issued")).toHaveLength(1);
    expect(await prisma.issuedCredential.count({ where: { userId: user.id, courseId: "t1-course" } })).toBe(1);
    // Handling it again later changes nothing.
    expect(await issueCredentialForEvent({ eventId: event.id })).toEqual({ outcome: "already_processed" });
    expect(await prisma.issuedCredential.count()).toBe(1);
  });

  it("issues one credential per learner and course when two events exist (two passes), and processes both", async () => {
    const { user, event } = await createCertifiedLearner();
    const second = await createCertificationEvent({ userId: user.id, percent: 95 });
    const outcomes = await Promise.all([issueCredentialForEvent({ eventId: event.id }), issueCredentialForEvent({ eventId: second.id })]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already_issued", "issued"]);
    expect(await prisma.issuedCredential.count()).toBe(1);
    const events = await prisma.certificationEvent.findMany({ where: { userId: user.id }, select: { processedAt: true } });
    expect(events.every((e) => e.processedAt !== null)).toBe(true);
  });

  it("skips an event whose learner no longer exists, marking it processed", async () => {
    await syncTestCurriculum();
    const user = await createUser();
    const event = await createCertificationEvent({ userId: user.id });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await issueCredentialForEvent({ eventId: event.id })).toMatchObject({ outcome: "skipped" });
    expect(await prisma.issuedCredential.count()).toBe(0);
    expect(await issueCredentialForEvent({ eventId: "no-such-event" })).toEqual({ outcome: "not_found" });
  });
});

describe("revokeCredential", () => {
  let centreId: string;
  let learnerId: string;
  let credentialId: string;
  let json: unknown;

  beforeEach(async () => {
    await syncTestCurriculum();
    const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "Centre de Fès" });
    await prisma.organisation.update({ where: { id: centre.id }, data: { website: "https://centre-fes.ma" } });
    centreId = centre.id;
    const cohort = await prisma.cohort.create({ data: { organisationId: centre.id, name: "Promo 2026" }, select: { id: true } });
    const learner = await createUser();
    learnerId = learner.id;
    await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: learner.id, role: "LEARNER" } });
    const event = await createCertificationEvent({ userId: learner.id });
    const issued = await issueFor(event.id);
    credentialId = issued.id;
    json = issued.json;
  });

  it("co-brands a cohort learner's credential with the training centre", async () => {
    const result = await verifyIssuedCredential(json);
    expect(result.verified).toBe(true);
    expect(result.summary?.trainingCentre).toEqual({ id: `${TEST_APP_URL}/organisations/${centreId}`, name: "Centre de Fès", url: "https://centre-fes.ma/" });
    expect(result.summary?.issuer.name).toBe("Maharat");
    const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: credentialId }, select: { trainingCentreId: true } });
    expect(row.trainingCentreId).toBe(centreId);
  });

  it("lets a platform admin revoke with a reason: the bit is set, the list re-signed, the date reported", async () => {
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    const { statusListId } = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: credentialId }, select: { statusListId: true } });
    const listBefore = await getStatusListCredential({ listId: statusListId });
    const revokedAt = new Date(Date.now() - 1000);
    revokedAt.setMilliseconds(0);

    await revokeCredential({ credentialId: `${TEST_APP_URL}/credentials/${credentialId}`, actor: { userId: admin.id }, reason: "Fraude à l'examen", now: revokedAt });

    const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id: credentialId }, select: { revokedAt: true, revokedById: true, revokeReason: true, statusIndex: true } });
    expect(row).toMatchObject({ revokedAt, revokedById: admin.id, revokeReason: "Fraude à l'examen" });

    const result = await verifyIssuedCredential(json);
    expect(result).toMatchObject({ verified: false, status: "revoked" });
    expect(result.errors.map((e) => e.code)).toEqual(["revoked"]);
    expect(result.summary?.revokedAt).toBe(revokedAt.toISOString());

    const listAfter = await getStatusListCredential({ listId: statusListId });
    if (!isStatusListCredential(listAfter) || !isStatusListCredential(listBefore)) throw new Error("not a status list");
    expect(await readStatus({ statusList: listAfter, index: row.statusIndex })).toBe(true);
    expect(listAfter).not.toEqual(listBefore);
    // Re-signed: a new proof over the new list (validFrom has one-second precision, so it may not differ).
    const proofOf = (list: object) => ("proof" in list ? JSON.stringify(list.proof) : null);
    expect(proofOf(listAfter)).not.toBeNull();
    expect(proofOf(listAfter)).not.toBe(proofOf(listBefore));

    const mine = await listMyCredentials({ userId: learnerId });
    expect(mine).toEqual([expect.objectContaining({ courseId: "t1-course", status: "revoked", credentialId, revokedAt, revokeReason: "Fraude à l'examen" })]);
  });

  it("lets an admin of the co-branding centre revoke, and nobody else", async () => {
    const otherCentreAdmin = await createUser({ role: "CENTRE_ADMIN" });
    const instructor = await createUser({ role: "INSTRUCTOR", centreId });
    await expectCredentialError(revokeCredential({ credentialId, actor: { userId: otherCentreAdmin.id }, reason: "Erreur" }), "forbidden");
    await expectCredentialError(revokeCredential({ credentialId, actor: { userId: instructor.id }, reason: "Erreur" }), "forbidden");
    await expectCredentialError(revokeCredential({ credentialId, actor: { userId: learnerId }, reason: "Erreur" }), "forbidden");

    const centreAdmin = await createUser({ role: "CENTRE_ADMIN", centreId });
    await expectCredentialError(revokeCredential({ credentialId, actor: { userId: centreAdmin.id }, reason: "  " }), "reason_required");
    await revokeCredential({ credentialId, actor: { userId: centreAdmin.id }, reason: "Identité usurpée" });
    await expectCredentialError(revokeCredential({ credentialId, actor: { userId: centreAdmin.id }, reason: "Encore" }), "already_revoked");
    await expectCredentialError(revokeCredential({ credentialId: "not-a-credential", actor: { userId: centreAdmin.id }, reason: "Erreur" }), "not_found");
    expect((await verifyIssuedCredential(json)).status).toBe("revoked");
  });

  it("keeps other credentials of the same list valid", async () => {
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    const other = await createUser();
    const otherEvent = await createCertificationEvent({ userId: other.id });
    const otherCredential = await issueFor(otherEvent.id);
    await revokeCredential({ credentialId, actor: { userId: admin.id }, reason: "Erreur de saisie" });
    expect((await verifyIssuedCredential(otherCredential.json)).verified).toBe(true);
  });
});

describe("key rotation", () => {
  it("keeps old credentials verifying, signs new ones with the new key, and lists both keys in the DID document", async () => {
    const { event } = await createCertifiedLearner();
    const old = await issueFor(event.id);
    const oldKey = (await getIssuerKeys()).keySet.activeKey;

    const { activeKey } = await rotateIssuerKeys();
    const newLearner = await createUser();
    const fresh = await issueFor((await createCertificationEvent({ userId: newLearner.id })).id);

    expect((await verifyIssuedCredential(old.json)).verified).toBe(true);
    expect((await verifyIssuedCredential(fresh.json)).verified).toBe(true);
    expect(fresh.json).toMatchObject({ proof: [{ verificationMethod: `${TEST_DID}#${activeKey}` }] });
    expect(old.json).toMatchObject({ proof: [{ verificationMethod: `${TEST_DID}#${oldKey}` }] });
    const document = await getDidDocument();
    expect(document.assertionMethod).toEqual(expect.arrayContaining([`${TEST_DID}#${oldKey}`, `${TEST_DID}#${activeKey}`]));

    // Revoking an old credential re-signs its list with the new key; it then reads revoked, not invalid.
    const admin = await createUser({ role: "PLATFORM_ADMIN" });
    await revokeCredential({ credentialId: old.id, actor: { userId: admin.id }, reason: "Test de rotation" });
    expect((await verifyIssuedCredential(old.json)).status).toBe("revoked");
  });
});

describe("listMyCredentials", () => {
  it("shows a certification as issuing until the queue has issued its credential", async () => {
    const { user, event } = await createCertifiedLearner();
    expect(await listMyCredentials({ userId: user.id })).toEqual([{ courseId: "t1-course", earnedAt: event.createdAt, status: "issuing" }]);
    const { id } = await issueFor(event.id);
    expect(await listMyCredentials({ userId: user.id })).toEqual([
      {
        courseId: "t1-course",
        earnedAt: event.createdAt,
        status: "issued",
        credentialId: id,
        credentialUrl: `${TEST_APP_URL}/credentials/${id}`,
        issuedAt: expect.any(Date),
        revokedAt: null,
        revokeReason: null,
      },
    ]);
    const other = await createUser();
    expect(await listMyCredentials({ userId: other.id })).toEqual([]);
  });
});

describe("verifyIssuedCredential with foreign issuers", () => {
  async function didKeyCredential() {
    const keyPair = await generateKeyPair();
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    const signer = await createSigner({ verificationMethod: `${did}#${keyPair.publicKeyMultibase}`, keyPair });
    const credential = composeOpenBadgeCredential({
      id: "https://other.example/credentials/1",
      name: "Autre badge",
      issuer: { id: did, name: "Other", url: "https://other.example" },
      subject: { id: "urn:uuid:6f1c2d7e-0000-4000-8000-000000000009" },
      achievement: { id: "https://other.example/achievements/1", name: "Badge", description: "Un badge.", criteriaNarrative: "Le mériter." },
      validFrom: new Date(Date.now() - 60_000),
    });
    return issueCredential({ credential, signer });
  }

  it("verifies a did:key credential offline", async () => {
    const result = await verifyIssuedCredential(await didKeyCredential());
    expect(result).toMatchObject({ verified: true, status: "valid" });
    expect(result.warnings.map((w) => w.code)).toEqual(["no_status"]);
  });

  it("reports another did:web issuer as unresolvable (nothing is fetched)", async () => {
    const { event } = await createCertifiedLearner();
    const { json } = await issueFor(event.id);
    const foreign = JSON.parse(JSON.stringify(json).replaceAll(TEST_DID, "did:web:elsewhere.example"));
    const result = await verifyIssuedCredential(foreign);
    expect(result).toMatchObject({ verified: false, status: "invalid" });
    expect(result.errors.map((e) => e.code)).toContain("issuer_unresolvable");
    expect(result.errors[0].message).toEqual({ fr: expect.any(String), ar: expect.any(String), en: expect.any(String) });
  });
});

describe("issueGivenCredential (VC-API)", () => {
  function unsigned(issuer: string = TEST_DID) {
    return {
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      name: "Atelier IA — participation",
      issuer: { id: issuer, type: ["Profile"], name: "Maharat", url: TEST_APP_URL },
      credentialSubject: {
        type: ["AchievementSubject"],
        id: "urn:uuid:6f1c2d7e-0000-4000-8000-000000000010",
        achievement: {
          id: `${TEST_APP_URL}/achievements/workshop`,
          type: ["Achievement"],
          name: "Atelier IA",
          description: "Participation à l'atelier.",
          criteria: { narrative: "Participer à l'atelier." },
        },
      },
    };
  }

  it("signs our credential with an id, validFrom and a revocation entry, and stores it", async () => {
    const signed = await issueGivenCredential({ credential: unsigned() });
    expect(signed.id).toMatch(new RegExp(`^${TEST_APP_URL}/credentials/[0-9a-f-]{36}$`));
    expect(signed).toMatchObject({ validFrom: expect.any(String), credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "revocation" } });
    expect(await verifyIssuedCredential(signed)).toMatchObject({ verified: true, status: "valid" });
    const row = await prisma.issuedCredential.findFirstOrThrow({ select: { source: true, userId: true, json: true } });
    expect(row).toEqual({ source: "api", userId: null, json: signed });
  });

  it("refuses a foreign issuer, a given status, a foreign id, a proof and undefined terms", async () => {
    await expectCredentialError(issueGivenCredential({ credential: unsigned("did:web:elsewhere.example") }), "issuer_not_ours");
    await expectCredentialError(issueGivenCredential({ credential: { ...unsigned(), credentialStatus: { type: "BitstringStatusListEntry" } } }), "status_not_allowed");
    await expectCredentialError(issueGivenCredential({ credential: { ...unsigned(), id: "https://elsewhere.example/c/1" } }), "invalid_id");
    await expectCredentialError(issueGivenCredential({ credential: { ...unsigned(), proof: { type: "DataIntegrityProof" } } }), "invalid_credential");
    await expectCredentialError(issueGivenCredential({ credential: { ...unsigned(), madeUpTerm: "x" } }), "invalid_credential");
    await expectCredentialError(issueGivenCredential({ credential: "text" }), "invalid_credential");
    expect(await prisma.issuedCredential.count()).toBe(0);
  });
});
