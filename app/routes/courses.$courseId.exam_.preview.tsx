import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ExamItem } from "~/components/exam-item";
import { Alert } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { directionOf, languageNames } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { CONTENT_LANGUAGES, type ContentLanguage } from "~/modules/catalog/content/types";
import { getExamPreview } from "~/modules/exams/attempt-view.server";

/** GET /courses/:courseId/exam/preview?lng=fr|ar|en — the whole bank as an attempt shows it, for instructors and admins. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN", "PLATFORM_ADMIN"]);
  const asked = new URL(request.url).searchParams.get("lng");
  const language: ContentLanguage = CONTENT_LANGUAGES.find((l) => l === asked) ?? (await getLanguage(request));
  return orErrorPage(getExamPreview({ courseId: params.courseId ?? "", language }));
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "exam.preview.title");

export default function ExamPreview() {
  const { t } = useTranslation();
  const preview = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to={`/courses/${preview.courseId}`} className="text-brand-700 underline">{t("exam.preview.backToCourse")}</Link>
      </nav>
      <h1 className="text-2xl font-bold">{t("exam.preview.title")} — {preview.title}</h1>
      <Alert tone="info">{t("exam.preview.lead", { version: preview.version })}</Alert>
      <nav aria-label={t("exam.preview.languages")} className="flex flex-wrap gap-2 text-sm">
        {CONTENT_LANGUAGES.map((l) => (
          <Link key={l} to={`?lng=${l}`} aria-current={l === preview.language ? "page" : undefined} className="rounded-md border border-stone-300 px-3 py-1.5 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white">
            {languageNames[l]}
          </Link>
        ))}
      </nav>
      {/* The same form markup as an attempt (lang, dir, fields), never submitted. */}
      <form lang={preview.language} dir={directionOf(preview.language)} className="space-y-8" onSubmit={(event) => event.preventDefault()}>
        {preview.pools.map((pool) => (
          <section key={pool.id} aria-labelledby={`pool-${pool.id}`} className="space-y-4">
            <h2 id={`pool-${pool.id}`} className="text-lg font-semibold">{pool.title} <span className="text-sm font-normal text-stone-600">({t("exam.preview.draw", { draw: pool.draw, count: pool.items.length })})</span></h2>
            {pool.items.map(({ bankId, index, view }) => (
              <div key={bankId}>
                <p className="mb-1 text-xs text-stone-600" dir="ltr">{bankId}</p>
                <ExamItem item={view} index={index} saved={undefined} autosaveUrl={null} />
              </div>
            ))}
          </section>
        ))}
      </form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
