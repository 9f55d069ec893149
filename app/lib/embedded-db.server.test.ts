import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { applyMigrations } from "./migrate.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDb, type EmbeddedDb } from "./embedded-db.server";

describe("embedded PostgreSQL under concurrent connections", () => {
  let db: EmbeddedDb;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await startEmbeddedDb({ maxConnections: 20 });
    pool = new pg.Pool({ connectionString: db.url, max: 8 });
  });
  afterAll(async () => {
    await pool.end();
    await db.stop();
  });

  it("keeps each connection's extended-protocol messages together (parameterised queries in parallel)", async () => {
    // Large parameters make each query span several TCP reads, so other connections' messages arrive in between;
    // different parameter counts make an interleaved Parse/Bind fail or mix results up.
    const padding = "x".repeat(200_000);
    const queries = Array.from({ length: 40 }, (_, i) => {
      const n = (i % 5) + 1;
      const params = Array.from({ length: n }, (_, k) => i * 10 + k);
      const sql = `SELECT ${params.map((_, k) => `$${k + 1}::int`).join(" + ")} AS total, length($${n + 1}::text) AS size`;
      return { sql, params: [...params, padding], expected: { total: params.reduce((a, b) => a + b, 0), size: padding.length } };
    });
    const results = await Promise.all(queries.map((q) => pool.query<{ total: number; size: number }>(q.sql, q.params)));
    expect(results.map((r) => r.rows[0])).toEqual(queries.map((q) => q.expected));
  });

  it("answers parallel Prisma reads and transactional writes correctly", async () => {
    await applyMigrations({ databaseUrl: db.url });
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 6 }) });
    try {
      await prisma.user.createMany({
        data: Array.from({ length: 10 }, (_, i) => ({ email: `u${i}@example.ma`, name: `U${i}`, passwordHash: "x" })),
      });
      // Each query binds a different number of parameters.
      const lookups = Array.from({ length: 30 }, (_, i) => Array.from({ length: (i % 6) + 1 }, (_, k) => `u${(i + k) % 10}@example.ma`));
      // Nested creates run in a transaction (BEGIN … COMMIT over the extended protocol) while other connections
      // read: without the fix, another connection's messages slipped in before BEGIN took effect.
      const [results] = await Promise.all([
        Promise.all(
          lookups.map((emails) => prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true }, orderBy: { email: "asc" } })),
        ),
        Promise.all(
          Array.from({ length: 15 }, (_, i) =>
            prisma.user.create({
              data: { email: `n${i}@example.ma`, name: `N${i}`, passwordHash: "x", consents: { create: { kind: "privacy_notice", version: "1", locale: "fr" } } },
            }),
          ),
        ),
      ]);
      expect(results.map((rows) => rows.map((r) => r.email))).toEqual(lookups.map((emails) => [...new Set(emails)].sort()));
      expect(await prisma.consent.count()).toBe(15);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("still serialises a transaction against other connections", async () => {
    await pool.query("CREATE TABLE counter (n int)");
    await pool.query("INSERT INTO counter VALUES (0)");
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query<{ n: number }>("SELECT n FROM counter");
          await client.query("UPDATE counter SET n = $1", [rows[0].n + 1]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    expect((await pool.query<{ n: number }>("SELECT n FROM counter")).rows[0].n).toBe(10);
  });
});
