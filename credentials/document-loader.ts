// The JSON-LD document loader: static contexts from npm packages, did:key computed locally, did:web and status
// lists through functions the caller passes in. It never touches the network: an unknown URL is an error.
import type { RemoteDocument } from "@digitalbazaar/vc";
import { driver as didKeyDriver } from "@digitalbazaar/did-method-key";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { ED25519_2020_CONTEXT, MULTIKEY_V1_CONTEXT, knownContexts } from "./contexts";
import { type DidDocument, type JsonObject, type JsonValue, isJsonObject } from "./types";

export type MaybePromise<T> = T | Promise<T>;

/** Returns the DID document for a did:web DID (e.g. from the database or the app's own key set), or null. */
export type ResolveDidWeb = (did: string) => MaybePromise<DidDocument | null | undefined>;
/**
 * Returns the controller document for an issuer identified by an https URL (not a DID), or null. Only needed to
 * verify credentials from issuers that publish keys that way, such as 1EdTech's test vector.
 */
export type ResolveController = (url: string) => MaybePromise<DidDocument | null | undefined>;
export type StatusListLoadResult = {
  /** The signed BitstringStatusListCredential, as stored (it is checked like any untrusted input). */
  credential: Record<string, unknown>;
  /** When the caller records revocation dates, the date the entry at `index` was revoked. */
  revokedAt?: (index: number) => Date | undefined;
};
/** Returns the status list credential published at `url` (from storage, never the network), or null. */
export type LoadStatusList = (url: string) => MaybePromise<StatusListLoadResult | null | undefined>;

export type DocumentLoaderOptions = {
  resolveDidWeb?: ResolveDidWeb;
  resolveController?: ResolveController;
  loadStatusList?: LoadStatusList;
};

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export type DocumentLoaderErrorCode =
  | "unknown_url"
  | "unsupported_did_method"
  | "no_did_web_resolver"
  | "did_not_found"
  | "key_not_in_did_document";

/** Thrown by the loader; `code` says which case (the verifier turns it into a Problem). */
export class DocumentLoaderError extends Error {
  readonly code: DocumentLoaderErrorCode;
  readonly url: string;
  constructor(code: DocumentLoaderErrorCode, url: string, message: string) {
    super(message);
    this.name = "DocumentLoaderError";
    this.code = code;
    this.url = url;
  }
}

const didKey = didKeyDriver();
didKey.use({ multibaseMultikeyHeader: "z6Mk", fromMultibase: Ed25519Multikey.from });

export function isKnownContext(url: string): boolean {
  return knownContexts.has(url);
}

