import { getDidDocument } from "~/modules/certification/keys.server";

/** The platform's did:web DID document: every issuer key, active and retired (old credentials keep verifying). */
export async function loader() {
  const document = await getDidDocument();
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/did+ld+json",
      // Short: a key rotation shows within minutes; verifiers elsewhere may fetch it from their own pages.
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
