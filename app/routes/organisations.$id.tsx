import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { getPublicOrganisation } from "~/modules/certification/public-pages.server";

/** A training centre as credentials name it (credentialSubject.source): who trained the holder. */
export async function loader({ params }: LoaderFunctionArgs) {
  const organisation = await getPublicOrganisation({ organisationId: params.id ?? "" });
  if (!organisation) throw data({ error: "not_found" }, { status: 404 });
  const website = organisation.website && /^https?:\/\//.test(organisation.website) ? organisation.website : null;
  return { organisation: { name: organisation.name, city: organisation.city, website } };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.organisation.name} · Maharat` : "Maharat" }];

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("publicPages.organisation.lead")}>
        <span dir="auto">{organisation.name}</span>
      </PageTitle>
      <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-6">
        {organisation.city ? <p dir="auto">{organisation.city}</p> : null}
        {organisation.website ? (
          <p>
            <a href={organisation.website} className="text-brand-700 underline" rel="noreferrer">{t("publicPages.organisation.website")}</a>
          </p>
        ) : null}
        <p className="text-sm text-stone-600">{t("publicPages.organisation.note")}</p>
      </section>
      <Link to="/verify" className="text-brand-700 underline">{t("publicPages.verifyLink")}</Link>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
