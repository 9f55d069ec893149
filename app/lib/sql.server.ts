import pg from "pg";

// The process's one PostgreSQL connection pool (DB_POOL_MAX connections), shared by Prisma (db.server.ts), these
// plain-SQL helpers and the job queue (jobs.server.ts).
// Plain SQL for the few hot paths (signed-in user per request, exam start, autosave, exam page, submit).
// Prisma stays the way to the database everywhere else; see
// docs/decisions/014-exam-hot-paths-plain-sql-http-workers.md for the measurements: with the Rust-free client each
// Prisma query costs ≈ 0.7 ms of CPU on this machine against ≈ 0.15 ms through pg, and an interactive transaction
// ≈ 3.7 ms, which capped the server near 10 exam starts/s.

// Prisma's DateTime columns are `timestamp(3)` without time zone holding UTC. pg would read them as local time, so
// this pool reads them as UTC; writes pass ISO strings (`toISOString()`), whose "Z" PostgreSQL ignores for this type.
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
};

let pool: pg.Pool | undefined;

/** The process's one pool (created on first use: the embedded database may start after import). */
export function sqlPool(): pg.Pool {
  if (!pool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the app through server/index.ts");
    pool = new pg.Pool({ connectionString, max: Number(process.env.DB_POOL_MAX ?? 10), types });
  }
  return pool;
}

/** One statement; rows typed by the caller's row type. */
export async function sql<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  const result = await sqlPool().query<Row>(text, values);
  return result.rows;
}

/**
 * Runs `work` in a transaction on one connection. Never wait on another pooled connection (Prisma or this pool)
 * inside: the embedded database serialises connections while a transaction is open (see
 * docs/decisions/003-embedded-pglite-default.md).
 */
export async function sqlTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function closeSqlPool() {
  const current = pool;
  pool = undefined;
  await current?.end();
}

/** A new primary key for rows inserted here (Prisma's cuid() default is applied by Prisma, not the database). */
export function newId() {
  return crypto.randomUUID();
}
