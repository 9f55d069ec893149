import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { cookieSecurity } from "~/lib/cookies.server";
import { fallbackLanguage, i18nConfig, isLanguage, resources, supportedLanguages, type Language } from "~/lib/i18n";

/** Remembers the reader's language for a year; chosen with the switcher, otherwise from Accept-Language. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

export function serializeLanguageCookie(request: Request, language: string) {
  return languageCookie.serialize(language, cookieSecurity(request));
}

export async function getLanguage(request: Request): Promise<Language> {
  const language = await i18nServer.getLocale(request);
  return isLanguage(language) ? language : fallbackLanguage;
}

export async function getT(request: Request) {
  return i18nServer.getFixedT(await getLanguage(request), "common");
}

/** "Too many attempts. Try again in N minute(s)." in the reader's language. */
export async function tooManyAttemptsMessage(request: Request, retryAfterSeconds: number) {
  const t = await getT(request);
  return t("auth.tooManyAttempts", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

export function getFixedT(language: string) {
  return i18nServer.getFixedT(isLanguage(language) ? language : fallbackLanguage, "common");
}
