import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A helpful error page in the reader's language; never shows stack traces. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 429 ? "tooMany" : status < 500 ? "badRequest" : "server";
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl rounded-xl border border-stone-200 bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold text-accent-500">{t("errors.status", { status })}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold">{t(`errors.${key}.title`)}</h1>
      <p className="mt-3 text-stone-700">{t(`errors.${key}.body`)}</p>
      <p className="mt-6">
        <Link to="/" className="font-medium text-brand-700 underline">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
