// The platform's issuer identity (did:web from APP_URL) and its key set: a file outside the repository
// (CREDENTIALS_KEY_FILE), private keys encrypted with CREDENTIALS_KEY_SECRET. Every process reads the same file and
// notices a rotation by the file's stamp, so `npm run credentials:rotate-keys` needs no restart.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  type IssuerKey,
  type KeySet,
  buildDidDocument,
  createFileKeyStore,
  createKeySet,
  didWebFromUrl,
  rotateKeys,
  unlockIssuerKey,
} from "../../../credentials/index";
import { parseEnv } from "~/lib/env.server";
import { appOrigin as appOriginOf } from "~/lib/origin.server";
import { logger } from "~/lib/logger.server";

export type IssuerIdentity = {
  /** The app's origin as configured (APP_URL, else http://localhost:<PORT>): the issuer profile's url. */
  appOrigin: string;
  /**
   * Origin of the URLs written into credentials (credential, achievement, status list ids). credentials/ accepts
   * https ids, and http ones only on a loopback host: another http origin is written with https (README.md here).
   */
  idBase: string;
  /** did:web of the app's origin; its document is served at /.well-known/did.json. */
  did: string;
};

type CredentialsConfig = {
  identity: IssuerIdentity;
  keyFile: string;
  /** From the environment, or undefined when a generated one must be used. */
  secret: string | undefined;
};

let warnedAboutHttp = false;
/** Hosts where credentials/ accepts http ids, so a copy run locally issues ids that resolve on that machine. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Read at each use (not cached), so tests and scripts can point the module at their own files. */
function readConfig(): CredentialsConfig {
  const env = parseEnv();
  const appOrigin = appOriginOf(env);
  const url = new URL(appOrigin);
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    url.protocol = "https:";
    if (!warnedAboutHttp) {
      warnedAboutHttp = true;
      logger.warn({ appOrigin }, "APP_URL is not https: credential ids are written as https URLs of the same host (set APP_URL to the public https address)");
    }
  }
  return {
    identity: { appOrigin, idBase: url.origin, did: didWebFromUrl(appOrigin) },
    keyFile: path.resolve(env.CREDENTIALS_KEY_FILE),
    secret: env.CREDENTIALS_KEY_SECRET,
  };
}

export function issuerIdentity(): IssuerIdentity {
  return readConfig().identity;
}

function errorCode(error: unknown) {
  return error instanceof Error && "code" in error ? error.code : undefined;
}

const warnedSecretFiles = new Set<string>();

/**
 * CREDENTIALS_KEY_SECRET, or a secret generated once into `secret` (mode 0600) next to the key file. The fallback
 * keeps a bare `npm start` working; it is logged as a warning, and as an error in production, because a secret
 * stored beside the keys protects them from nothing but a copy of the key file alone.
 */
const generatedSecrets = new Map<string, string>();

