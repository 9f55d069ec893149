// Verification of Open Badges 3.0 credentials: shape, contexts, signature, key authorisation, issuer, validity
// period and revocation, each failure reported as a Problem in fr/ar/en. Never throws on bad input.
import crypto from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from "./contexts";
import {
  type DocumentLoader,
  DocumentLoaderError,
  type DocumentLoaderOptions,
  type LoadStatusList,
  createDocumentLoader,
  errorMessage,
  isKnownContext,
  splitFragment,
} from "./document-loader";
import { findLimitViolation } from "./limits";
import { type ProblemCode, type ProblemParams, problem } from "./messages";
import { createVerifier } from "./signer";
import { type Problem, isRecord } from "./types";

export type VerificationStatus = "valid" | "invalid" | "revoked" | "expired" | "not_yet_valid";

export type VerificationSummary = {
  credentialId?: string;
  name?: string;
  issuer: { id: string; name?: string; url?: string };
  achievement: { id?: string; name?: string; achievementType?: string; tags: string[]; tier?: number };
  skills: { name: string; url?: string; code?: string; framework?: string }[];
  subject: { id?: string; name?: string; hasHashedEmail: boolean };
  trainingCentre?: { id?: string; name?: string; url?: string };
  result?: { value: string };
  /** awardedDate, else validFrom (VC 1.1: issuanceDate). */
  issuedOn?: string;
  validFrom?: string;
  validUntil?: string;
  /** ISO date, when the credential is revoked and the status loader knows when. */
  revokedAt?: string;
};

export type VerificationResult = {
  /** True only when there is no error: authentic, within its validity period and not revoked. */
  verified: boolean;
  status: VerificationStatus;
  errors: Problem[];
  warnings: Problem[];
  /** What the credential says, present whenever its signature checked out (even if expired or revoked). */
  summary?: VerificationSummary;
};

export type VerifyCredentialOptions = DocumentLoaderOptions & {
  /** Anything: a parsed JSON value from a wallet, an upload, a baked image. */
  credential: unknown;
  /** The time to check validity against; default now. */
  now?: Date;
  /** Tolerance for clocks that disagree, applied to validFrom/validUntil; default 300 s like @digitalbazaar/vc. */
  maxClockSkewSeconds?: number;
};

const OB_TYPES = ["OpenBadgeCredential", "AchievementCredential"];
const OUTCOME_CODES: ProblemCode[] = ["revoked", "expired", "not_yet_valid"];

// The verify side uses the cryptosuite with a verifier that caches public keys as KeyObjects.
const verifyingCryptosuite = { ...cryptosuite, createVerifier };

/**
 * Verifies a credential. Checks, in order: it is a JSON object shaped like an OBv3 credential, every context is
 * one of the bundled ones (nothing is fetched), the proof (DataIntegrityProof eddsa-rdfc-2022; Ed25519Signature2020
 * accepted for older credentials), that the key is listed for assertionMethod in the issuer's DID document and
 * that the proof's controller is the credential's issuer, the validity period, and the revocation bit in the
 * issuer's status list. `@digitalbazaar/vc` itself reports revoked credentials as verified, so the bit is read here.
 */
export async function verifyCredential(options: VerifyCredentialOptions): Promise<VerificationResult> {
  try {
    return await runVerification(options);
  } catch (error) {
    // Defensive: every expected failure is a Problem already; anything else still must not throw.
    return { verified: false, status: "invalid", errors: [problem("verification_failed", {}, errorMessage(error))], warnings: [] };
  }
}

