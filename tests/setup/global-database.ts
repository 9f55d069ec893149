import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDb, type EmbeddedDb } from "../../app/lib/embedded-db.server";
import { applyMigrations } from "../../app/lib/migrate.server";
import { withDatabase } from "./database-url";

declare module "vitest" {
  export interface ProvidedContext {
    /** Real server: the migrated template to clone per test file. Embedded: the shared database itself. */
    testDatabase: { mode: "server" | "embedded"; url: string; runId: string };
  }
}

/**
 * Prepares the test database once per run: against DATABASE_URL (PostgreSQL 15+), a migrated template database;
 * otherwise an in-memory embedded PostgreSQL (PGlite), migrated, shared by the files.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const migrationsDir = path.resolve("prisma", "migrations");
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = `maharat_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await applyMigrations({ databaseUrl: withDatabase(serverUrl, template), migrationsDir });
    project.provide("testDatabase", { mode: "server", url: withDatabase(serverUrl, template), runId });
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`maharat_%${runId}%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const embedded: EmbeddedDb = await startEmbeddedDb({ maxConnections: 32 });
  await applyMigrations({ databaseUrl: embedded.url, migrationsDir });
  project.provide("testDatabase", { mode: "embedded", url: embedded.url, runId });
  return async () => {
    await embedded.stop();
  };
}
