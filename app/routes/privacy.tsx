import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { PRIVACY_NOTICE_VERSION } from "~/modules/accounts/schemas";
import { pageMeta } from "~/lib/meta";
import { privacyContacts } from "~/modules/privacy/contacts.server";

/** The controller and its contacts come from the deployment's configuration (README "Configuration", PRIVACY_*). */
export async function loader() {
  return { contacts: privacyContacts() };
}

export const PRIVACY_SECTIONS = [
  "controller",
  "data",
  "purposes",
  "basis",
  "retention",
  "recipients",
  "automated",
  "study",
  "rights",
  "security",
  "contact",
] as const;

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "privacy.title");

export default function PrivacyPage() {
  const { t, i18n } = useTranslation();
  const { contacts } = useLoaderData<typeof loader>();
  return (
    <article className="prose max-w-3xl space-y-6">
      <PageTitle lead={t("privacy.version", { version: formatDate(PRIVACY_NOTICE_VERSION, i18n.language) })}>
        {t("privacy.title")}
      </PageTitle>
      <p>{t("privacy.intro")}</p>
      {PRIVACY_SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`privacy-${s}`}>
          <h2 id={`privacy-${s}`} className="text-lg font-semibold">{t(`privacy.${s}.title`)}</h2>
          <p className="mt-2 text-stone-800">{t(`privacy.${s}.body`)}</p>
          {s === "controller" || s === "contact" ? <ControllerContacts contacts={contacts} /> : null}
          {s === "rights" ? (
            <p className="mt-2">
              <Link to="/account/privacy" className="text-brand-700 underline">{t("privacy.selfService")}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </article>
  );
}

function ControllerContacts({ contacts }: { contacts: ReturnType<typeof privacyContacts> }) {
  const { t } = useTranslation();
  if (!contacts.controller && !contacts.email) return <p className="mt-2 text-sm text-amber-800">{t("privacy.contacts.notConfigured")}</p>;
  return (
    <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
      {contacts.controller ? (
        <>
          <dt className="text-stone-600">{t("privacy.contacts.controller")}</dt>
          <dd><bdi>{contacts.controller}</bdi></dd>
        </>
      ) : null}
      {contacts.email ? (
        <>
          <dt className="text-stone-600">{t("privacy.contacts.email")}</dt>
          <dd><a href={`mailto:${contacts.email}`} className="text-brand-700 underline" dir="ltr">{contacts.email}</a></dd>
        </>
      ) : null}
      {contacts.dpo ? (
        <>
          <dt className="text-stone-600">{t("privacy.contacts.dpo")}</dt>
          <dd><a href={`mailto:${contacts.dpo}`} className="text-brand-700 underline" dir="ltr">{contacts.dpo}</a></dd>
        </>
      ) : null}
    </dl>
  );
}
