// Size bounds checked before any decoding or JSON-LD processing. The libraries behind verification are not linear
// in every input (base58 decoding of a proof value is quadratic in its length, every proof is canonicalised again,
// JSON-LD expansion grows with the number of nodes), so a verifier open to anyone must refuse oversized input first,
// in time linear in the input it was given. A genuine Open Badge is a few hundred nodes and a few kilobytes.

/** Limits a presented credential must respect. */
export const CREDENTIAL_LIMITS = {
  /** JSON values (objects, arrays, strings, numbers…) in the whole document. Ours hold ~150. */
  maxNodes: 3_000,
  /** Nesting depth of objects and arrays. */
  maxDepth: 24,
  /** Characters of any one string (an embedded data: URI image is the largest legitimate one). */
  maxStringChars: 300_000,
  /** Proofs attached to one credential (a proof set or chain of more is not something we verify). */
  maxProofs: 4,
  /** Characters of a proofValue: an Ed25519 signature is "z" + 86–88 base58 characters. */
  maxProofValueChars: 256,
  /** Characters of an identifier (credential, issuer, subject, verification method, status list). */
  maxIdChars: 2_048,
} as const;

export type LimitViolation = { field: string; limit: number };

type Frame = { value: unknown; depth: number };

/**
 * The first limit a document breaks, or null: first the fields verification decodes (proofs, identifiers), then a
 * walk of at most `maxNodes + 1` values, iterative so that a deeply nested document cannot overflow the stack.
 */
export function findLimitViolation(document: unknown, limits = CREDENTIAL_LIMITS): LimitViolation | null {
  const field = isObject(document) ? findFieldViolation(document, limits) : null;
  if (field) return field;
  const stack: Frame[] = [{ value: document, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as Frame;
    nodes++;
    if (nodes > limits.maxNodes) return { field: "nodes", limit: limits.maxNodes };
    if (typeof value === "string") {
      if (value.length > limits.maxStringChars) return { field: "string", limit: limits.maxStringChars };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= limits.maxDepth) return { field: "depth", limit: limits.maxDepth };
    const children = Array.isArray(value) ? value : Object.values(value);
    // Keys count as values too: a million empty keys would otherwise slip through.
    if (!Array.isArray(value)) nodes += children.length;
    if (nodes > limits.maxNodes) return { field: "nodes", limit: limits.maxNodes };
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

/** The fields verification decodes: proofs and identifiers. */
function findFieldViolation(record: Record<string, unknown>, limits: typeof CREDENTIAL_LIMITS): LimitViolation | null {
  const proofs = listOf(record.proof);
  if (proofs.length > limits.maxProofs) return { field: "proof", limit: limits.maxProofs };
  for (const proof of proofs) {
    if (typeof proof !== "object" || proof === null) continue;
    const { proofValue, jws, verificationMethod } = proof as Record<string, unknown>;
    for (const [field, value] of [["proof.proofValue", proofValue], ["proof.jws", jws]] as const) {
      if (typeof value === "string" && value.length > limits.maxProofValueChars) return { field, limit: limits.maxProofValueChars };
    }
    if (tooLongId(verificationMethod, limits)) return { field: "proof.verificationMethod", limit: limits.maxIdChars };
  }
  const idFields: [string, unknown][] = [
    ["id", record.id],
    ["issuer", record.issuer],
    ...listOf(record.credentialSubject).map((subject): [string, unknown] => ["credentialSubject.id", subject]),
    ...listOf(record.credentialStatus).flatMap((status): [string, unknown][] => [
      ["credentialStatus.id", status],
      ["credentialStatus.statusListCredential", isObject(status) ? status.statusListCredential : undefined],
    ]),
  ];
  for (const [field, value] of idFields) {
    if (tooLongId(value, limits)) return { field, limit: limits.maxIdChars };
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A string id, or an object's `id`, longer than the limit. */
function tooLongId(value: unknown, limits: typeof CREDENTIAL_LIMITS) {
  const id = isObject(value) ? value.id : value;
  return typeof id === "string" && id.length > limits.maxIdChars;
}
