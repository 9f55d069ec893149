import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageNames, supportedLanguages } from "~/lib/i18n";
import type { Role } from "~/modules/accounts/roles";

type HeaderUser = { name: string; email: string; roles: Role[]; unread?: number } | null;

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-700 text-white" : "text-stone-700 hover:bg-brand-50"}`;

export function SiteHeader({ user, locale }: { user: HeaderUser; locale: string }) {
  const { t } = useTranslation();
  const roles = user?.roles ?? [];
  const can = (role: Role) => roles.includes(role) || roles.includes("PLATFORM_ADMIN");
  return (
    <header className="border-b border-stone-200 bg-white print:hidden">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2"
      >
        {t("nav.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 text-xl font-bold text-brand-700">
          <span aria-hidden="true" className="inline-block size-8 rounded-lg bg-brand-600 text-center leading-8 text-white">
            م
          </span>
          <span>{t("brand.name")}</span>
        </Link>
        <LanguageSwitcher locale={locale} />
      </div>
      <nav aria-label={t("nav.main")} className="mx-auto max-w-5xl px-4 pb-3">
        <ul className="flex flex-wrap items-center gap-1">
          <li><NavLink to="/courses" className={navClass}>{t("nav.courses")}</NavLink></li>
          <li><NavLink to="/jobs" end className={navClass}>{t("nav.jobs")}</NavLink></li>
          {user ? (
            <>
              <li><NavLink to="/learn" className={navClass}>{t("nav.learn")}</NavLink></li>
              <li><NavLink to="/study" className={navClass}>{t("nav.study")}</NavLink></li>
              <li><NavLink to="/account/job-board" className={navClass}>{t("nav.jobBoard")}</NavLink></li>
              {can("INSTRUCTOR") && <li><NavLink to="/teach" className={navClass}>{t("nav.teach")}</NavLink></li>}
              {(can("INSTRUCTOR") || can("CENTRE_ADMIN")) && <li><NavLink to="/reviews" className={navClass}>{t("nav.reviews")}</NavLink></li>}
              {can("CENTRE_ADMIN") && <li><NavLink to="/centre" className={navClass}>{t("nav.centre")}</NavLink></li>}
              {can("EMPLOYER") && <li><NavLink to="/employer" className={navClass}>{t("nav.employer")}</NavLink></li>}
              {roles.includes("PLATFORM_ADMIN") && <li><NavLink to="/admin" className={navClass}>{t("nav.admin")}</NavLink></li>}
              <li>
                <NavLink to="/account/notifications" className={navClass}>
                  {t("nav.notifications")}
                  {user.unread ? (
                    <>
                      <span aria-hidden="true" className="ms-1 inline-block min-w-5 rounded-full bg-red-700 px-1.5 text-center text-xs font-semibold text-white" data-unread={user.unread}>
                        {user.unread > 99 ? "99+" : user.unread}
                      </span>
                      <span className="sr-only">{t("nav.unreadCount", { count: user.unread })}</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
              <li><NavLink to="/account" end className={navClass}>{t("nav.account")}</NavLink></li>
              <li className="ms-auto">
                <Form method="post" action="/logout">
                  <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-100">
                    {t("nav.logout")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li className="ms-auto"><NavLink to="/login" className={navClass}>{t("nav.login")}</NavLink></li>
              <li>
                <NavLink to="/signup" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
                  {t("nav.signup")}
                </NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}

/** A plain form so it works without JavaScript; the choice is remembered in a cookie (and on the account). */
export function LanguageSwitcher({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/set-language" className="flex items-center gap-1" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <span className="sr-only">{t("language.label")}</span>
      {supportedLanguages.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="language"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className={`rounded-md border px-2 py-1 text-sm ${
            lng === locale ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-700 hover:bg-stone-100"
          }`}
        >
          {languageNames[lng]}
        </button>
      ))}
    </Form>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-stone-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-stone-600">
        <span>{t("footer.tagline")}</span>
        <Link to="/verify" className="underline hover:text-brand-700">{t("footer.verify")}</Link>
        <Link to="/privacy" className="underline hover:text-brand-700">{t("footer.privacy")}</Link>
        <a href="https://www.cndp.ma" className="underline hover:text-brand-700" rel="noreferrer">{t("footer.cndp")}</a>
      </div>
    </footer>
  );
}
