import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { closeSqlPool, sqlPool } from "./sql.server";

/**
 * One client per process, on the process's one connection pool (sql.server.ts), which plain SQL and the job queue
 * share: DB_POOL_MAX bounds all of a process's connections. The pool is ended by closeSqlPool, not by Prisma.
 */
export const prisma: PrismaClient = new PrismaClient({ adapter: new PrismaPg(sqlPool()) });

/** Closes the process's database connections (Prisma's and the shared pool): at shutdown, and at the end of scripts. */
export async function disconnectDatabase() {
  await prisma.$disconnect();
  await closeSqlPool();
}
