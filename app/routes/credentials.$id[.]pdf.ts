import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/lib/i18n.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { credentialPdf } from "~/modules/certification/downloads.server";
import { downloadName, getMyCredentialJson } from "~/modules/certification/sharing.server";

/** The printable certificate in the reader's language, for the credential's owner only (anyone else: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const credential = await getMyCredentialJson({ credentialId: params.id ?? "", userId: user.id });
  if (!credential) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const pdf = await credentialPdf({ credential, language: await getLanguage(request), fallbackName: user.name });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadName(credential.id, "pdf")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
