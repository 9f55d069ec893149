import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { parseEnv } from "~/lib/env.server";
import { createApp } from "../../server/app";

/**
 * The real Express + Remix stack (production build from `npm run build`) on an ephemeral port, using this test
 * file's database. Requests go over HTTP, through the security headers and Origin check.
 */
export async function startTestServer() {
  const build = (await import(pathToFileURL(path.resolve("build", "index.js")).href)) as ServerBuild;
  const env = parseEnv({ ...process.env, NODE_ENV: "test", PORT: "0" });
  const app = createApp({ build, env });
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    /** fetch that never follows redirects and sends our own Origin on mutations, like a browser form would. */
    request(pathname: string, init: RequestInit & { cookie?: string } = {}) {
      const headers = new Headers(init.headers);
      if (init.cookie) headers.set("Cookie", init.cookie);
      const method = (init.method ?? "GET").toUpperCase();
      if (method !== "GET" && method !== "HEAD" && !headers.has("Origin")) headers.set("Origin", origin);
      return fetch(`${origin}${pathname}`, { ...init, headers, redirect: "manual" });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The test server of a whole test file: started before its first test, closed after its last. */
export function useTestServer(): TestServer {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = () => {
    if (!started) throw new Error("the test server starts in beforeAll: use it inside a test or a hook");
    return started;
  };
  return {
    get origin() {
      return current().origin;
    },
    request: (pathname, init) => current().request(pathname, init),
    close: () => current().close(),
  };
}

export function form(values: Record<string, string>) {
  return new URLSearchParams(values);
}

/** The cookie pairs (name=value) set by a response, ready for a Cookie header. */
export function cookiesFrom(response: Response) {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
