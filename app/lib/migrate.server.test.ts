import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate.server";

const run = promisify(execFile);

describe("applyMigrations", () => {
  // The per-file test database was created from a template that applyMigrations migrated.
  const databaseUrl = process.env.DATABASE_URL ?? "";

  it("is idempotent: a second run applies nothing", async () => {
    expect(await applyMigrations({ databaseUrl })).toEqual({ applied: [] });
  });

  it("records migrations exactly as Prisma does, so the Prisma CLI sees the schema as up to date", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`,
    );
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);

    const { stdout } = await run(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 60_000,
    });
    expect(stdout).toContain("Database schema is up to date!");
  });
});