async function runVerification(options: VerifyCredentialOptions): Promise<VerificationResult> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const done = (summary?: VerificationSummary): VerificationResult => ({
    verified: errors.length === 0,
    status: statusFrom(errors),
    errors,
    warnings,
    ...(summary ? { summary } : {}),
  });

  const { credential } = options;
  if (!isRecord(credential)) {
    errors.push(problem("not_an_object"));
    return done();
  }
  // 0. Size bounds, before anything decodes or expands the document (see limits.ts).
  const violation = findLimitViolation(credential);
  if (violation) {
    errors.push(problem("too_large", violation));
    return done();
  }

  // 1. Shape and contexts, before any JSON-LD processing.
  const contexts = valuesOf(credential["@context"]);
  const isV1 = contexts[0] === VC_V1_CONTEXT;
  if (contexts[0] !== VC_V2_CONTEXT && !isV1) errors.push(problem("missing_context"));
  for (const context of contexts) {
    if (typeof context === "string" && !isKnownContext(context)) errors.push(problem("unknown_context", { url: context }));
  }
  const types = valuesOf(credential.type);
  if (!types.includes("VerifiableCredential") || !OB_TYPES.some((type) => types.includes(type))) {
    errors.push(problem("not_open_badge"));
  }
  const issuerId = idOf(credential.issuer);
  if (!issuerId) errors.push(problem("missing_issuer"));
  const subject = credential.credentialSubject;
  if (!isRecord(subject) || !isRecord(subject.achievement)) errors.push(problem("missing_achievement"));
  const proofs = valuesOf(credential.proof).filter(isRecord);
  if (proofs.length === 0) errors.push(problem("missing_proof"));

  const validFromField = isV1 ? "issuanceDate" : "validFrom";
  const validUntilField = isV1 ? "expirationDate" : "validUntil";
  const validFrom = readDate(credential, validFromField, errors);
  const validUntil = readDate(credential, validUntilField, errors);
  if (credential[validFromField] === undefined) errors.push(problem("missing_valid_from"));
  if (validFrom && validUntil && validUntil < validFrom) errors.push(problem("invalid_dates", { field: validUntilField }));
  if (errors.length > 0 || !issuerId) return done();

  // 2. The proof must be made with a key of the issuer (controller checked again by the library below).
  const issuerProofs = proofs.filter((proof) => {
    const method = typeof proof.verificationMethod === "string" ? proof.verificationMethod : idOf(proof.verificationMethod);
    return method !== undefined && splitFragment(method)[0] === issuerId;
  });
  if (issuerProofs.length === 0) {
    errors.push(problem("issuer_mismatch"));
    return done();
  }

  // 3. Signature and key authorisation. The library would also reject dates outside the validity period, and
  // then not check the signature at all; it is given a time inside the period so that a tampered, expired
  // credential reads "invalid" rather than "expired". The real validity check follows.
  const loader = createDocumentLoader({
    resolveDidWeb: options.resolveDidWeb && memoize(options.resolveDidWeb),
    resolveController: options.resolveController && memoize(options.resolveController),
  });
  const signature = await verifyProofs(credential, loader, validFrom ?? options.now ?? new Date());
  if (!signature.verified) {
    errors.push(...signature.problems);
    return done();
  }
  if (isV1 || signature.proofType === "Ed25519Signature2020") warnings.push(problem("legacy_format"));

  // 4. Validity period.
  const now = options.now ?? new Date();
  const skew = (options.maxClockSkewSeconds ?? 300) * 1000;
  if (validUntil && now.getTime() > validUntil.getTime() + skew) errors.push(problem("expired", { at: validUntil }));
  if (validFrom && now.getTime() + skew < validFrom.getTime()) errors.push(problem("not_yet_valid", { at: validFrom }));

  // 5. Revocation.
  let revokedAt: Date | undefined;
  const statuses = valuesOf(credential.credentialStatus);
  if (statuses.length === 0) warnings.push(problem("no_status"));
  for (const entry of statuses) {
    // A status this library cannot read might say "revoked" or "suspended": fail closed rather than ignore it.
    if (!isRecord(entry) || entry.type !== "BitstringStatusListEntry") {
      errors.push(problem("status_unsupported", { kind: isRecord(entry) ? String(entry.type) : typeof entry }));
      continue;
    }
    if (entry.statusPurpose !== "revocation") {
      errors.push(problem("status_unsupported", { kind: `BitstringStatusListEntry/${String(entry.statusPurpose)}` }));
      continue;
    }
    const outcome = await checkRevocation({ entry, issuerId, loader, loadStatusList: options.loadStatusList, now });
    if (outcome.problem) errors.push(outcome.problem);
    else if (outcome.revoked) {
      revokedAt = outcome.revokedAt;
      errors.push(problem("revoked", { at: outcome.revokedAt }));
    }
  }

  return done(summarise(credential, issuerId, revokedAt));
}

