import ar from "~/locales/ar.json";
import en from "~/locales/en.json";
import fr from "~/locales/fr.json";

export const supportedLanguages = ["fr", "ar", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "fr";

export const languageNames: Record<Language, string> = { fr: "Français", ar: "العربية", en: "English" };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

export function directionOf(language: string): "rtl" | "ltr" {
  return language === "ar" ? "rtl" : "ltr";
}

// The catalogues are small and bundled on both sides, so the first paint is already translated and no extra
// request is needed (docs/decisions/007-i18n-remix-i18next.md).
export const resources = {
  fr: { common: fr },
  ar: { common: ar },
  en: { common: en },
};

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false },
};

/** Intl formatting in the reader's language; Arabic uses Latin digits as Moroccan administration does. */
export function intlLocale(language: string) {
  if (language === "ar") return "ar-MA-u-nu-latn";
  if (language === "en") return "en-GB";
  return "fr-MA";
}

// Formatters are built once per language and options (building an Intl formatter costs far more than using one;
// an exam page formats dozens of dates).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(language: string, options: Intl.DateTimeFormatOptions) {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), options);
    if (dateFormats.size < 200) dateFormats.set(key, format);
  }
  return format;
}

export function formatDate(value: Date | string, language: string, options?: Intl.DateTimeFormatOptions) {
  return dateFormat(language, options ?? { dateStyle: "long" }).format(new Date(value));
}

export function formatDateTime(value: Date | string, language: string) {
  return dateFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export function formatNumber(value: number, language: string, options?: Intl.NumberFormatOptions) {
  const key = `${language}|${options ? JSON.stringify(options) : ""}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(language), options);
    if (numberFormats.size < 200) numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A duration in minutes as hours with one decimal, written as the language writes numbers ("4,2" in French). */
export function formatHours(minutes: number, language: string) {
  return formatNumber(Math.round(minutes / 6) / 10, language, { maximumFractionDigits: 1 });
}
