import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/progress-bar";
import { PageTitle } from "~/components/ui/form";
import { formatHours, isLanguage, languageNames } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import { listCatalogue } from "~/modules/catalog/catalog.server";

function parseFilters(url: URL) {
  const tier = Number(url.searchParams.get("tier"));
  const contentLanguage = url.searchParams.get("lang");
  return {
    tier: [1, 2, 3].includes(tier) ? tier : undefined,
    track: url.searchParams.get("track") || undefined,
    contentLanguage: isLanguage(contentLanguage) ? contentLanguage : undefined,
    q: url.searchParams.get("q")?.slice(0, 100) || undefined,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, language] = await Promise.all([getCurrentUser(request), getLanguage(request)]);
  const filters = parseFilters(new URL(request.url));
  const catalogue = await listCatalogue({ viewer: user, language, filters });
  return { ...catalogue, filters, isSignedIn: Boolean(user) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "catalogue.title");

export default function CataloguePage() {
  const { t, i18n } = useTranslation();
  const { tiers, courses, tracks, filters, isSignedIn } = useLoaderData<typeof loader>();
  const select = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";
  return (
    <div className="space-y-8">
      <PageTitle lead={t("catalogue.lead")}>{t("catalogue.title")}</PageTitle>
      <Form method="get" role="search" className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-5">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium">{t("catalogue.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className={select} />
        </div>
        <div>
          <label htmlFor="tier" className="block text-sm font-medium">{t("catalogue.tier")}</label>
          <select id="tier" name="tier" defaultValue={filters.tier ?? ""} className={select}>
            <option value="">{t("catalogue.all")}</option>
            {tiers.map((tier) => (
              <option key={tier.level} value={tier.level}>{tier.title}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="lang" className="block text-sm font-medium">{t("catalogue.language")}</label>
          <select id="lang" name="lang" defaultValue={filters.contentLanguage ?? ""} className={select}>
            <option value="">{t("catalogue.all")}</option>
            {(["fr", "ar", "en"] as const).map((l) => (
              <option key={l} value={l} lang={l}>{languageNames[l]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="track" className="block text-sm font-medium">{t("catalogue.track")}</label>
          <select id="track" name="track" defaultValue={filters.track ?? ""} className={select}>
            <option value="">{t("catalogue.all")}</option>
            {tracks.map((track) => (
              <option key={track} value={track}>{t(`tracks.${track}`, { defaultValue: track })}</option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-5">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            {t("catalogue.apply")}
          </button>
        </div>
      </Form>
      {courses.length === 0 ? <p>{t("catalogue.noResult")}</p> : null}
      {tiers.map((tier) => {
        const inTier = courses.filter((c) => c.tier === tier.level);
        if (inTier.length === 0) return null;
        return (
          <section key={tier.level} aria-labelledby={`tier-${tier.level}`}>
            <h2 id={`tier-${tier.level}`} className="text-xl font-bold">
              {t("home.tierLabel", { level: tier.level })} — {tier.title}
            </h2>
            <p className="mt-1 text-stone-700">{tier.description}</p>
            <ul className="mt-4 grid gap-4 sm:grid-cols-2">
              {inTier.map((course) => (
                <li key={course.id} className="flex flex-col rounded-xl border border-stone-200 bg-white p-5">
                  <h3 className="text-lg font-semibold">
                    <Link to={`/courses/${course.id}`} className="text-brand-700 underline">{course.title}</Link>
                  </h3>
                  <p className="mt-2 flex-1 text-sm text-stone-700">{course.summary}</p>
                  <p className="mt-3 text-sm text-stone-600">
                    {t("catalogue.meta", { count: course.lessonCount, hours: formatHours(course.durationMinutes, i18n.language) })} ·{" "}
                    {course.languages.map((l) => (isLanguage(l) ? languageNames[l] : l)).join(", ")}
                  </p>
                  {course.access === "locked" ? (
                    <p className="mt-2 text-sm font-medium text-accent-500">
                      {t("course.lockedShort", { courses: course.missing.map((m) => m.title).join(", ") })}
                    </p>
                  ) : null}
                  {isSignedIn && course.progress > 0 ? (
                    <div className="mt-3">
                      <ProgressBar value={course.progress} label={t("course.progress")} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
