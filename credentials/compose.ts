// Builds an unsigned Open Badges 3.0 credential (VC Data Model 2.0). Every property used here is defined by the
// VC v2 or OBv3 3.0.3 context: JSON-LD safe mode rejects undefined terms when signing.
import crypto from "node:crypto";
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from "./contexts";
import type {
  AchievementObject,
  AlignmentObject,
  BitstringStatusListEntry,
  IdentityObject,
  ImageObject,
  OpenBadgeCredential,
  ProfileObject,
  ResultDescriptionObject,
  ResultObject,
} from "./types";

export type SkillAlignmentInput = {
  /** Our stable skill id, e.g. "prompting"; becomes the alignment's targetCode. */
  code: string;
  /** Skill label in the credential's language. */
  name: string;
  /** Our own public page for the skill (used when there is no ESCO URI). */
  url: string;
  /** ESCO skill URI, when one has been verified for the skill. */
  escoUri?: string;
  description?: string;
};

export type ComposeCredentialOptions = {
  /** The credential's own id: an https URL where it can be looked up (e.g. https://maharat.ma/credentials/<uuid>); http only on localhost. */
  id: string;
  /** Display name of the credential in wallets. */
  name: string;
  description?: string;
  issuer: {
    /** The issuer's DID (did:web). */
    id: string;
    name: string;
    url: string;
    /** URL of the issuer's logo. */
    image?: string;
  };
  /** A training centre co-branding the credential; recorded as credentialSubject.source (see README). */
  trainingCentre?: { id: string; name: string; url?: string; image?: string };
  subject: {
    /** An opaque identifier for the learner, e.g. `urn:uuid:…`. Never an e-mail address. */
    id?: string;
    /** Recorded only as a salted SHA-256 hash (IdentityObject "emailAddress"). */
    email?: { address: string; salt: string };
    /** Optional display name, recorded as an IdentityObject of type "name" (the place OBv3 defines for it). */
    displayName?: string;
  };
  achievement: {
    /** Resolvable https URL of the achievement (the certification definition). */
    id: string;
    name: string;
    description: string;
    criteriaNarrative: string;
    /** OBv3 achievementType; default "Certificate". */
    achievementType?: string;
    image?: string;
    /** Tier of the certification, recorded as tags "tier:<level>" and the tier name. */
    tier?: { level: number; name: string };
    fieldOfStudy?: string;
    /** Language of the achievement texts (BCP 47 short form: "fr", "ar", "en"). */
    language?: string;
    skills?: SkillAlignmentInput[];
  };
  /** The exam score, recorded as a Result with a "Percent" ResultDescription on the achievement. */
  result?: { percent: number; passMark?: number; label?: string };
  validFrom: Date | string;
  validUntil?: Date | string;
  /** Revocation entry in a Bitstring Status List. */
  status?: { statusListCredential: string; index: number };
};

export const SKILL_FRAMEWORK_ESCO = "ESCO";
export const SKILL_FRAMEWORK_OWN = "Maharat skills";

