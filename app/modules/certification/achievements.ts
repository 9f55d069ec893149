// Pure composition of a course certification credential from course data (no Prisma, no Remix): which texts, in
// which language, which skills, tier, score and co-branding go into the Open Badges credential.
import {
  type ComposeAchievementOptions,
  type OpenBadgeCredential,
  composeAchievement,
  composeOpenBadgeCredential,
} from "../../../credentials/index";

export const CREDENTIAL_LANGUAGES = ["fr", "ar", "en"] as const;
export type CredentialLanguage = (typeof CREDENTIAL_LANGUAGES)[number];
export type LocalizedText = Partial<Record<CredentialLanguage, string>>;

export const ISSUER_NAME = "Maharat";

/** The URLs written into credentials, under the ids' origin (`idBase`); each is a public page (public-pages.server). */
export const credentialUrls = {
  achievement: (idBase: string, courseId: string) => `${idBase}/achievements/${encodeURIComponent(courseId)}`,
  skillsBase: (idBase: string) => `${idBase}/skills`,
  organisation: (idBase: string, organisationId: string) => `${idBase}/organisations/${encodeURIComponent(organisationId)}`,
};

/** Reads a Json column holding `{ fr?, ar?, en? }`; anything else is empty. */
export function asLocalizedText(value: unknown): LocalizedText {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const text: LocalizedText = {};
  for (const language of CREDENTIAL_LANGUAGES) {
    const entry: unknown = Reflect.get(value, language);
    if (typeof entry === "string" && entry.trim() !== "") text[language] = entry;
  }
  return text;
}

export function isCredentialLanguage(value: string): value is CredentialLanguage {
  return CREDENTIAL_LANGUAGES.some((language) => language === value);
}

/**
 * The language a credential is written in: the learner's, when the course has its title in it, else French (the
 * curriculum's reference language), else English, else Arabic. credentials/ records one language per achievement
 * (`inLanguage`), so a credential is monolingual.
 */
export function credentialLanguage(title: LocalizedText, preferred: string): CredentialLanguage {
  const order: CredentialLanguage[] = [...(isCredentialLanguage(preferred) ? [preferred] : []), "fr", "en", "ar"];
  return order.find((language) => title[language]) ?? "fr";
}

/** `text` in `language`, falling back like credentialLanguage. */
export function textIn(text: LocalizedText, language: CredentialLanguage): string {
  return text[language] ?? text.fr ?? text.en ?? text.ar ?? "";
}

function criteriaNarrative(language: CredentialLanguage, title: string, passMark: number | undefined) {
  if (passMark === undefined) {
    return {
      fr: `Réussir l'examen final du cours « ${title} ».`,
      ar: `اجتياز الامتحان النهائي لدورة «${title}».`,
      en: `Pass the final exam of the course "${title}".`,
    }[language];
  }
  return {
    fr: `Réussir l'examen final du cours « ${title} » avec un score d'au moins ${passMark} %.`,
    ar: `اجتياز الامتحان النهائي لدورة «${title}» بنتيجة لا تقل عن ${passMark}%.`,
    en: `Pass the final exam of the course "${title}" with a score of at least ${passMark}%.`,
  }[language];
}

const SCORE_LABEL: Record<CredentialLanguage, string> = { fr: "Score (%)", ar: "النتيجة (%)", en: "Score (%)" };

export type CertificationCredentialInput = {
  /** https URL of this credential: `${idBase}/credentials/<uuid>`. */
  credentialUrl: string;
  /** Stable https URL of the course's achievement: `${idBase}/achievements/<courseId>`. */
  achievementUrl: string;
  /** Base of our own skill pages, for skills without an ESCO URI: `${idBase}/skills`. */
  skillsBaseUrl: string;
  issuer: { did: string; url: string; image?: string };
  /** The training centre of the learner's cohort, recorded as credentialSubject.source. */
  trainingCentre?: { id: string; name: string; url?: string };
  learner: {
    /** Opaque subject id (urn:uuid:…). */
    subjectId: string;
    locale: string;
    displayName?: string;
    /** Recorded only as a salted SHA-256 (credentials/ hashEmailIdentity). */
    email?: { address: string; salt: string };
  };
  course: {
    title: LocalizedText;
    summary: LocalizedText;
    tier?: { level: number; title: LocalizedText };
    skills: Array<{ id: string; label: LocalizedText; esco?: string | null }>;
    passMarkPercent?: number;
    /** Days a certification stays valid; none today (no course sets it), so credentials have no validUntil. */
    validForDays?: number | null;
  };
  /** The exam score in percent, when known. */
  percent?: number | null;
  issuedAt: Date;
  status: { statusListCredential: string; index: number };
};

const DAY_MS = 86_400_000;

export type CertificationCourse = CertificationCredentialInput["course"];

/** The Achievement of a course's certification, in `language`: the same in every credential and on its own URL. */
export function certificationAchievement({
  course,
  language,
  achievementUrl,
  skillsBaseUrl,
}: {
  course: CertificationCourse;
  language: CredentialLanguage;
  achievementUrl: string;
  skillsBaseUrl: string;
}): ComposeAchievementOptions {
  const title = textIn(course.title, language);
  return {
    id: achievementUrl,
    name: title,
    description: textIn(course.summary, language) || title,
    criteriaNarrative: criteriaNarrative(language, title, course.passMarkPercent),
    achievementType: "Certificate",
    tier: course.tier ? { level: course.tier.level, name: textIn(course.tier.title, language) } : undefined,
    language,
    skills: course.skills.map((skill) => ({
      code: skill.id,
      name: textIn(skill.label, language) || skill.id,
      url: `${skillsBaseUrl}/${encodeURIComponent(skill.id)}`,
      escoUri: skill.esco ?? undefined,
    })),
  };
}

/** How the score is described (the achievement's ResultDescription): the pass mark and a label in `language`. */
function scoreSpec(course: CertificationCourse, language: CredentialLanguage) {
  return { passMark: course.passMarkPercent, label: SCORE_LABEL[language] };
}

/** The achievement as a JSON-LD document, for its id URL. */
export function certificationAchievementDocument(input: Parameters<typeof certificationAchievement>[0]) {
  return composeAchievement(certificationAchievement(input), scoreSpec(input.course, input.language));
}

/** The unsigned OpenBadgeCredential for a course certification. */
export function composeCertificationCredential(input: CertificationCredentialInput): OpenBadgeCredential {
  const { course } = input;
  const language = credentialLanguage(course.title, input.learner.locale);
  const achievement = certificationAchievement({ course, language, achievementUrl: input.achievementUrl, skillsBaseUrl: input.skillsBaseUrl });
  return composeOpenBadgeCredential({
    id: input.credentialUrl,
    name: achievement.name,
    description: achievement.description,
    issuer: { id: input.issuer.did, name: ISSUER_NAME, url: input.issuer.url, image: input.issuer.image },
    trainingCentre: input.trainingCentre,
    subject: { id: input.learner.subjectId, displayName: input.learner.displayName, email: input.learner.email },
    achievement,
    // Rounded down to one decimal, so a score just under the pass mark never reads as the pass mark.
    result:
      typeof input.percent === "number"
        ? { percent: Math.floor(input.percent * 10) / 10, ...scoreSpec(course, language) }
        : undefined,
    validFrom: input.issuedAt,
    validUntil: course.validForDays ? new Date(input.issuedAt.getTime() + course.validForDays * DAY_MS) : undefined,
    status: input.status,
  });
}
