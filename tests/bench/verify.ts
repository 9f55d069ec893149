// `npm run bench:verify`: what an unauthenticated attacker can do to the public verifier (hardening issue).
// Starts the production server on a fresh database (DATABASE_URL's server, else the embedded one), then measures:
//   1. the time to reject a credential carrying a 1 MB proof value (POST /credentials/verify), median of 10;
//   2. GET /healthz latency alone, then while 50 such requests arrive at once (p50/p99 of 200 health checks each);
//   3. the same while 50 of the costliest credentials the size bounds let through arrive (2,900 JSON values for the
//      JSON-LD processor to expand, which now runs in the verifier's worker thread).
// The last line is machine-readable. A benchmark, not a test: figures depend on the machine.
import getPort from "get-port";
import { startBenchDatabase } from "../setup/bench-database";
import { startServerProcess } from "../setup/server-process";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timed(run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const cleanups: Array<() => Promise<void>> = [];
try {
  const db = await startBenchDatabase("maharat_bench_verify");
  cleanups.push(db.stop);
  const databaseUrl = db.url;
  const port = await getPort({ host: "127.0.0.1" });
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", SEED_DEMO: "false", LOG_LEVEL: "warn", VERIFY_RATE_LIMIT_PER_MINUTE: "100000" };
  delete env.APP_URL;
  const server = await startServerProcess({ port, env });
  cleanups.push(() => server.stop());
  const origin = server.origin;

  const proofValue = `z${Array.from({ length: 1_000_000 }, (_, i) => ALPHABET[(i * 7) % 58]).join("")}`;
  const body = JSON.stringify({
    verifiableCredential: {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
      issuer: `did:web:127.0.0.1%3A${port}`,
      validFrom: "2026-01-01T00:00:00Z",
      credentialSubject: { id: "urn:uuid:00000000-0000-4000-8000-000000000001" },
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod", verificationMethod: `did:web:127.0.0.1%3A${port}#key`, proofValue },
    },
  });
  // Within every bound, signed in appearance with the server's real key (its DID document is public), so the whole
  // document is expanded and canonicalised before the signature can be found wrong.
  const didDocument = (await (await fetch(`${origin}/.well-known/did.json`)).json()) as { id: string; assertionMethod: string[] };
  const heavyBody = JSON.stringify({
    verifiableCredential: {
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: didDocument.id, type: ["Profile"], name: "x" },
      validFrom: "2026-01-01T00:00:00Z",
      credentialSubject: {
        type: ["AchievementSubject"],
        achievement: {
          id: "urn:uuid:00000000-0000-4000-8000-000000000002",
          type: ["Achievement"],
          name: "x",
          description: "x",
          criteria: { narrative: "x" },
          alignment: Array.from({ length: 330 }, (_, i) => ({ type: ["Alignment"], targetName: `s${i}`, targetUrl: `https://example.org/${i}` })),
        },
      },
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod", verificationMethod: didDocument.assertionMethod[0], proofValue: `z${"3".repeat(87)}` },
    },
  });
  // The per-address limit is lifted here (a bench, from one address) to measure the cost of each request itself.
  const post = (payload: string) =>
    fetch(`${origin}/credentials/verify`, { method: "POST", body: payload, headers: { "Content-Type": "application/json" } }).then((r) => r.arrayBuffer().then(() => r.status));
  const attack = () => post(body);
  const health = () => fetch(`${origin}/healthz`).then((r) => r.arrayBuffer());

  const statuses = new Map<number, number>();
  const rejectMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const status = await attack();
    rejectMs.push(performance.now() - started);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  for (let i = 0; i < 20; i++) await health();
  const alone: number[] = [];
  for (let i = 0; i < 200; i++) alone.push(await timed(health));

  // 50 attacker requests at once, with health checks running one after another until they are all answered.
  const underAttack: number[] = [];
  let attacking = true;
  const burst = Promise.all(Array.from({ length: 50 }, () => attack())).then((list) => {
    attacking = false;
    for (const status of list) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  while (attacking || underAttack.length < 200) underAttack.push(await timed(health));
  await burst;

  const heavyMs: number[] = [];
  for (let i = 0; i < 5; i++) heavyMs.push(await timed(() => post(heavyBody)));
  const underHeavy: number[] = [];
  let heavyRunning = true;
  const heavyBurst = Promise.all(Array.from({ length: 50 }, () => post(heavyBody))).then((list) => {
    heavyRunning = false;
    for (const status of list) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  while (heavyRunning || underHeavy.length < 200) underHeavy.push(await timed(health));
  await heavyBurst;

  const fmt = (value: number) => value.toFixed(1);
  console.log(`1 MB proof value: rejected in ${fmt(percentile(rejectMs, 50))} ms (median of 10); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`/healthz alone: p50 ${fmt(percentile(alone, 50))} ms, p99 ${fmt(percentile(alone, 99))} ms`);
  console.log(`/healthz during 50 such requests: p50 ${fmt(percentile(underAttack, 50))} ms, p99 ${fmt(percentile(underAttack, 99))} ms, max ${fmt(Math.max(...underAttack))} ms`);
  console.log(`largest credential within bounds: answered in ${fmt(percentile(heavyMs, 50))} ms (median of 5); /healthz during 50 of them: p50 ${fmt(percentile(underHeavy, 50))} ms, p99 ${fmt(percentile(underHeavy, 99))} ms, max ${fmt(Math.max(...underHeavy))} ms`);
  console.log(
    `reject_1mb_proof_ms=${fmt(percentile(rejectMs, 50))} healthz_p50_ms=${fmt(percentile(alone, 50))} healthz_p99_ms=${fmt(percentile(alone, 99))} healthz_attack_p50_ms=${fmt(percentile(underAttack, 50))} healthz_attack_p99_ms=${fmt(percentile(underAttack, 99))} healthz_attack_max_ms=${fmt(Math.max(...underAttack))} heavy_verify_ms=${fmt(percentile(heavyMs, 50))} healthz_heavy_p50_ms=${fmt(percentile(underHeavy, 50))} healthz_heavy_p99_ms=${fmt(percentile(underHeavy, 99))} healthz_heavy_max_ms=${fmt(Math.max(...underHeavy))}`,
  );
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
