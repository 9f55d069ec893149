// The verifier's worker thread (see verifier-pool.ts): runs verifyCredential off the caller's thread. The caller's
// resolvers (DID documents, status lists) stay on the caller's side and are asked for by message.
import { parentPort } from "node:worker_threads";
import type { DocumentLoaderOptions } from "./document-loader";
import { type DidDocument, isJsonObject } from "./types";
import { verifyCredential } from "./verify";
import type { WorkerReply, WorkerRequest } from "./verifier-pool";

const port = parentPort;
if (!port) throw new Error("verify-worker.ts runs as a worker thread only");

let nextCall = 0;
const pending = new Map<number, (value: unknown) => void>();

function ask(task: number, resolver: "resolveDidWeb" | "resolveController" | "loadStatusList", arg: string) {
  const call = nextCall++;
  return new Promise<unknown>((resolve) => {
    pending.set(call, resolve);
    port?.postMessage({ type: "call", task, call, resolver, arg } satisfies WorkerReply);
  });
}

function isDidDocument(value: unknown): value is DidDocument {
  return isJsonObject(value) && typeof value.id === "string";
}

port.on("message", (message: WorkerRequest) => {
  if (message.type === "answer") {
    pending.get(message.call)?.(message.value);
    pending.delete(message.call);
    return;
  }
  const { task, credential, now, maxClockSkewSeconds, resolvers } = message;
  const options: DocumentLoaderOptions = {
    resolveDidWeb: resolvers.includes("resolveDidWeb") ? (did) => ask(task, "resolveDidWeb", did).then((value) => (isDidDocument(value) ? value : null)) : undefined,
    resolveController: resolvers.includes("resolveController") ? (url) => ask(task, "resolveController", url).then((value) => (isDidDocument(value) ? value : null)) : undefined,
    loadStatusList: resolvers.includes("loadStatusList")
      ? async (url) => {
          const value = await ask(task, "loadStatusList", url);
          if (!isJsonObject(value) || !isJsonObject(value.credential)) return null;
          const revoked = isJsonObject(value.revokedAt) ? value.revokedAt : {};
          return {
            credential: value.credential,
            revokedAt: (index: number) => {
              const at = revoked[String(index)];
              return typeof at === "string" ? new Date(at) : undefined;
            },
          };
        }
      : undefined,
  };
  void verifyCredential({ credential, now, maxClockSkewSeconds, ...options }).then((result) => {
    port.postMessage({ type: "result", task, result } satisfies WorkerReply);
  });
});
