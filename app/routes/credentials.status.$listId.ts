import type { LoaderFunctionArgs } from "@remix-run/node";
import { getStatusListCredential } from "~/modules/certification/status-lists.server";

/** A signed Bitstring Status List credential (revocation), at the stable URL credentials point to. */
export async function loader({ params }: LoaderFunctionArgs) {
  const credential = await getStatusListCredential({ listId: params.listId ?? "" });
  if (!credential) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(credential, {
    headers: {
      // A revocation must reach verifiers quickly.
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