function statusFrom(errors: Problem[]): VerificationStatus {
  if (errors.length === 0) return "valid";
  if (errors.some((error) => !OUTCOME_CODES.some((code) => code === error.code))) return "invalid";
  if (errors.some((error) => error.code === "revoked")) return "revoked";
  if (errors.some((error) => error.code === "expired")) return "expired";
  return "not_yet_valid";
}

type ProofCheck = { verified: true; proofType?: string } | { verified: false; problems: Problem[] };

async function verifyProofs(credential: Record<string, unknown>, loader: DocumentLoader, now: Date): Promise<ProofCheck> {
  const result = await vc.verifyCredential({
    credential,
    suite: [new DataIntegrityProof({ cryptosuite: verifyingCryptosuite }), new Ed25519Signature2020()],
    documentLoader: loader,
    now,
    // Status is checked by checkRevocation, which can report dates and tell "revoked" from "unreachable".
    checkStatus: async () => ({ verified: true }),
  });
  if (result.verified) {
    const verifiedProof = result.results?.find((entry) => entry.verified)?.proof;
    return { verified: true, proofType: typeof verifiedProof?.type === "string" ? verifiedProof.type : undefined };
  }
  const failures = [result.error, ...(result.results ?? []).map((entry) => entry.error)];
  const problems = new Map<string, Problem>();
  for (const error of flattenErrors(failures)) {
    const { code, params } = classify(error);
    if (!problems.has(code)) problems.set(code, problem(code, params, errorMessage(error)));
  }
  if (problems.size === 0) problems.set("signature_invalid", problem("signature_invalid"));
  return { verified: false, problems: [...problems.values()] };
}

function flattenErrors(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  const visit = (value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value) && Array.isArray(value.errors)) value.errors.forEach(visit);
    else if (!out.includes(value)) out.push(value);
  };
  values.forEach(visit);
  return out;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 5) {
    chain.push(current);
    if (!isRecord(current) && !(current instanceof Error)) break;
    const details = Reflect.get(current, "details");
    current = Reflect.get(current, "cause") ?? (isRecord(details) ? details.cause : undefined);
  }
  return chain;
}

function classify(error: unknown): { code: ProblemCode; params?: ProblemParams } {
  for (const link of causeChain(error)) {
    if (link instanceof DocumentLoaderError) {
      if (link.code === "key_not_in_did_document") return { code: "key_not_authorised" };
      // jsonld wraps a context it could not load in a "jsonld.InvalidUrl" error.
      if (link.code === "unknown_url" && isRecord(error) && error.name === "jsonld.InvalidUrl") {
        return { code: "unknown_context", params: { url: link.url } };
      }
      return { code: "issuer_unresolvable" };
    }
  }
  const message = errorMessage(error);
  const name = error instanceof Error ? error.name : "";
  if (message.includes("not authorized by controller")) return { code: "key_not_authorised" };
  if (message.includes("Credential issuer must match")) return { code: "issuer_mismatch" };
  if (message.includes("Safe mode validation error") || name === "jsonld.ValidationError") return { code: "undefined_terms" };
  if (name === "NotFoundError" || message.includes("No matching proofs") || message.includes("Did not verify any proofs")) {
    return { code: "unsupported_proof" };
  }
  if (message.includes("Invalid signature") || message.includes("proofValue") || message.includes("base58") || message.includes("multibase")) {
    return { code: "signature_invalid" };
  }
  return { code: "verification_failed" };
}

