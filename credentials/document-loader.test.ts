import { afterEach, describe, expect, it, vi } from "vitest";
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT, knownContexts } from "./contexts";
import { DocumentLoaderError, createDocumentLoader } from "./document-loader";

afterEach(() => {
  vi.unstubAllGlobals();
});

const did = "did:web:maharat.test";
const keyId = `${did}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`;
const didDocument = {
  "@context": [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
  id: did,
  verificationMethod: [
    // Relative id, as some DID documents write them.
    { id: "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", type: "Multikey", publicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" },
  ],
  assertionMethod: ["#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"],
};

describe("document loader", () => {
  it("serves the bundled contexts, tagged static so jsonld caches them", async () => {
    const loader = createDocumentLoader();
    for (const url of [VC_V2_CONTEXT, VC_V1_CONTEXT, OB_V3_CONTEXT, DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT]) {
      const remote = await loader(url);
      expect(remote).toMatchObject({ documentUrl: url, tag: "static", document: { "@context": expect.anything() } });
    }
    expect([...knownContexts.keys()]).toEqual(
      expect.arrayContaining([
        "https://w3id.org/security/data-integrity/v2",
        "https://www.w3.org/ns/credentials/status/v1",
        "https://w3id.org/security/suites/ed25519-2020/v1",
      ]),
    );
    // The catch-all "undefined terms" context would defeat JSON-LD safe mode: it must not be there.
    expect(knownContexts.has("https://www.w3.org/ns/credentials/undefined-terms/v2")).toBe(false);
  });

  it("throws a coded error for anything unknown and never fetches", async () => {
    const fetchSpy = vi.fn(async () => new Response("{}"));
    vi.stubGlobal("fetch", fetchSpy);
    const loader = createDocumentLoader({ resolveController: () => null, loadStatusList: () => null });
    for (const url of ["https://example.com/context.json", "http://schema.org/", "urn:x:y", "ftp://a/b"]) {
      const error = await loader(url).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DocumentLoaderError);
      expect(error).toMatchObject({ code: "unknown_url", url });
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("resolves did:web through the caller's resolver, making relative ids absolute", async () => {
    const resolveDidWeb = vi.fn((requested: string) => (requested === did ? didDocument : null));
    const loader = createDocumentLoader({ resolveDidWeb });
    const method = await loader(keyId);
    expect(method.document).toEqual({
      "@context": MULTIKEY_V1_CONTEXT,
      id: keyId,
      type: "Multikey",
      controller: did,
      publicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    });
    const controller = await loader(did);
    expect(controller.document).toMatchObject({ id: did, assertionMethod: [keyId] });
    expect(resolveDidWeb).toHaveBeenCalledWith(did);

    await expect(loader(`${did}#z6MkOther`)).rejects.toMatchObject({ code: "key_not_in_did_document" });
    await expect(loader("did:web:unknown.test#k")).rejects.toMatchObject({ code: "did_not_found" });
    await expect(createDocumentLoader()(keyId)).rejects.toMatchObject({ code: "no_did_web_resolver" });
    await expect(loader("did:example:123")).rejects.toMatchObject({ code: "unsupported_did_method" });
  });

  it("refuses a DID document that claims another id", async () => {
    const loader = createDocumentLoader({ resolveDidWeb: () => ({ ...didDocument, id: "did:web:evil.test" }) });
    await expect(loader(keyId)).rejects.toMatchObject({ code: "did_not_found" });
  });

  it("computes did:key documents locally", async () => {
    const key = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    const loader = createDocumentLoader();
    const document = await loader(key);
    expect(document.document).toMatchObject({ id: key, assertionMethod: [`${key}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`] });
    const method = await loader(`${key}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`);
    expect(method.document).toMatchObject({ type: "Multikey", publicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" });
    await expect(loader("did:key:zNotAKey")).rejects.toMatchObject({ code: "did_not_found" });
  });

  it("answers status list URLs from the caller's loader", async () => {
    const credential = { id: "https://maharat.test/status/1", type: ["VerifiableCredential", "BitstringStatusListCredential"] };
    const loader = createDocumentLoader({ loadStatusList: (url) => (url === credential.id ? { credential } : null) });
    expect((await loader(credential.id)).document).toBe(credential);
    await expect(loader("https://maharat.test/status/2")).rejects.toMatchObject({ code: "unknown_url" });
  });
});
