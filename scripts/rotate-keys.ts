// `npm run credentials:rotate-keys`: makes a new active issuer key and retires the current one. The retired public
// key stays in the DID document (/.well-known/did.json), so every credential signed so far keeps verifying; its
// private key is dropped from the key file. Running servers pick up the new key file on their next use: no restart.
// Uses CREDENTIALS_KEY_FILE and CREDENTIALS_KEY_SECRET like the server (and creates the key set if there is none).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "../app/lib/env.server";

// Relative paths (the default key file under .data/) mean the same as for the server, which runs from the root.
process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));

let exitCode = 0;
try {
  parseEnv();
  const { getDidDocument, rotateIssuerKeys } = await import("../app/modules/certification/keys.server");
  const result = await rotateIssuerKeys();
  const document = await getDidDocument();
  console.log(`Issuer ${result.did}: key rotated in ${result.file}`);
  console.log(`  retired: ${result.previousKey}`);
  console.log(`  active:  ${result.activeKey}`);
  console.log(`  the DID document now lists ${document.verificationMethod.length} key(s); credentials signed with retired keys still verify.`);
} catch (error) {
  console.error(`Key rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
}
process.exit(exitCode);
