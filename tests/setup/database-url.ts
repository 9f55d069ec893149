import crypto from "node:crypto";
import pg from "pg";

/** The same server and credentials, another database name. */
export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A new empty database `<prefix>_<random>` on the PostgreSQL server of `serverUrl`, and how to drop it (forcing
 * out open connections). For runs that start their own server: the e2e journeys and the exam benchmark.
 */
export async function createScratchDatabase({ serverUrl, prefix }: { serverUrl: string; prefix: string }) {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  return { name, url: withDatabase(serverUrl, name), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
