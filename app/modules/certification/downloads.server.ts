// A credential's downloads as files: the printable certificate (PDF, in the reader's language) and the badge image
// with the signed credential baked in (PNG). Used by the owner's download links and by their data export.
import { prisma } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import { localized } from "~/modules/catalog/index.server";
import { bakedBadgePng } from "./badge-png.server";
import { type CertificateContent, renderCertificatePdf } from "./certificate-pdf.server";
import { verifyPageUrl } from "./sharing.server";
import { verifyIssuedCredential } from "./verify.server";

type StoredCredential = { id: string; json: unknown };

/**
 * What the certificate prints, in `language`: the holder, issuer, centre and date as the signed credential says (a
 * verifier reads the same), and the achievement's title and skills from the catalogue's translation in the reader's
 * language when the course has one (the credential stays signed in the language it was issued in); otherwise the
 * signed wording.
 */
export async function certificateContent({ credential, language, fallbackName }: { credential: StoredCredential; language: string; fallbackName: string }): Promise<CertificateContent> {
  const [{ summary }, row] = await Promise.all([
    verifyIssuedCredential(credential.json),
    prisma.issuedCredential.findUnique({
      where: { id: credential.id },
      select: { courseId: true },
    }),
  ]);
  const course = row?.courseId
    ? await prisma.course.findUnique({
        where: { id: row.courseId },
        select: { title: true, skills: { select: { skill: { select: { id: true, label: true } } } } },
      })
    : null;
  const title = course ? localized(course.title, language) : "";
  const skills = course ? course.skills.map(({ skill }) => ({ id: skill.id, label: localized(skill.label, language) })).sort((a, b) => a.id.localeCompare(b.id)) : [];
  return {
    learnerName: summary?.subject.name ?? fallbackName,
    achievementName: title || summary?.achievement.name || "",
    issuerName: summary?.issuer.name ?? "Maharat",
    centreName: summary?.trainingCentre?.name ?? null,
    issuedOn: summary?.issuedOn ?? summary?.validFrom ?? new Date().toISOString(),
    skills: skills.length > 0 && skills.every((s) => s.label) ? skills.map((s) => s.label) : (summary?.skills.map((skill) => skill.name) ?? []),
    credentialId: credential.id,
    verifyUrl: verifyPageUrl(credential.id),
  };
}

export async function credentialPdf({ credential, language, fallbackName }: { credential: StoredCredential; language: string; fallbackName: string }) {
  const t = await getFixedT(language);
  return renderCertificatePdf({ language, t: (key, values) => t(key, values), content: await certificateContent({ credential, language, fallbackName }) });
}

export function credentialPng({ credential }: { credential: StoredCredential }) {
  return bakedBadgePng({ credential: credential.json, verifyUrl: verifyPageUrl(credential.id) });
}
