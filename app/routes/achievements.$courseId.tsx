import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { prefersJsonLd } from "~/lib/negotiation.server";
import { getAchievement } from "~/modules/certification/public-pages.server";

/** The id of a course's certification in every credential: a page for people, JSON-LD (303) for machines. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? "";
  if (prefersJsonLd(request)) throw redirect(`/achievements/${encodeURIComponent(courseId)}.json`, { status: 303, headers: { Vary: "Accept" } });
  const achievement = await getAchievement({ courseId, language: await getLanguage(request) });
  if (!achievement) throw data({ error: "not_found" }, { status: 404 });
  return data({ achievement: achievement.view }, { headers: { Vary: "Accept" } });
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: loaderData ? `${loaderData.achievement.name} · Maharat` : "Maharat" },
];

export default function AchievementPage() {
  const { t } = useTranslation();
  const { achievement } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("publicPages.achievement.lead")}>
        <span lang={achievement.language} dir="auto">{achievement.name}</span>
      </PageTitle>
      <section className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
        <p lang={achievement.language} dir="auto">{achievement.description}</p>
        <dl className="grid gap-3 sm:grid-cols-[12rem_1fr]">
          {achievement.tier ? (
            <>
              <dt className="font-medium">{t("publicPages.achievement.tier")}</dt>
              <dd>
                {t("home.tierLabel", { level: achievement.tier.level })} · <span lang={achievement.language} dir="auto">{achievement.tier.name}</span>
              </dd>
            </>
          ) : null}
          <dt className="font-medium">{t("publicPages.achievement.criteria")}</dt>
          <dd lang={achievement.language} dir="auto">{achievement.criteria}</dd>
          {achievement.passMarkPercent !== null ? (
            <>
              <dt className="font-medium">{t("publicPages.achievement.passMark")}</dt>
              <dd>{t("publicPages.achievement.passMarkValue", { percent: achievement.passMarkPercent })}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="skills" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="skills" className="text-lg font-semibold">{t("publicPages.achievement.skills")}</h2>
        <ul className="mt-3 space-y-2">
          {achievement.skills.map((skill) => (
            <li key={skill.id}>
              <Link to={`/skills/${encodeURIComponent(skill.id)}`} className="text-brand-700 underline" lang={achievement.language} dir="auto">{skill.label}</Link>
              {skill.esco ? (
                <>
                  {" · "}
                  <a href={skill.esco} className="text-sm text-stone-600 underline" rel="noreferrer">{t("publicPages.skill.esco")}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <p className="flex flex-wrap gap-4 text-sm">
        {achievement.archived ? <span>{t("publicPages.achievement.archived")}</span> : <Link to={`/courses/${encodeURIComponent(achievement.courseId)}`} className="text-brand-700 underline">{t("publicPages.achievement.courseLink")}</Link>}
        <Link to="/verify" className="text-brand-700 underline">{t("publicPages.verifyLink")}</Link>
        <a href={`/achievements/${encodeURIComponent(achievement.courseId)}.json`} className="text-brand-700 underline">{t("publicPages.achievement.jsonLd")}</a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