/** xsd:dateTimeStamp without milliseconds, e.g. 2026-11-21T10:00:00Z. */
export function toDateTimeStamp(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new TypeError(`Invalid date: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * OBv3 IdentityHash of an e-mail address: "sha256$" + hex(sha256(normalised address + salt)). The address is
 * trimmed and lower-cased first so the learner can later prove it by typing it again.
 */
export function hashEmailIdentity(address: string, salt: string): string {
  const normalised = address.trim().toLowerCase();
  return `sha256$${crypto.createHash("sha256").update(normalised + salt, "utf8").digest("hex")}`;
}

/** Does `address` match an identifier of the credential subject? (e.g. an employer checking a claimed e-mail) */
export function subjectHasEmail(credential: { credentialSubject?: unknown }, address: string): boolean {
  const subject = credential.credentialSubject;
  if (typeof subject !== "object" || subject === null || !("identifier" in subject)) return false;
  const identifiers = subject.identifier;
  if (!Array.isArray(identifiers)) return false;
  return identifiers.some(
    (entry: unknown) =>
      typeof entry === "object" &&
      entry !== null &&
      "identityType" in entry &&
      entry.identityType === "emailAddress" &&
      "identityHash" in entry &&
      "salt" in entry &&
      typeof entry.salt === "string" &&
      entry.identityHash === hashEmailIdentity(address, entry.salt),
  );
}

export function statusEntry(options: { statusListCredential: string; index: number }): BitstringStatusListEntry {
  if (!Number.isInteger(options.index) || options.index < 0) {
    throw new TypeError(`statusListIndex must be a non-negative integer, got ${options.index}`);
  }
  return {
    id: `${options.statusListCredential}#${options.index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(options.index),
    statusListCredential: options.statusListCredential,
  };
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function assertUrl(value: string, what: string, protocols: string[] = ["https:"]) {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new TypeError(`${what} must be a URL, got "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new TypeError(`${what} must use ${protocols.join(" or ")}, got "${value}"`);
  }
}

/**
 * Ids people and verifiers follow (the credential, the achievement) must be https, except on a loopback host
 * (http://localhost, http://127.0.0.1): a copy running on one's own machine then issues ids that resolve there.
 */
function assertResolvableId(value: string, what: string, otherProtocols: string[] = []) {
  assertUrl(value, what, ["https:", "http:", ...otherProtocols]);
  const url = new URL(value);
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new TypeError(`${what} must use https: (http: only on localhost), got "${value}"`);
  }
}

function image(url: string | undefined): ImageObject | undefined {
  if (!url) return undefined;
  assertUrl(url, "image", ["https:", "http:", "data:"]);
  return { id: url, type: "Image" };
}

function alignment(skill: SkillAlignmentInput): AlignmentObject {
  assertUrl(skill.url, `skill ${skill.code} url`, ["https:", "http:"]);
  if (skill.escoUri) assertUrl(skill.escoUri, `skill ${skill.code} escoUri`, ["http:", "https:"]);
  return omitUndefined({
    type: ["Alignment"],
    targetName: skill.name,
    targetUrl: skill.escoUri ?? skill.url,
    targetCode: skill.code,
    targetFramework: skill.escoUri ? SKILL_FRAMEWORK_ESCO : SKILL_FRAMEWORK_OWN,
    targetType: "ceasn:Competency",
    targetDescription: skill.description,
  });
}

/** Builds the unsigned OpenBadgeCredential. Throws TypeError on input that would make an invalid credential. */
export function composeOpenBadgeCredential(options: ComposeCredentialOptions): OpenBadgeCredential {
  assertResolvableId(options.id, "credential id");
  assertUrl(options.issuer.url, "issuer url", ["https:", "http:"]);
  if (!options.issuer.id.startsWith("did:")) throw new TypeError("issuer.id must be a DID (did:web)");
  if (!options.subject.id && !options.subject.email) {
    throw new TypeError("subject needs an id or an e-mail (hashed) to identify the learner");
  }
  if (options.subject.id) assertUrl(options.subject.id, "subject id", ["urn:", "did:", "https:"]);

  const issuer: ProfileObject = omitUndefined({
    id: options.issuer.id,
    type: ["Profile"],
    name: options.issuer.name,
    url: options.issuer.url,
    image: image(options.issuer.image),
  });

  const identifier: IdentityObject[] = [];
  if (options.subject.email) {
    if (options.subject.email.salt.length < 8) throw new TypeError("the e-mail salt must be at least 8 characters");
    identifier.push({
      type: "IdentityObject",
      hashed: true,
      identityHash: hashEmailIdentity(options.subject.email.address, options.subject.email.salt),
      identityType: "emailAddress",
      salt: options.subject.email.salt,
    });
  }
  if (options.subject.displayName) {
    identifier.push({
      type: "IdentityObject",
      hashed: false,
      identityHash: options.subject.displayName,
      identityType: "name",
    });
  }

  const { result } = options;
  if (result && !(Number.isFinite(result.percent) && result.percent >= 0 && result.percent <= 100)) {
    throw new TypeError(`result.percent must be between 0 and 100, got ${result.percent}`);
  }
  const achievement = achievementObject(options.achievement, result);
  const centre = options.trainingCentre;
  if (centre) assertResolvableId(centre.id, "trainingCentre id", ["did:", "urn:"]);
  const source: ProfileObject | undefined = centre
    ? omitUndefined({ id: centre.id, type: ["Profile"], name: centre.name, url: centre.url, image: image(centre.image) })
    : undefined;

  if (options.status) assertUrl(options.status.statusListCredential, "statusListCredential", ["https:", "http:"]);

  return omitUndefined({
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: options.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: options.name,
    description: options.description,
    issuer,
    validFrom: toDateTimeStamp(options.validFrom),
    validUntil: options.validUntil === undefined ? undefined : toDateTimeStamp(options.validUntil),
    credentialSubject: omitUndefined({
      id: options.subject.id,
      type: ACHIEVEMENT_SUBJECT,
      identifier: identifier.length > 0 ? identifier : undefined,
      achievement,
      result: result ? [scoreResult(scoreDescriptionId(options.achievement.id), result.percent)] : undefined,
      source,
    }),
    credentialStatus: options.status ? statusEntry(options.status) : undefined,
  });
}

export type ComposeAchievementOptions = ComposeCredentialOptions["achievement"];

function scoreDescriptionId(achievementId: string) {
  return `${achievementId}#score-percent`;
}

function achievementObject(options: ComposeAchievementOptions, result?: { passMark?: number; label?: string }): AchievementObject {
  assertResolvableId(options.id, "achievement id");
  const { tier } = options;
  const skills = options.skills ?? [];
  return omitUndefined({
    id: options.id,
    type: ["Achievement"],
    name: options.name,
    description: options.description,
    criteria: { narrative: options.criteriaNarrative },
    achievementType: options.achievementType ?? "Certificate",
    image: image(options.image),
    tag: tier ? [`tier:${tier.level}`, tier.name] : undefined,
    fieldOfStudy: options.fieldOfStudy,
    inLanguage: options.language,
    alignment: skills.length > 0 ? skills.map(alignment) : undefined,
    resultDescription: result ? [scoreDescription(scoreDescriptionId(options.id), result)] : undefined,
  });
}

/**
 * The achievement alone, as a JSON-LD document (what its id URL answers to a machine): the same object a credential
 * embeds, with the contexts. `result` describes the score the credentials record (pass mark, label), if any.
 */
export function composeAchievement(
  options: ComposeAchievementOptions,
  result?: { passMark?: number; label?: string },
): AchievementObject & { "@context": string[] } {
  return { "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT], ...achievementObject(options, result) };
}

const ACHIEVEMENT_SUBJECT: ["AchievementSubject"] = ["AchievementSubject"];

function scoreDescription(id: string, result: { passMark?: number; label?: string }): ResultDescriptionObject {
  return omitUndefined({
    id,
    type: ["ResultDescription"],
    name: result.label ?? "Score (%)",
    resultType: "Percent",
    valueMin: "0",
    valueMax: "100",
    requiredValue: result.passMark === undefined ? undefined : String(result.passMark),
  });
}

function scoreResult(descriptionId: string, percent: number): ResultObject {
  return { type: ["Result"], resultDescription: descriptionId, value: String(percent) };
}

// JSON has no `undefined`: drop optional fields that were not given so the signed document is what gets stored.
function omitUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    if (Reflect.get(value, key) === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}
