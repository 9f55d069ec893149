// What one HTTP request shares across the loaders and actions Remix runs for it: the Remix load context. Remix hands
// each loader its own copy of the Request, so a value keyed by the Request object cannot span loaders; this object
// can. server/remix-handler.ts creates it, passes it to Remix as the load context and runs the request inside it, so
// code that only has the Request (auth guards called from every route) reaches it through requestContext().
// It knows no domain: owners choose their memo keys and cookies.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = {
  /** The Content-Security-Policy nonce of this response's scripts. */
  cspNonce: string;
  /** Values computed at most once per request (see memoForRequest). */
  memo: Map<string, Promise<unknown>>;
  /** Set-Cookie values to add to the response, by cookie name, unless the route's response sets that cookie itself. */
  cookies: Map<string, string>;
};

// The server (run by tsx) and the Remix build (bundled) each load their own copy of this module: both must use the
// same storage, so it lives in the global symbol registry.
const STORAGE_KEY = Symbol.for("maharat.request-context");
const registry = globalThis as typeof globalThis & { [STORAGE_KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (registry[STORAGE_KEY] ??= new AsyncLocalStorage<RequestContext>());

export function createRequestContext({ cspNonce }: { cspNonce: string }): RequestContext {
  return { cspNonce, memo: new Map(), cookies: new Map() };
}

/** Runs `work` (the whole Remix request) with `context` as the current request's. */
export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context, or undefined outside a request (scripts, tests calling a loader directly). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** `compute()` once per request and key; outside a request, every call computes. A failure is not kept. */
export function memoForRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return compute();
  const known = context.memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const pending = compute();
  context.memo.set(key, pending);
  pending.catch(() => context.memo.delete(key));
  return pending;
}

/** The Set-Cookie values the request queued that the response does not already set (compared by cookie name). */
export function cookiesToAdd(context: RequestContext, setCookies: string[]): string[] {
  const already = new Set(setCookies.map((value) => value.slice(0, value.indexOf("="))));
  return [...context.cookies].flatMap(([name, value]) => (already.has(name) ? [] : [value]));
}

declare module "@remix-run/server-runtime" {
  // The load context every loader and action receives is the request's context.
  interface AppLoadContext extends RequestContext {}
}
