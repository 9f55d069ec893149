import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

/**
 * Starts PostgreSQL-in-WebAssembly (PGlite) behind a loopback socket so the app, Prisma and pg connect to it
 * exactly as to a real server. `dataDir` undefined keeps the data in memory (tests).
 * A lock file stops a second process from opening the same folder (PGlite is single-process).
 */
export async function startEmbeddedDb({
  dataDir,
  maxConnections = 24,
}: {
  dataDir?: string;
  maxConnections?: number;
}): Promise<EmbeddedDb> {
  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireLock(path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`));
  }
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}

function acquireLock(lockPath: string) {
  try {
    const pid = Number(fs.readFileSync(lockPath, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database folder is in use by process ${pid}. Set EMBEDDED_DB_DIR to another folder to run a second copy.`,
      );
    }
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
  }
  fs.writeFileSync(lockPath, String(process.pid));
  return () => fs.rmSync(lockPath, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
