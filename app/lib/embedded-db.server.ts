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
  keepExtendedQueriesTogether(server, db);
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

type QueuedMessage = { handlerId: number; message: Uint8Array; resolve: (bytes: number) => void; reject: (error: unknown) => void; onData: (data: Uint8Array) => void };
type QueryQueue = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

function isQueryQueue(value: unknown): value is QueryQueue {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray(Reflect.get(value, "queue")) &&
    typeof Reflect.get(value, "processQueue") === "function" &&
    typeof Reflect.get(value, "clearQueueForHandler") === "function"
  );
}

// Frontend message types (PostgreSQL protocol) that end an extended-query sequence, or are a whole query.
const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/**
 * pglite-socket 0.2.17 queues each protocol message on its own and, outside an explicit transaction, takes them in
 * arrival order from all connections. Two connections using the extended protocol (Parse/Bind/Execute… Sync, as
 * pg and Prisma do) then interleave: one connection's Bind meets the other's Parse ("bind message supplies 4
 * parameters, but prepared statement requires 5"). This keeps a connection's messages together from its first
 * extended-protocol message to its Sync, the same way the library already keeps a transaction together.
 * Seen under concurrent requests (exams/attempts.server.test.ts "never opens two attempts…" fails without it on the
 * embedded database); embedded-db.server.test.ts checks concurrent use stays correct. Fails loudly if the library
 * changes shape.
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite) {
  const queue: unknown = Reflect.get(server, "queryQueue");
  if (!isQueryQueue(queue)) {
    throw new Error("pglite-socket changed its internals: review keepExtendedQueriesTogether in app/lib/embedded-db.server.ts");
  }
  let openHandlerId: number | null = null;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    if (openHandlerId === handlerId) openHandlerId = null;
    clear(handlerId);
  };
  queue.processQueue = async () => {
    if (queue.processing || queue.queue.length === 0) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const owner = db.isInTransaction() && queue.lastHandlerId !== null ? queue.lastHandlerId : openHandlerId;
        const index = owner === null ? 0 : queue.queue.findIndex((m) => m.handlerId === owner);
        // The connection holding the floor has not sent its next message yet: wait for it.
        if (index === -1) break;
        const [next] = queue.queue.splice(index, 1);
        const type = next.message[0];
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(next.message, {
              onRawData: (chunk: Uint8Array) => {
                bytes += chunk.length;
                next.onData(chunk);
              },
            }),
          );
        } catch (error) {
          openHandlerId = null;
          next.reject(error);
          continue;
        }
        openHandlerId = type === SYNC || type === SIMPLE_QUERY || type === TERMINATE ? null : next.handlerId;
        queue.lastHandlerId = next.handlerId;
        next.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
}
