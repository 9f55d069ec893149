// Reasons a verification gives, in every app language. The library has no i18n runtime: each code maps to its
// three sentences here, and the app shows `message[locale]`.
import type { Problem } from "./types";

type Messages = { fr: string; ar: string; en: string };

export const PROBLEM_CODES = [
  "not_an_object",
  "too_large",
  "missing_context",
  "unknown_context",
  "not_open_badge",
  "missing_issuer",
  "missing_achievement",
  "missing_proof",
  "missing_valid_from",
  "invalid_dates",
  "unsupported_proof",
  "signature_invalid",
  "key_not_authorised",
  "issuer_mismatch",
  "issuer_unresolvable",
  "undefined_terms",
  "verification_failed",
  "verification_timeout",
  "verification_busy",
  "status_check_failed",
  "status_list_invalid",
  "revoked",
  "expired",
  "not_yet_valid",
  "no_status",
  "status_unsupported",
  "legacy_format",
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Values some messages mention. */
export type ProblemParams = { url?: string; field?: string; at?: Date; kind?: string; limit?: number };

function formatDate(date: Date | undefined): Messages {
  if (!date || Number.isNaN(date.getTime())) return { fr: "?", ar: "?", en: "?" };
  const format = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
  return { fr: format("fr-MA"), ar: format("ar-MA"), en: format("en-GB") };
}

const catalogue: Record<ProblemCode, (p: ProblemParams) => Messages> = {
  not_an_object: () => ({
    fr: "Ce document n'est pas une attestation lisible (un objet JSON est attendu).",
    ar: "هذا المستند ليس شهادة قابلة للقراءة (يُنتظر كائن JSON).",
    en: "This document is not a readable credential (a JSON object is expected).",
  }),
  too_large: (p) => ({
    fr: `Ce document dépasse une limite de taille (${p.field} : ${p.limit} au plus) : ce n'est pas une attestation que nous vérifions.`,
    ar: `يتجاوز هذا المستند حدًّا من حدود الحجم (${p.field}: ${p.limit} على الأكثر)، لذا لا نتحقق منه كشهادة.`,
    en: `This document exceeds a size limit (${p.field}: at most ${p.limit}), so it is not a credential we verify.`,
  }),
  missing_context: () => ({
    fr: "L'attestation ne commence pas par le contexte des Verifiable Credentials (@context).",
    ar: "لا تبدأ الشهادة بسياق بيانات الاعتماد القابلة للتحقق (@context).",
    en: "The credential does not start with the Verifiable Credentials context (@context).",
  }),
  unknown_context: (p) => ({
    fr: `L'attestation utilise un contexte inconnu (${p.url}) : elle ne peut pas être vérifiée.`,
    ar: `تستعمل الشهادة سياقًا غير معروف (${p.url})، لذا يتعذّر التحقق منها.`,
    en: `The credential uses an unknown context (${p.url}), so it cannot be verified.`,
  }),
  not_open_badge: () => ({
    fr: "Ce n'est pas un Open Badge 3.0 : le type OpenBadgeCredential (ou AchievementCredential) est absent.",
    ar: "هذه ليست شارة Open Badge 3.0: النوع OpenBadgeCredential (أو AchievementCredential) غير موجود.",
    en: "This is not an Open Badge 3.0: the type OpenBadgeCredential (or AchievementCredential) is missing.",
  }),
  missing_issuer: () => ({
    fr: "L'émetteur de l'attestation n'est pas identifié.",
    ar: "الجهة المُصدِرة للشهادة غير محدَّدة.",
    en: "The credential's issuer is not identified.",
  }),
  missing_achievement: () => ({
    fr: "L'attestation ne décrit pas la certification obtenue (credentialSubject.achievement).",
    ar: "لا تصف الشهادة الإنجاز المُعتمَد (credentialSubject.achievement).",
    en: "The credential does not describe the achievement it certifies (credentialSubject.achievement).",
  }),
  missing_proof: () => ({
    fr: "L'attestation n'est pas signée : elle ne contient aucune preuve (proof).",
    ar: "الشهادة غير موقَّعة: لا تتضمن أي دليل تشفيري (proof).",
    en: "The credential is not signed: it contains no proof.",
  }),
  missing_valid_from: () => ({
    fr: "La date de début de validité (validFrom) est absente.",
    ar: "تاريخ بدء الصلاحية (validFrom) غير موجود.",
    en: "The start of validity (validFrom) is missing.",
  }),
  invalid_dates: (p) => ({
    fr: `La date « ${p.field} » est invalide ou incohérente.`,
    ar: `التاريخ «${p.field}» غير صالح أو غير منسجم.`,
    en: `The date "${p.field}" is invalid or inconsistent.`,
  }),
  unsupported_proof: () => ({
    fr: "La signature utilise un format non pris en charge (attendu : DataIntegrityProof eddsa-rdfc-2022, ou Ed25519Signature2020, pour assertionMethod).",
    ar: "يستعمل التوقيع صيغة غير مدعومة (المتوقَّع: DataIntegrityProof بخوارزمية eddsa-rdfc-2022، أو Ed25519Signature2020، لغرض assertionMethod).",
    en: "The signature uses an unsupported format (expected DataIntegrityProof eddsa-rdfc-2022, or Ed25519Signature2020, for assertionMethod).",
  }),
  signature_invalid: () => ({
    fr: "La signature ne correspond pas au contenu : l'attestation a été modifiée ou la signature est altérée.",
    ar: "التوقيع لا يطابق المحتوى: إما أن الشهادة عُدِّلت أو أن التوقيع تالف.",
    en: "The signature does not match the content: the credential was altered or the signature is damaged.",
  }),
  key_not_authorised: () => ({
    fr: "La clé qui a signé n'est pas autorisée par l'émetteur (elle ne figure pas dans son document DID pour assertionMethod).",
    ar: "المفتاح الذي وقَّع الشهادة غير مُرخَّص من الجهة المُصدِرة (غير مُدرَج في وثيقة DID الخاصة بها ضمن assertionMethod).",
    en: "The signing key is not authorised by the issuer (it is not listed for assertionMethod in the issuer's DID document).",
  }),
  issuer_mismatch: () => ({
    fr: "La signature n'a pas été faite par l'émetteur déclaré dans l'attestation.",
    ar: "لم يُنجَز التوقيع من طرف الجهة المُصدِرة المُعلَنة في الشهادة.",
    en: "The signature was not made by the issuer named in the credential.",
  }),
  issuer_unresolvable: () => ({
    fr: "Impossible de retrouver les clés publiques de l'émetteur (document DID introuvable).",
    ar: "تعذَّر العثور على المفاتيح العمومية للجهة المُصدِرة (وثيقة DID غير موجودة).",
    en: "The issuer's public keys could not be found (DID document not found).",
  }),
  undefined_terms: () => ({
    fr: "L'attestation contient des champs qu'aucun de ses contextes ne définit.",
    ar: "تتضمن الشهادة حقولًا لا يعرِّفها أيٌّ من سياقاتها.",
    en: "The credential contains fields that none of its contexts defines.",
  }),
  verification_failed: () => ({
    fr: "La vérification a échoué pour une raison technique.",
    ar: "فشل التحقق لسبب تقني.",
    en: "Verification failed for a technical reason.",
  }),
  verification_timeout: () => ({
    fr: "La vérification a pris trop de temps et a été interrompue : ce document n'est pas une attestation que nous pouvons vérifier.",
    ar: "استغرق التحقق وقتًا أطول من اللازم فأُوقف: هذا المستند ليس شهادة يمكننا التحقق منها.",
    en: "Verification took too long and was stopped: this document is not a credential we can verify.",
  }),
  verification_busy: () => ({
    fr: "Le service de vérification est très sollicité : réessayez dans un instant.",
    ar: "خدمة التحقق مشغولة جدًّا حاليًا: أعد المحاولة بعد لحظة.",
    en: "The verification service is very busy: try again in a moment.",
  }),
  status_check_failed: () => ({
    fr: "Le statut de révocation n'a pas pu être vérifié.",
    ar: "تعذَّر التحقق من حالة الإلغاء.",
    en: "The revocation status could not be checked.",
  }),
  status_list_invalid: () => ({
    fr: "La liste de révocation n'est pas authentique ou n'appartient pas à cet émetteur.",
    ar: "قائمة الإلغاء غير أصلية أو لا تعود إلى هذه الجهة المُصدِرة.",
    en: "The revocation list is not authentic or does not belong to this issuer.",
  }),
  revoked: (p) => {
    if (!p.at) {
      return {
        fr: "L'émetteur a révoqué cette attestation.",
        ar: "ألغت الجهة المُصدِرة هذه الشهادة.",
        en: "The issuer has revoked this credential.",
      };
    }
    const date = formatDate(p.at);
    return {
      fr: `L'émetteur a révoqué cette attestation le ${date.fr}.`,
      ar: `ألغت الجهة المُصدِرة هذه الشهادة بتاريخ ${date.ar}.`,
      en: `The issuer revoked this credential on ${date.en}.`,
    };
  },
  expired: (p) => {
    const date = formatDate(p.at);
    return {
      fr: `Cette attestation a expiré le ${date.fr}.`,
      ar: `انتهت صلاحية هذه الشهادة بتاريخ ${date.ar}.`,
      en: `This credential expired on ${date.en}.`,
    };
  },
  not_yet_valid: (p) => {
    const date = formatDate(p.at);
    return {
      fr: `Cette attestation n'est valable qu'à partir du ${date.fr}.`,
      ar: `لا تصبح هذه الشهادة صالحة إلا ابتداءً من ${date.ar}.`,
      en: `This credential is not valid until ${date.en}.`,
    };
  },
  no_status: () => ({
    fr: "Cette attestation n'a pas de statut de révocation : une révocation ne pourrait pas être détectée.",
    ar: "لا تتضمن هذه الشهادة حالة إلغاء: لا يمكن رصد إلغائها إن حدث.",
    en: "This credential has no revocation status: a revocation could not be detected.",
  }),
  status_unsupported: (p) => ({
    fr: `L'attestation indique son statut sous une forme non prise en charge (${p.kind}) : sa révocation ne peut pas être vérifiée.`,
    ar: `تُبيِّن الشهادة حالتها بصيغة غير مدعومة (${p.kind})، لذا يتعذَّر التحقق من إلغائها.`,
    en: `The credential states its status in an unsupported form (${p.kind}), so its revocation cannot be checked.`,
  }),
  legacy_format: () => ({
    fr: "Attestation au format antérieur (VC 1.1 ou Ed25519Signature2020), acceptée en vérification uniquement.",
    ar: "شهادة بصيغة سابقة (VC 1.1 أو Ed25519Signature2020)، مقبولة للتحقق فقط.",
    en: "Credential in an older format (VC 1.1 or Ed25519Signature2020), accepted for verification only.",
  }),
};

/** Builds a Problem from its code, the values its message mentions and an optional technical detail. */
export function problem(code: ProblemCode, params: ProblemParams = {}, detail?: string): Problem {
  const result: Problem = { code, message: catalogue[code](params) };
  if (detail) result.detail = detail;
  return result;
}
