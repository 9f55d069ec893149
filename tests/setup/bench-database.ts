import { createScratchDatabase } from "./database-url";

/**
 * A fresh database for a benchmark's server: a scratch database on DATABASE_URL's server when it is set, else an
 * embedded PGlite hosted by the benchmark process. `stop` drops or stops it.
 */
export async function startBenchDatabase(prefix: string): Promise<{ url: string; kind: "postgresql" | "embedded"; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL, prefix });
    return { url: scratch.url, kind: "postgresql", stop: scratch.drop };
  }
  const { startEmbeddedDb } = await import("../../app/lib/embedded-db.server");
  const embedded = await startEmbeddedDb({ dataDir: undefined, maxConnections: 64 });
  return { url: embedded.url, kind: "embedded", stop: () => embedded.stop() };
}
