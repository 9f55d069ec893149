import Negotiator from "negotiator";

/** Media types a Linked Data client (a wallet, a verifier) asks for; text/html first, so browsers keep the page. */
const OFFERED = ["text/html", "application/ld+json", "application/vc+ld+json", "application/vc", "application/json"];

/**
 * Whether the request's Accept header prefers a JSON(-LD) document to the HTML page: credential and achievement ids
 * are URLs that people open in a browser and machines dereference (content negotiation, answered with a 303).
 */
export function prefersJsonLd(request: Request): boolean {
  const accept = request.headers.get("Accept");
  if (!accept) return false;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
  return preferred !== undefined && preferred !== "text/html";
}

/** Headers of a public JSON-LD document: any site may fetch it (verifiers run in browsers), caches revalidate. */
export function publicJsonLdHeaders(extra: Record<string, string> = {}) {
  return {
    "Content-Type": "application/ld+json; charset=utf-8",
    "Access-Control-Allow-Origin": "*",
    Vary: "Accept",
    ...extra,
  };
}
