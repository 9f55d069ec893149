import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth.server";
import { credentialPng } from "~/modules/certification/downloads.server";
import { downloadName, getMyCredentialJson } from "~/modules/certification/sharing.server";

/** The badge image with the signed credential baked in (Open Badges 3.0), for its owner only (anyone else: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const credential = await getMyCredentialJson({ credentialId: params.id ?? "", userId: user.id });
  if (!credential) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const png = await credentialPng({ credential });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="${downloadName(credential.id, "png")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
