import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth.server";
import { downloadName, getMyCredentialJson } from "~/modules/certification/sharing.server";

/** The signed credential as a file, for its owner only (anyone else: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const credential = await getMyCredentialJson({ credentialId: params.id ?? "", userId: user.id });
  if (!credential) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(`${JSON.stringify(credential.json, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName(credential.id, "json")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
