import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
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
