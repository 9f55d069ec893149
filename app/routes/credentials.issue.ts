import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, readJsonBody, requireCredentialIssuer } from "~/modules/certification/api.server";
import { CredentialError, issueGivenCredential } from "~/modules/certification/issuer.server";

/**
 * W3C VC-API issue: POST `{ "credential": …, "options": … }` with a bearer token (CREDENTIALS_API_TOKEN) or a
 * platform admin's session → 201 `{ "verifiableCredential": … }`, signed by our did:web key with a revocation entry.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST.", { Allow: "POST" });
  const actor = await requireCredentialIssuer(request);
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(400, "invalid_json", "The request body is not JSON.");
  const { value } = body;
  const credential = typeof value === "object" && value !== null && !Array.isArray(value) ? Reflect.get(value, "credential") : undefined;
  const options: unknown = typeof value === "object" && value !== null ? Reflect.get(value, "options") : undefined;
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
    return apiError(400, "invalid_options", "options must be an object.");
  }
  try {
    const verifiableCredential = await issueGivenCredential({ credential, issuedById: actor.kind === "admin" ? actor.userId : null });
    return Response.json({ verifiableCredential }, { status: 201 });
  } catch (error) {
    if (error instanceof CredentialError) return apiError(error.status, error.code, error.message);
    throw error;
  }
}
