// Prisma CLI configuration, Rust-free: the wasm schema engine talks to PostgreSQL through
// adapter-pg, so `prisma migrate` never downloads a native engine
// (see docs/decisions/001-prisma-rust-free-migrations-in-process.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./prisma/cli-adapter";

// The CLI falls back to downloading a native engine when DATABASE_URL is unset, even for `prisma generate`, which
// needs no database at all. A placeholder keeps it on the wasm engine; commands that do connect use the real URL.
process.env.DATABASE_URL ??= "postgresql://placeholder@127.0.0.1:5432/placeholder";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  async adapter() {
    return createCliAdapter(process.env.DATABASE_URL ?? "");
  },
});
