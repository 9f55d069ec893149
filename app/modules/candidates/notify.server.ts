import { appOrigin } from "~/lib/origin.server";

/** An absolute link on the given origin, else on the app's own (lib/origin.server appOrigin). */
export function linkTo(path: string, origin: string = appOrigin()) {
  return `${new URL(origin).origin}${path}`;
}
