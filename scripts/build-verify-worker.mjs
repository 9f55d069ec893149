// Builds credentials/verify-worker.ts into build/verify-worker.mjs, the file the app's verifier pool starts as a
// worker thread (credentials/verifier-pool.ts). Our code is bundled; npm packages stay imports from node_modules.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const VERIFY_WORKER_ENTRY = "credentials/verify-worker.ts";

export async function buildVerifyWorker({ root, outfile }) {
  await build({
    entryPoints: [path.join(root, VERIFY_WORKER_ENTRY)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  await buildVerifyWorker({ root, outfile: path.join(root, "build", "verify-worker.mjs") });
}
