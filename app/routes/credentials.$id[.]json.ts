import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicJsonLdHeaders } from "~/lib/negotiation.server";
import { downloadName, getCredentialJson } from "~/modules/certification/sharing.server";

/**
 * The signed credential, for anyone who has its link (the public page shows the same facts; the e-mail is only a
 * salted hash). `?download` makes it a file (the learner's download button); without it, it is what the
 * credential's id URL answers to a JSON-LD client.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const credential = await getCredentialJson({ credentialId: params.id ?? "" });
  if (!credential) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (credential.removed) {
    return new Response("Gone: the holder removed this credential from Maharat. The copy they present can still be verified at /verify.\n", {
      status: 410,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const download = new URL(request.url).searchParams.has("download");
  return new Response(`${JSON.stringify(credential.json, null, 2)}\n`, {
    headers: publicJsonLdHeaders({
      "Cache-Control": "no-cache",
      ...(download ? { "Content-Disposition": `attachment; filename="${downloadName(credential.id, "json")}"` } : {}),
    }),
  });
}
