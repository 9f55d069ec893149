import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT, getLanguage } from "~/lib/i18n.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { renderCertificatePdf } from "~/modules/certification/certificate-pdf.server";
import { verifyIssuedCredential } from "~/modules/certification/verify.server";
import { downloadName, getMyCredentialJson, verifyPageUrl } from "~/modules/certification/sharing.server";

/** The printable certificate in the reader's language, for the credential's owner only (anyone else: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const credential = await getMyCredentialJson({ credentialId: params.id ?? "", userId: user.id });
  if (!credential) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const language = await getLanguage(request);
  // The certificate prints what the signed credential says, as a verifier reads it.
  const { summary } = await verifyIssuedCredential(credential.json);
  const t = await getFixedT(language);
  const pdf = await renderCertificatePdf({
    language,
    t: (key, values) => t(key, values),
    content: {
      learnerName: summary?.subject.name ?? user.name,
      achievementName: summary?.achievement.name ?? "",
      issuerName: summary?.issuer.name ?? "Maharat",
      centreName: summary?.trainingCentre?.name ?? null,
      issuedOn: summary?.issuedOn ?? summary?.validFrom ?? new Date().toISOString(),
      skills: summary?.skills.map((skill) => skill.name) ?? [],
      credentialId: credential.id,
      verifyUrl: verifyPageUrl(credential.id),
    },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadName(credential.id, "pdf")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
