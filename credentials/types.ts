// Plain JSON shapes shared by the library. Credentials travel as JSON, so the types stay JSON-compatible
// (type aliases, not interfaces, so they are assignable to JsonObject).

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A problem found while verifying, with a human-readable reason in each app language. */
export type Problem = {
  /** Stable machine code, e.g. "signature_invalid", "revoked". */
  code: string;
  message: { fr: string; ar: string; en: string };
  /** Technical detail (English, from the underlying library) for logs; never shown as is to learners. */
  detail?: string;
};

export type Multikey = {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
};

/** A DID document (or any controller document) as returned by a resolver. */
export type DidDocument = JsonObject & { id: string };

export type ImageObject = { id: string; type: "Image"; caption?: string };

export type ProfileObject = {
  id: string;
  type: string[];
  name: string;
  url?: string;
  image?: ImageObject;
  email?: string;
  description?: string;
};

export type AlignmentObject = {
  type: ["Alignment"];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetType?: string;
  targetDescription?: string;
};

export type ResultDescriptionObject = {
  id: string;
  type: ["ResultDescription"];
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
};

export type ResultObject = {
  type: ["Result"];
  resultDescription?: string;
  value?: string;
  status?: string;
};

export type IdentityObject = {
  type: "IdentityObject";
  hashed: boolean;
  identityHash: string;
  identityType: string;
  salt?: string;
};

export type AchievementObject = {
  id: string;
  type: ["Achievement"];
  name: string;
  description: string;
  criteria: { id?: string; narrative: string };
  achievementType?: string;
  image?: ImageObject;
  tag?: string[];
  fieldOfStudy?: string;
  inLanguage?: string;
  alignment?: AlignmentObject[];
  resultDescription?: ResultDescriptionObject[];
};

export type BitstringStatusListEntry = {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
};

/** An unsigned OBv3 credential as built by composeOpenBadgeCredential. */
export type OpenBadgeCredential = {
  "@context": string[];
  id: string;
  type: string[];
  name: string;
  description?: string;
  issuer: ProfileObject;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id?: string;
    type: ["AchievementSubject"];
    identifier?: IdentityObject[];
    achievement: AchievementObject;
    result?: ResultObject[];
    source?: ProfileObject;
  };
  credentialStatus?: BitstringStatusListEntry;
};

export type DataIntegrityProofObject = {
  type: string;
  created?: string;
  verificationMethod: string;
  cryptosuite?: string;
  proofPurpose: string;
  proofValue: string;
};

/** A credential after issueCredential: the input plus `proof` as an array (the 1EdTech schema wants an array). */
export type SignedCredential<T extends object = OpenBadgeCredential> = T & { proof: DataIntegrityProofObject[] };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
