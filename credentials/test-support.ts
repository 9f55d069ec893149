// Shared set-up for the credentials tests (not part of the public API): an issuer with a did:web DID, an encrypted
// key set, a status list, and resolvers that answer from memory like the app will from its database.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ComposeCredentialOptions, composeOpenBadgeCredential } from "./compose";
import type { DocumentLoaderOptions } from "./document-loader";
import { issueCredential } from "./issue";
import { type IssuerKey, type KeySet, buildDidDocument, createKeySet, didWebFromUrl, unlockIssuerKey } from "./keys";
import { type SignedStatusListCredential, createStatusListCredential } from "./status-list";

export const TEST_SECRET = "test-only secret, long enough for the KDF check";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** 1EdTech's published files, kept outside the repository; tests that need them skip when absent. */
export const standardsDir = path.resolve(repoRoot, "../shared/standards/obv3");
export const hasStandards = fs.existsSync(standardsDir);

export function readStandard(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(standardsDir, name), "utf8"));
}

export type TestIssuer = Awaited<ReturnType<typeof createTestIssuer>>;

export async function createTestIssuer(options: { origin?: string } = {}) {
  const origin = options.origin ?? "https://maharat.test";
  const did = didWebFromUrl(origin);
  const keySet: KeySet = await createKeySet({ secret: TEST_SECRET });
  const key: IssuerKey = await unlockIssuerKey({ keySet, did, secret: TEST_SECRET });
  const statusListUrl = `${origin}/credentials/status/1`;
  const statusList: SignedStatusListCredential = await createStatusListCredential({
    id: statusListUrl,
    issuer: did,
    signer: key.signer,
  });
  // Mutable on purpose: tests rotate keys and revoke entries, as the app's storage would change.
  const state = { keySet, key, statusList, revokedAt: new Map<number, Date>(), nextIndex: 0 };

  const verifyOptions = (): DocumentLoaderOptions => ({
    resolveDidWeb: (requested) => (requested === did ? buildDidDocument({ did, keySet: state.keySet }) : null),
    loadStatusList: (url) =>
      url === statusListUrl ? { credential: state.statusList, revokedAt: (index) => state.revokedAt.get(index) } : null,
  });

  const composeOptions = (overrides: Partial<ComposeCredentialOptions> = {}): ComposeCredentialOptions => {
    const index = state.nextIndex++;
    return {
      id: `${origin}/credentials/${index}`,
      name: "Fondamentaux de l'IA — certification",
      description: "Certification Maharat, niveau 1.",
      issuer: { id: did, name: "Maharat", url: origin, image: `${origin}/logo.png` },
      subject: {
        id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
        email: { address: "Learner@Example.ma", salt: "0123456789abcdef" },
      },
      achievement: {
        id: `${origin}/certifications/ai-foundations`,
        name: "Fondamentaux de l'IA",
        description: "La culture de l'IA pour tous : comprendre, bien utiliser et vérifier l'IA.",
        criteriaNarrative: "Réussir l'examen final surveillé avec au moins 70 %.",
        tier: { level: 1, name: "Fondamentaux de l'IA" },
        fieldOfStudy: "Intelligence artificielle",
        language: "fr",
        skills: [
          { code: "prompting", name: "Rédaction de consignes", url: `${origin}/skills/prompting` },
          {
            code: "data-protection",
            name: "Protection des données personnelles",
            url: `${origin}/skills/data-protection`,
            escoUri: "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000",
          },
        ],
      },
      result: { percent: 86, passMark: 70 },
      validFrom: new Date(Date.now() - 60_000),
      status: { statusListCredential: statusListUrl, index },
      ...overrides,
    };
  };

  return {
    did,
    origin,
    statusListUrl,
    state,
    verifyOptions,
    composeOptions,
    compose: (overrides: Partial<ComposeCredentialOptions> = {}) => composeOpenBadgeCredential(composeOptions(overrides)),
    issue: (overrides: Partial<ComposeCredentialOptions> = {}) =>
      issueCredential({ credential: composeOpenBadgeCredential(composeOptions(overrides)), signer: state.key.signer }),
  };
}
