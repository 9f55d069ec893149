import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildVerifyWorker } from "../scripts/build-verify-worker.mjs";
import { setStatus } from "./status-list";
import { type TestIssuer, createTestIssuer, repoRoot } from "./test-support";
import type { SignedCredential } from "./types";
import { type VerifierPool, createVerifierPool } from "./verifier-pool";

let workerFile: string;
let issuer: TestIssuer;
let signed: SignedCredential;
const pools: VerifierPool[] = [];

beforeAll(async () => {
  // Built inside the repository, so the worker's package imports resolve to its node_modules.
  workerFile = path.join(repoRoot, "build", `verify-worker.test-${process.pid}.mjs`);
  await buildVerifyWorker({ root: repoRoot, outfile: workerFile });
  issuer = await createTestIssuer();
  signed = await issuer.issue();
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await fs.rm(workerFile, { force: true });
});

function pool(options: { timeoutMs?: number; maxQueue?: number } = {}) {
  const created = createVerifierPool({ workerFile, ...options });
  pools.push(created);
  return created;
}

describe("verification in a worker thread", () => {
  it("verifies a credential, asking this thread for the DID document and the status list", async () => {
    const result = await pool().verify({ credential: signed, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: true, status: "valid" });
    expect(result.summary?.credentialId).toBe(signed.id);
  });

  it("reports a revocation with its date, which only this thread knows", async () => {
    const revokedSigned = await issuer.issue();
    const index = Number((revokedSigned.credentialStatus as { statusListIndex: string }).statusListIndex);
    issuer.state.statusList = await setStatus({ statusList: issuer.state.statusList, index, revoked: true, signer: issuer.state.key.signer });
    issuer.state.revokedAt.set(index, new Date("2026-12-01T10:00:00Z"));
    const result = await pool().verify({ credential: revokedSigned, ...issuer.verifyOptions() });
    expect(result).toMatchObject({ verified: false, status: "revoked" });
    expect(result.summary?.revokedAt).toBe("2026-12-01T10:00:00.000Z");
  });

  it("stops a verification that outlives its budget, and the next one runs in a fresh worker", async () => {
    const tight = pool({ timeoutMs: 1 });
    const stopped = await tight.verify({ credential: signed, ...issuer.verifyOptions() });
    expect(stopped.verified).toBe(false);
    expect(stopped.errors.map((error) => error.code)).toEqual(["verification_timeout"]);
    expect(stopped.errors[0].message.ar).toMatch(/[\u0600-\u06FF]/);
    const roomy = pool({ timeoutMs: 30_000 });
    expect((await roomy.verify({ credential: signed, ...issuer.verifyOptions() })).verified).toBe(true);
  });

  it("refuses work beyond its queue instead of piling it up", async () => {
    const small = pool({ maxQueue: 1 });
    const results = await Promise.all([1, 2, 3].map(() => small.verify({ credential: signed, ...issuer.verifyOptions() })));
    // One runs, one waits, the third is refused at once.
    expect(results.map((result) => result.errors.map((error) => error.code))).toEqual([[], [], ["verification_busy"]]);
  });
});
