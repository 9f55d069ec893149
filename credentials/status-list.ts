// Bitstring Status List (W3C) credentials for revocation: one bit per issued credential, gzip-compressed.
import { createList, decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { toDateTimeStamp } from "./compose";
import { VC_V2_CONTEXT } from "./contexts";
import { issueCredential } from "./issue";
import type { CredentialSigner } from "./signer";
import { type SignedCredential, isRecord } from "./types";

/** The spec's minimum list length (16 KiB of bits), which also gives holders herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

export type StatusListCredential = {
  "@context": string[];
  id: string;
  type: ["VerifiableCredential", "BitstringStatusListCredential"];
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: "BitstringStatusList";
    statusPurpose: string;
    encodedList: string;
  };
};

export type SignedStatusListCredential = SignedCredential<StatusListCredential>;

/**
 * Creates and signs an empty revocation list published at `id`. `issuer` must be the same DID as the
 * credentials that point at it (verifiers check that).
 */
export async function createStatusListCredential(options: {
  id: string;
  issuer: string;
  signer: CredentialSigner;
  length?: number;
  now?: Date;
}): Promise<SignedStatusListCredential> {
  const length = options.length ?? MIN_STATUS_LIST_LENGTH;
  if (!Number.isInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(`A status list needs a whole number of bytes and at least ${MIN_STATUS_LIST_LENGTH} entries`);
  }
  const list = await createList({ length });
  const now = options.now ?? new Date();
  const credential: StatusListCredential = {
    "@context": [VC_V2_CONTEXT],
    id: options.id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: options.issuer,
    validFrom: toDateTimeStamp(now),
    credentialSubject: {
      id: `${options.id}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: await list.encode(),
    },
  };
  return issueCredential({ credential, signer: options.signer, date: now });
}

/** Number of entries in a status list credential. */
export async function statusListLength(statusList: StatusListCredential): Promise<number> {
  const list = await decodeList({ encodedList: statusList.credentialSubject.encodedList });
  return list.length;
}

/** Reads the bit at `index`: true means revoked. */
export async function readStatus(options: { statusList: StatusListCredential; index: number }): Promise<boolean> {
  const list = await decodeList({ encodedList: options.statusList.credentialSubject.encodedList });
  assertIndex(options.index, list.length);
  return list.getStatus(options.index);
}

/**
 * Sets (revoked = true) or clears the bit at `index`, re-encodes the list and re-signs it with a new validFrom.
 * Returns the new credential to store and publish; the input is not modified.
 */
export async function setStatus(options: {
  statusList: StatusListCredential;
  index: number;
  revoked: boolean;
  signer: CredentialSigner;
  now?: Date;
}): Promise<SignedStatusListCredential> {
  const list = await decodeList({ encodedList: options.statusList.credentialSubject.encodedList });
  assertIndex(options.index, list.length);
  list.setStatus(options.index, options.revoked);
  const now = options.now ?? new Date();
  const source = options.statusList;
  // Rebuilt field by field: the old proof (and anything else) is left behind.
  const credential: StatusListCredential = {
    "@context": [...source["@context"]],
    id: source.id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: source.issuer,
    validFrom: toDateTimeStamp(now),
    credentialSubject: { ...source.credentialSubject, encodedList: await list.encode() },
  };
  return issueCredential({ credential, signer: options.signer, date: now });
}

function assertIndex(index: number, length: number) {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`Status list index ${index} is outside the list (0..${length - 1})`);
  }
}

/** Narrows untrusted JSON to a status list credential shape (the signature is checked separately). */
export function isStatusListCredential(value: unknown): value is StatusListCredential {
  if (!isRecord(value) || !isRecord(value.credentialSubject)) return false;
  const types = Array.isArray(value.type) ? value.type : [value.type];
  const subject = value.credentialSubject;
  return (
    Array.isArray(value["@context"]) &&
    typeof value.id === "string" &&
    typeof value.issuer === "string" &&
    types.includes("BitstringStatusListCredential") &&
    subject.type === "BitstringStatusList" &&
    typeof subject.encodedList === "string" &&
    typeof subject.statusPurpose === "string"
  );
}
