import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";

function createPrismaClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app through server/index.ts, which starts the embedded database");
  }
  const max = Number(process.env.DB_POOL_MAX ?? 10);
  const adapter = new PrismaPg({ connectionString, max });
  return new PrismaClient({ adapter });
}

/** One client (and connection pool) per process. */
export const prisma: PrismaClient = createPrismaClient();