async function resolveSecret(config: CredentialsConfig): Promise<string> {
  if (config.secret) return config.secret;
  const file = path.join(path.dirname(config.keyFile), "secret");
  const known = generatedSecrets.get(file);
  if (known) return known;
  let secret: string;
  try {
    secret = (await fs.readFile(file, "utf8")).trim();
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const generated = crypto.randomBytes(32).toString("base64url");
    try {
      await fs.writeFile(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
      secret = generated;
    } catch (writeError) {
      // Another process created it first: use theirs.
      if (errorCode(writeError) !== "EEXIST") throw writeError;
      secret = (await fs.readFile(file, "utf8")).trim();
    }
  }
  if (!warnedSecretFiles.has(file)) {
    warnedSecretFiles.add(file);
    const message = `CREDENTIALS_KEY_SECRET is not set: the issuer keys are encrypted with the generated secret in ${file}. Set CREDENTIALS_KEY_SECRET (at least 32 characters) and keep it out of the data folder.`;
    // A warning, as README says: credentials are issued and verify; the secret is only weaker kept on that disk.
    logger.warn({ file }, message);
  }
  generatedSecrets.set(file, secret);
  return secret;
}

/** Identifies one version of the key file: a rotation (rename) or an edit changes it. */
async function fileStamp(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}

/**
 * Writes a new key set only if there is none yet: the file is linked into place, which fails when another process
 * (an HTTP worker, the rotate command) created one first; that one is then used.
 */
async function createKeySetFile(file: string, secret: string): Promise<void> {
  const keySet = await createKeySet({ secret });
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(keySet, null, 2)}\n`, { mode: 0o600 });
  try {
    await fs.link(temporary, file);
    logger.info({ file, activeKey: keySet.activeKey }, "issuer key set created");
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  } finally {
    await fs.unlink(temporary).catch(() => {});
  }
}

type LoadedKeys = {
  file: string;
  stamp: string;
  secretDigest: string;
  identity: IssuerIdentity;
  keySet: KeySet;
  secret: string;
  unlocked?: Promise<IssuerKey>;
};

let loaded: LoadedKeys | undefined;

function digestOf(secret: string) {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

async function loadKeys(): Promise<LoadedKeys> {
  const config = readConfig();
  let stamp = await fileStamp(config.keyFile);
  const secret = await resolveSecret(config);
  const secretDigest = digestOf(secret);
  if (
    loaded &&
    loaded.file === config.keyFile &&
    loaded.stamp === stamp &&
    loaded.secretDigest === secretDigest &&
    loaded.identity.did === config.identity.did &&
    loaded.identity.idBase === config.identity.idBase
  ) {
    return loaded;
  }
  if (stamp === null) {
    await createKeySetFile(config.keyFile, secret);
    stamp = await fileStamp(config.keyFile);
  }
  const keySet = await createFileKeyStore({ path: config.keyFile }).load();
  if (!keySet || stamp === null) throw new Error(`The issuer key file ${config.keyFile} disappeared while loading it`);
  // Keep the unlocked key when only the identity or the stamp's mtime changed but the active key did not.
  const previous = loaded && loaded.secretDigest === secretDigest && loaded.keySet.activeKey === keySet.activeKey && loaded.identity.did === config.identity.did ? loaded.unlocked : undefined;
  loaded = { file: config.keyFile, stamp, secretDigest, identity: config.identity, keySet, secret, unlocked: previous };
  return loaded;
}

/** The key set (public halves are what verification needs), created on first use. */
export async function getIssuerKeys(): Promise<{ identity: IssuerIdentity; keySet: KeySet }> {
  const keys = await loadKeys();
  return { identity: keys.identity, keySet: keys.keySet };
}

/**
 * The active key, unlocked for signing (scrypt: tens of milliseconds, done once per key and process). Throws
 * KeyError("wrong_secret") when the secret does not open it: issuing then fails and the queue retries.
 */
export async function getIssuerKey(): Promise<{ identity: IssuerIdentity; key: IssuerKey }> {
  const keys = await loadKeys();
  if (!keys.unlocked) {
    const unlocked = unlockIssuerKey({ keySet: keys.keySet, did: keys.identity.did, secret: keys.secret });
    keys.unlocked = unlocked;
    // A failure is not cached: the next attempt (after the operator fixed the secret) tries again.
    unlocked.catch(() => {
      if (keys.unlocked === unlocked) keys.unlocked = undefined;
    });
  }
  return { identity: keys.identity, key: await keys.unlocked };
}

/** The did:web DID document: every key of the set, active and retired, authorised for assertions. */
export async function getDidDocument() {
  const { identity, keySet } = await getIssuerKeys();
  return buildDidDocument({ did: identity.did, keySet });
}

/**
 * Retires the active key and makes a new one (credentials/ rotateKeys): old public keys stay in the DID document so
 * credentials they signed keep verifying; the retired private key is dropped from the file. Running processes pick
 * the new file up on their next use.
 */
export async function rotateIssuerKeys({ now = new Date() }: { now?: Date } = {}) {
  const keys = await loadKeys();
  const rotated = await rotateKeys({ keySet: keys.keySet, secret: keys.secret, now });
  await createFileKeyStore({ path: keys.file }).save(rotated);
  return { did: keys.identity.did, file: keys.file, previousKey: keys.keySet.activeKey, activeKey: rotated.activeKey, keyCount: rotated.keys.length };
}

/** Forgets what this process loaded (tests that switch key files or secrets). */
export function forgetIssuerKeys() {
  loaded = undefined;
  generatedSecrets.clear();
}
