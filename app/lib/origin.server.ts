import { getEnv } from "~/lib/env.server";

/** The public origin for links in e-mails: APP_URL when set (behind a proxy), else the request's own origin. */
export function publicOrigin(request: Request) {
  const configured = getEnv().APP_URL;
  return configured ? new URL(configured).origin : new URL(request.url).origin;
}
