// `npm run content:sync`: writes content/ into the database (DATABASE_URL, or the embedded database in
// EMBEDDED_DB_DIR when unset) and prints what changed. Idempotent: a second run reports everything unchanged.
import { startEmbeddedDb, type EmbeddedDb } from "../app/lib/embedded-db.server";
import { parseEnv } from "../app/lib/env.server";
import { applyMigrations } from "../app/lib/migrate.server";

const env = parseEnv();
let embedded: EmbeddedDb | undefined;
if (!env.DATABASE_URL) {
  embedded = await startEmbeddedDb({ dataDir: env.EMBEDDED_DB_DIR });
  process.env.DATABASE_URL = embedded.url;
}
let exitCode = 0;
try {
  await applyMigrations({ databaseUrl: process.env.DATABASE_URL ?? "" });
  const { disconnectDatabase, prisma } = await import("../app/lib/db.server");
  const { syncContentFromDisk } = await import("../app/modules/catalog/sync-content.server");
  const result = await syncContentFromDisk({ prisma });
  if (result.ok) {
    for (const [kind, c] of Object.entries(result.report)) {
      console.log(`${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.archived} archived`);
    }
  } else {
    console.error(result.message);
    console.error("content/ has problems: nothing was synced");
    exitCode = 1;
  }
  await disconnectDatabase();
} finally {
  await embedded?.stop();
}
process.exit(exitCode);
