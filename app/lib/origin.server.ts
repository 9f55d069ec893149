import { type Env, parseEnv } from "~/lib/env.server";

// Links in e-mails and ids in credentials never take their host from the request: a "Host: evil.example" header
// would otherwise put evil.example in a password-reset e-mail. They use APP_URL, or else a loopback address this
// server itself listens on (useful on the machine it runs on, harmless anywhere else).

const IPV4_LOOPBACK = /^127(\.\d{1,3}){3}$/;

/** APP_URL's origin, else http://<loopback>:<PORT> (127.x when HOST is one, else localhost). Read at each use. */
export function appOrigin(env: Env = parseEnv()) {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const host = IPV4_LOOPBACK.test(env.HOST) ? env.HOST : "localhost";
  return `http://${host}:${env.PORT}`;
}

/** Production without APP_URL: links and credential ids point at a loopback address no one else can reach. */
export function isMissingAppUrl(env: Env = parseEnv()) {
  return env.NODE_ENV === "production" && !env.APP_URL;
}

/**
 * Whether credentials may be issued now. A credential's id can never change once signed, so production refuses to
 * sign loopback ids unless told that is intended: the demo seed runs (embedded database or SEED_DEMO=true, the
 * newcomer's `npm start`), or ALLOW_LOOPBACK_CREDENTIAL_IDS=true.
 */
export function canIssueCredentials(env: Env = parseEnv()) {
  return !isMissingAppUrl(env) || env.SEED_DEMO === true || env.ALLOW_LOOPBACK_CREDENTIAL_IDS;
}
