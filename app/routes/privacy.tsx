import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { PRIVACY_NOTICE_VERSION } from "~/modules/accounts/schemas";
import { pageMeta } from "~/lib/meta";

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
        </section>
      ))}
    </article>
  );
}
