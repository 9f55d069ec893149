// A credential's downloads as files: the printable certificate (PDF, in the reader's language) and the badge image
// with the signed credential baked in (PNG). Used by the owner's download links and by their data export.
import { getFixedT } from "~/lib/i18n.server";
import { bakedBadgePng } from "./badge-png.server";
import { renderCertificatePdf } from "./certificate-pdf.server";
import { verifyPageUrl } from "./sharing.server";
import { verifyIssuedCredential } from "./verify.server";

type StoredCredential = { id: string; json: unknown };

/** The certificate prints what the signed credential says, as a verifier reads it. */
export async function credentialPdf({ credential, language, fallbackName }: { credential: StoredCredential; language: string; fallbackName: string }) {
  const { summary } = await verifyIssuedCredential(credential.json);
  const t = await getFixedT(language);
  return renderCertificatePdf({
    language,
    t: (key, values) => t(key, values),
    content: {
      learnerName: summary?.subject.name ?? fallbackName,
      achievementName: summary?.achievement.name ?? "",
      issuerName: summary?.issuer.name ?? "Maharat",
      centreName: summary?.trainingCentre?.name ?? null,
      issuedOn: summary?.issuedOn ?? summary?.validFrom ?? new Date().toISOString(),
      skills: summary?.skills.map((skill) => skill.name) ?? [],
      credentialId: credential.id,
      verifyUrl: verifyPageUrl(credential.id),
    },
  });
}

export function credentialPng({ credential }: { credential: StoredCredential }) {
  return bakedBadgePng({ credential: credential.json, verifyUrl: verifyPageUrl(credential.id) });
}
