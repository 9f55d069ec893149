import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { getSkill } from "~/modules/certification/public-pages.server";

/** A skill of the shared taxonomy: the alignment target of credentials for skills without an ESCO URI. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const skill = await getSkill({ skillId: params.skillId ?? "", language: await getLanguage(request) });
  if (!skill) throw data({ error: "not_found" }, { status: 404 });
  return { skill };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.skill.label} · Maharat` : "Maharat" }];

export default function SkillPage() {
  const { t } = useTranslation();
  const { skill } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("publicPages.skill.lead")}>
        <span lang={skill.language} dir="auto">{skill.label}</span>
      </PageTitle>
      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        {skill.description ? <p lang={skill.language} dir="auto">{skill.description}</p> : null}
        <p className="text-sm text-stone-600">
          {t("publicPages.skill.code")} <code>{skill.id}</code>
          {skill.esco ? (
            <>
              {" · "}
              <a href={skill.esco} className="underline" rel="noreferrer">{t("publicPages.skill.esco")}</a>
            </>
          ) : null}
        </p>
      </section>
      <section aria-labelledby="certified-by" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="certified-by" className="text-lg font-semibold">{t("publicPages.skill.certifiedBy")}</h2>
        {skill.courses.length === 0 ? (
          <p className="mt-2">{t("publicPages.skill.none")}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {skill.courses.map((course) => (
              <li key={course.id}>
                <Link to={`/achievements/${encodeURIComponent(course.id)}`} className="text-brand-700 underline" dir="auto">{course.title}</Link>
                <span className="text-sm text-stone-600"> · {t("home.tierLabel", { level: course.tier })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