// Verified status list credentials, keyed by a digest of their JSON. An entry also records a digest of every
// non-static document its verification loaded (key, DID document): it is reused only while those are unchanged,
// so a key removed from the DID document invalidates it.
type StatusListCacheEntry = { dependencies: Map<string, string> };
const statusListCache = new Map<string, StatusListCacheEntry>();
const STATUS_LIST_CACHE_LIMIT = 256;

function digest(value: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(value)).digest("base64url");
}

async function isStatusListAuthentic(statusList: Record<string, unknown>, loader: DocumentLoader): Promise<boolean | string> {
  const key = digest(statusList);
  const cached = statusListCache.get(key);
  if (cached) {
    let unchanged = true;
    for (const [url, expected] of cached.dependencies) {
      const current = await loader(url).then((remote) => digest(remote.document), () => undefined);
      if (current !== expected) unchanged = false;
    }
    if (unchanged) return true;
    statusListCache.delete(key);
  }
  const dependencies = new Map<string, string>();
  const recordingLoader: DocumentLoader = async (url) => {
    const remote = await loader(url);
    if (remote.tag !== "static") dependencies.set(url, digest(remote.document));
    return remote;
  };
  const validFrom = typeof statusList.validFrom === "string" ? new Date(statusList.validFrom) : undefined;
  const check = await verifyProofs(
    statusList,
    recordingLoader,
    validFrom && !Number.isNaN(validFrom.getTime()) ? validFrom : new Date(),
  );
  if (!check.verified) return check.problems.map((entry) => entry.detail ?? entry.code).join("; ");
  if (statusListCache.size >= STATUS_LIST_CACHE_LIMIT) {
    const oldest = statusListCache.keys().next().value;
    if (oldest !== undefined) statusListCache.delete(oldest);
  }
  statusListCache.set(key, { dependencies });
  return true;
}

type RevocationOutcome = { problem?: Problem; revoked?: boolean; revokedAt?: Date };

async function checkRevocation(options: {
  entry: Record<string, unknown>;
  issuerId: string;
  loader: DocumentLoader;
  loadStatusList?: LoadStatusList;
  now: Date;
}): Promise<RevocationOutcome> {
  const { entry } = options;
  const failed = (detail: string): RevocationOutcome => ({ problem: problem("status_check_failed", {}, detail) });
  const invalidList = (detail: string): RevocationOutcome => ({ problem: problem("status_list_invalid", {}, detail) });

  const url = entry.statusListCredential;
  const index = typeof entry.statusListIndex === "string" && /^\d+$/.test(entry.statusListIndex) ? Number(entry.statusListIndex) : NaN;
  if (typeof url !== "string" || !Number.isSafeInteger(index)) return failed("malformed BitstringStatusListEntry");
  if (!options.loadStatusList) return failed("no status list loader was given");

  let loaded;
  try {
    loaded = await options.loadStatusList(url);
  } catch (error) {
    return failed(`loading ${url}: ${errorMessage(error)}`);
  }
  if (!loaded) return failed(`status list ${url} not found`);
  const statusList = loaded.credential;

  const contexts = valuesOf(statusList["@context"]);
  const unknown = contexts.find((context) => typeof context === "string" && !isKnownContext(context));
  if (unknown !== undefined) return invalidList(`status list uses unknown context ${String(unknown)}`);
  if (statusList.id !== url) return invalidList(`status list id ${String(statusList.id)} is not ${url}`);
  if (idOf(statusList.issuer) !== options.issuerId) return invalidList("status list issuer differs from the credential issuer");
  const listSubject = statusList.credentialSubject;
  if (
    !valuesOf(statusList.type).includes("BitstringStatusListCredential") ||
    !isRecord(listSubject) ||
    listSubject.type !== "BitstringStatusList" ||
    typeof listSubject.encodedList !== "string"
  ) {
    return invalidList("not a BitstringStatusListCredential");
  }
  if (listSubject.statusPurpose !== entry.statusPurpose) return invalidList("status purpose differs");
  const listValidUntil = typeof statusList.validUntil === "string" ? new Date(statusList.validUntil) : undefined;
  if (listValidUntil && !(listValidUntil.getTime() >= options.now.getTime())) return failed("the status list has expired");

  const authentic = await isStatusListAuthentic(statusList, options.loader);
  if (authentic !== true) return invalidList(authentic === false ? "status list signature invalid" : authentic);

  let revoked: boolean;
  try {
    const list = await decodeList({ encodedList: listSubject.encodedList });
    if (index >= list.length) return failed(`index ${index} is outside the status list (${list.length})`);
    revoked = list.getStatus(index);
  } catch (error) {
    return invalidList(`cannot decode the status list: ${errorMessage(error)}`);
  }
  return revoked ? { revoked, revokedAt: loaded.revokedAt?.(index) } : { revoked };
}