/**
 * Builds a document loader. Contexts come from the npm-shipped set; `did:key` is resolved locally; `did:web`
 * through `resolveDidWeb`; https controller documents through `resolveController`; status list credentials
 * through `loadStatusList`. Anything else throws DocumentLoaderError("unknown_url"): nothing is fetched.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const context = knownContexts.get(url);
    // `tag: "static"` lets jsonld keep the processed context in its shared cache across calls.
    if (context) return { contextUrl: null, documentUrl: url, document: context, tag: "static" };

    if (url.startsWith("did:")) {
      return { contextUrl: null, documentUrl: url, document: await loadDid(url, options) };
    }

    if (url.startsWith("https://") || url.startsWith("http://")) {
      const [base] = splitFragment(url);
      const controller = options.resolveController ? await callResolver(() => options.resolveController?.(base), url) : null;
      if (controller) {
        return { contextUrl: null, documentUrl: url, document: dereference(url, controller) };
      }
      const statusList = options.loadStatusList ? await options.loadStatusList(url) : null;
      if (statusList) return { contextUrl: null, documentUrl: url, document: statusList.credential };
    }

    throw new DocumentLoaderError(
      "unknown_url",
      url,
      `Document loader: unknown URL "${url}" (contexts must be one of the bundled ones; nothing is fetched from the network).`,
    );
  };
}

async function loadDid(url: string, options: DocumentLoaderOptions): Promise<JsonObject> {
  const [did] = splitFragment(url);
  if (did.startsWith("did:key:")) {
    let document: Record<string, unknown>;
    try {
      document = await didKey.get({ url });
    } catch (error) {
      throw new DocumentLoaderError("did_not_found", url, `Cannot resolve ${url}: ${errorMessage(error)}`);
    }
    const json: unknown = JSON.parse(JSON.stringify(document));
    if (!isJsonObject(json)) throw new DocumentLoaderError("did_not_found", url, `Cannot resolve ${url}`);
    if (!("@context" in json)) json["@context"] = contextForKeyType(json.type);
    return json;
  }
  if (did.startsWith("did:web:")) {
    if (!options.resolveDidWeb) {
      throw new DocumentLoaderError("no_did_web_resolver", url, `No did:web resolver was given to resolve ${did}.`);
    }
    const document = await callResolver(() => options.resolveDidWeb?.(did), url);
    if (!document) throw new DocumentLoaderError("did_not_found", url, `DID ${did} could not be resolved.`);
    return dereference(url, document);
  }
  throw new DocumentLoaderError("unsupported_did_method", url, `Unsupported DID method in ${url}.`);
}

/** Returns the whole (normalised) controller document, or the verification method named by the fragment. */
function dereference(url: string, document: DidDocument): JsonObject {
  const [base, fragment] = splitFragment(url);
  if (document.id !== base) {
    throw new DocumentLoaderError("did_not_found", url, `The document resolved for ${base} has id "${document.id}".`);
  }
  const normalised = normaliseControllerDocument(document);
  if (fragment === undefined) return normalised;
  const method = findVerificationMethod(normalised, url);
  if (!method) {
    throw new DocumentLoaderError(
      "key_not_in_did_document",
      url,
      `Verification method ${url} is not in the DID document of ${base}.`,
    );
  }
  return { "@context": contextForKeyType(method.type), ...method };
}

const RELATIONSHIPS = ["assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"];

// Relative ids ("#key-1") become absolute so the proof-purpose check can compare them with the proof's id.
function normaliseControllerDocument(document: DidDocument): JsonObject {
  const absolute = (id: string) => (id.startsWith("#") ? `${document.id}${id}` : id);
  const normaliseMethod = (value: JsonValue): JsonValue => {
    if (typeof value === "string") return absolute(value);
    if (isJsonObject(value) && typeof value.id === "string") {
      return { ...value, id: absolute(value.id), controller: value.controller ?? document.id };
    }
    return value;
  };
  const copy: JsonObject = { ...document };
  for (const key of ["verificationMethod", ...RELATIONSHIPS]) {
    const value = copy[key];
    if (Array.isArray(value)) copy[key] = value.map(normaliseMethod);
    else if (value !== undefined) copy[key] = [normaliseMethod(value)];
  }
  return copy;
}

function findVerificationMethod(document: JsonObject, id: string): JsonObject | undefined {
  for (const key of ["verificationMethod", ...RELATIONSHIPS]) {
    const value = document[key];
    if (!Array.isArray(value)) continue;
    for (const entry of value) {
      if (isJsonObject(entry) && entry.id === id) return entry;
    }
  }
  return undefined;
}

function contextForKeyType(type: JsonValue | undefined): string {
  return type === "Ed25519VerificationKey2020" ? ED25519_2020_CONTEXT : MULTIKEY_V1_CONTEXT;
}

// A resolver that throws (database down…) means the document could not be found, not a bug in the credential.
async function callResolver<T>(resolve: () => MaybePromise<T>, url: string): Promise<T> {
  try {
    return await resolve();
  } catch (error) {
    throw new DocumentLoaderError("did_not_found", url, `Resolving ${url} failed: ${errorMessage(error)}`);
  }
}

export function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf("#");
  return hash === -1 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
