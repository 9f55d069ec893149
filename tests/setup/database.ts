import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeEach, inject } from "vitest";
import { withDatabase } from "./database-url";

// Runs before each test file's own imports, so app modules (which read DATABASE_URL when they load) see the
// database chosen here.
const { mode, url, runId } = inject("testDatabase");

let databaseUrl = url;
if (mode === "server") {
  const name = `maharat_t_${runId}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const templateName = new URL(url).pathname.slice(1);
  // CREATE DATABASE … TEMPLATE fails while another clone is being made from the same template: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  databaseUrl = withDatabase(url, name);
}
process.env.DATABASE_URL = databaseUrl;
process.env.DB_POOL_MAX = "4";

const truncator = new pg.Pool({ connectionString: databaseUrl, max: 1 });

/** Every test starts from empty tables (migrations history kept). */
export async function truncateAllTables() {
  const { rows } = await truncator.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await truncator.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
}

beforeEach(async () => {
  await truncateAllTables();
});

afterAll(async () => {
  await truncator.end();
  // Close the app's pool so the per-file database can be dropped at the end of the run.
  const { disconnectDatabase } = await import("../../app/lib/db.server");
  await disconnectDatabase();
});
