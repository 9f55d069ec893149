import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { prisma } from "~/lib/db.server";
import { formatDateTime, languageNames, isLanguage } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/auth.server";
import { pageMeta } from "~/lib/meta";
import { countConversations } from "~/modules/study/conversations.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const consents = await prisma.consent.findMany({
    where: { userId: user.id },
    select: { kind: true, version: true, acceptedAt: true, withdrawnAt: true },
    orderBy: { acceptedAt: "desc" },
  });
  const tutorConversations = await countConversations(user.id);
  return { user: { name: user.name, email: user.email, locale: user.locale, roles: user.roles }, consents, tutorConversations };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "account.title");

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  const { user, consents, tutorConversations } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageTitle>{t("account.title")}</PageTitle>
      <section aria-labelledby="profile" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="profile" className="text-lg font-semibold">{t("account.profile")}</h2>
        <dl className="mt-4 grid gap-3 sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-stone-600">{t("fields.name")}</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium text-stone-600">{t("fields.email")}</dt>
          <dd dir="ltr" className="text-start">{user.email}</dd>
          <dt className="font-medium text-stone-600">{t("fields.language")}</dt>
          <dd>{isLanguage(user.locale) ? languageNames[user.locale] : user.locale}</dd>
          <dt className="font-medium text-stone-600">{t("account.roles")}</dt>
          <dd>{user.roles.map((r) => t(`roles.${r}`)).join(" · ")}</dd>
        </dl>
        <p className="mt-4">
          <Link to="/account/profile" className="font-medium text-brand-700 underline">{t("profile.title")}</Link>
        </p>
      </section>
      <section aria-labelledby="security" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="security" className="text-lg font-semibold">{t("account.security")}</h2>
        <ul className="mt-4 space-y-2">
          <li><Link to="/account/password" className="font-medium text-brand-700 underline">{t("account.changePassword")}</Link></li>
          <li><Link to="/account/sessions" className="font-medium text-brand-700 underline">{t("account.sessions")}</Link></li>
          <li><Link to="/account/privacy" className="font-medium text-brand-700 underline">{t("privacy.account.title")}</Link></li>
          <li><Link to="/account/job-board" className="font-medium text-brand-700 underline">{t("jobBoard.title")}</Link></li>
        </ul>
      </section>
      <section aria-labelledby="tutor-data" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="tutor-data" className="text-lg font-semibold">{t("study.history.title")}</h2>
        <p className="mt-2">{t("study.history.count", { count: tutorConversations })}</p>
        <p className="mt-2"><Link to="/study#history" className="font-medium text-brand-700 underline">{t("study.history.open")}</Link></p>
      </section>
      <section aria-labelledby="consents" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="consents" className="text-lg font-semibold">{t("account.consents")}</h2>
        <ul className="mt-4 space-y-2">
          {consents.map((c) => (
            <li key={`${c.kind}-${c.version}-${c.acceptedAt}`}>
              {t(`consent.${c.kind}`, { defaultValue: c.kind })} — {t("account.consentVersion", { version: c.version })} —{" "}
              {formatDateTime(c.acceptedAt, i18n.language)}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-stone-600">{t("account.rightsNotice")}</p>
      </section>
    </div>
  );
}
