import { getEnv } from "~/lib/env.server";

/**
 * Whether cookies get the Secure flag. In production they do whenever the site is served over HTTPS: APP_URL is
 * https (the documented production set-up, also behind a TLS-terminating load balancer) or the request itself
 * arrived over https. A production build tried out over plain http (http://127.0.0.1:3000, a LAN address) still
 * lets people log in, since browsers drop Secure cookies on such origins.
 */
export function shouldUseSecureCookies({
  nodeEnv,
  appUrl,
  requestUrl,
}: {
  nodeEnv: string;
  appUrl: string | undefined;
  requestUrl: string;
}) {
  if (nodeEnv !== "production") return false;
  if (appUrl?.startsWith("https://")) return true;
  return new URL(requestUrl).protocol === "https:";
}

export function cookieSecurity(request: Request) {
  const env = getEnv();
  return { secure: shouldUseSecureCookies({ nodeEnv: env.NODE_ENV, appUrl: env.APP_URL, requestUrl: request.url }) };
}
