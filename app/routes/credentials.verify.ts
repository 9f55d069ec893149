import type { ActionFunctionArgs } from "@remix-run/node";
import { verifyVcApiRequest } from "~/modules/certification/verify.server";

/**
 * W3C VC-API verify: POST `{ "verifiableCredential": … }` → 200 `{ verified, errors, warnings }` when it verifies,
 * 400 with the same shape otherwise (including a body that is not JSON). Open to anyone; no cookies needed.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ errors: [{ code: "method_not_allowed" }] }, { status: 405, headers: { Allow: "POST" } });
  const { status, body } = await verifyVcApiRequest(await request.text());
  return Response.json(body, { status, headers: { "Access-Control-Allow-Origin": "*" } });
}