function summarise(credential: Record<string, unknown>, issuerId: string, revokedAt: Date | undefined): VerificationSummary {
  const issuer = isRecord(credential.issuer) ? credential.issuer : {};
  const subject = isRecord(credential.credentialSubject) ? credential.credentialSubject : {};
  const achievement = isRecord(subject.achievement) ? subject.achievement : {};
  const tags = valuesOf(achievement.tag).filter((tag): tag is string => typeof tag === "string");
  const tierTag = tags.map((tag) => /^tier:(\d+)$/.exec(tag)).find((match) => match !== null);
  const identifiers = valuesOf(subject.identifier).filter(isRecord);
  const nameIdentity = identifiers.find((entry) => entry.identityType === "name" && entry.hashed === false);
  const source = isRecord(subject.source) ? subject.source : undefined;
  const result = valuesOf(subject.result).filter(isRecord)[0];
  const validFrom = text(credential.validFrom) ?? text(credential.issuanceDate);
  const summary: VerificationSummary = {
    credentialId: text(credential.id),
    name: text(credential.name),
    issuer: { id: issuerId, name: text(issuer.name), url: text(issuer.url) },
    achievement: {
      id: text(achievement.id),
      name: text(achievement.name),
      achievementType: text(achievement.achievementType),
      tags,
      tier: tierTag ? Number(tierTag[1]) : undefined,
    },
    skills: valuesOf(achievement.alignment)
      .filter(isRecord)
      .map((alignment) => ({
        name: text(alignment.targetName) ?? "",
        url: text(alignment.targetUrl),
        code: text(alignment.targetCode),
        framework: text(alignment.targetFramework),
      })),
    subject: {
      id: text(subject.id),
      name: nameIdentity ? text(nameIdentity.identityHash) : undefined,
      hasHashedEmail: identifiers.some((entry) => entry.identityType === "emailAddress" && entry.hashed === true),
    },
    trainingCentre: source ? { id: text(source.id), name: text(source.name), url: text(source.url) } : undefined,
    result: result && text(result.value) !== undefined ? { value: String(result.value) } : undefined,
    issuedOn: text(credential.awardedDate) ?? validFrom,
    validFrom,
    validUntil: text(credential.validUntil) ?? text(credential.expirationDate),
    revokedAt: revokedAt?.toISOString(),
  };
  return summary;
}

function readDate(credential: Record<string, unknown>, field: string, errors: Problem[]): Date | undefined {
  const value = credential[field];
  if (value === undefined) return undefined;
  const date = typeof value === "string" && vc.dateRegex.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    errors.push(problem("invalid_dates", { field }));
    return undefined;
  }
  return date;
}

function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isRecord(value) && typeof value.id === "string") return value.id;
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

// One verification may dereference the same DID several times (key, controller, status list's key).
function memoize<R>(resolve: (key: string) => R): (key: string) => R {
  const cache = new Map<string, { value: R }>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = { value: resolve(key) };
      cache.set(key, hit);
    }
    return hit.value;
  };
}
