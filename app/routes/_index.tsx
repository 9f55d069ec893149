import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => [
  { title: "Maharat — AI literacy, verified skills" },
  { name: "description", content: "Maharat: AI-literacy courses, verifiable credentials and skills-first hiring (FR / AR / EN)." },
];

const audiences = ["learners", "centres", "employers"] as const;

export default function Home() {
  const { t } = useTranslation();
  const rootData = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-brand-700 px-6 py-12 text-white sm:px-10">
        <h1 className="max-w-2xl text-3xl font-bold sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t("home.lead")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          {rootData?.user ? (
            <Link to="/learn" className="rounded-md bg-white px-5 py-3 font-semibold text-brand-800 hover:bg-brand-50">
              {t("home.ctaContinue")}
            </Link>
          ) : (
            <>
              <Link to="/signup" className="rounded-md bg-white px-5 py-3 font-semibold text-brand-800 hover:bg-brand-50">
                {t("home.ctaSignup")}
              </Link>
              <Link to="/login" className="rounded-md border border-white px-5 py-3 font-semibold text-white hover:bg-brand-800">
                {t("nav.login")}
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="path">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="path" className="text-2xl font-bold">{t("home.pathTitle")}</h2>
          <Link to="/courses" className="font-medium text-brand-700 underline">{t("home.seeCatalogue")}</Link>
        </div>
        <ol className="mt-4 grid gap-4 sm:grid-cols-3">
          {(["tier1", "tier2", "tier3"] as const).map((tier, index) => (
            <li key={tier} className="rounded-xl border border-stone-200 bg-white p-5">
              <p className="text-sm font-semibold text-accent-500">{t("home.tierLabel", { level: index + 1 })}</p>
              <h3 className="mt-1 text-lg font-semibold">{t(`home.${tier}`)}</h3>
              <p className="mt-2 text-sm text-stone-700">{t(`home.${tier}Body`)}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="audiences">
        <h2 id="audiences" className="text-2xl font-bold">{t("home.audiencesTitle")}</h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-3">
          {audiences.map((a) => (
            <li key={a} className="rounded-xl border border-stone-200 bg-white p-5">
              <h3 className="text-lg font-semibold">{t(`home.${a}.title`)}</h3>
              <p className="mt-2 text-sm text-stone-700">{t(`home.${a}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="trust" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="trust" className="text-xl font-bold">{t("home.trustTitle")}</h2>
        <p className="mt-2 text-stone-700">{t("home.trustBody")}</p>
      </section>
    </div>
  );
}
