// Prisma CLI configuration, Rust-free: the wasm schema engine talks to PostgreSQL through
// adapter-pg, so `prisma migrate` never downloads a native engine (see README "Decisions").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./prisma/cli-adapter";

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
