import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, checkVerifyRate } from "~/modules/certification/api.server";
import { verifyVcApiRequest } from "~/modules/certification/verify.server";

/**
 * W3C VC-API verify: POST `{ "verifiableCredential": … }` → 200 `{ verified, errors, warnings }` when it verifies,
 * 400 with the same shape otherwise (including a body that is not JSON). Open to anyone, no cookies needed, limited
 * per client address (VERIFY_RATE_LIMIT_PER_MINUTE) unless the API token is presented.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ errors: [{ code: "method_not_allowed" }] }, { status: 405, headers: { Allow: "POST" } });
  const retryAfter = await checkVerifyRate(request);
  if (retryAfter !== null) {
    return apiError(429, "rate_limited", "Too many verification requests from this address; retry later or use the API token.", {
      "Retry-After": String(retryAfter),
      "Access-Control-Allow-Origin": "*",
    });
  }
  const { status, body } = await verifyVcApiRequest(await request.text());
  return Response.json(body, { status, headers: { "Access-Control-Allow-Origin": "*" } });
}
