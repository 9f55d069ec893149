import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDateTime } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { loadReview, reviewAction } from "~/modules/study/practice-page.server";
import { isolateLatinRuns } from "~/lib/bidi";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadReview({ user, language: await getLanguage(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return reviewAction({ user, language: await getLanguage(request), formData: await request.formData() });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "review.title");

export default function ReviewPage() {
  const { t, i18n } = useTranslation();
  const { question, due, examLocked } = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  const result = answered?.result;
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link to="/study" className="text-brand-700 underline">{t("study.title")}</Link></p>
      <PageTitle lead={t("review.lead")}>{t("review.title")}</PageTitle>
      {examLocked ? <Alert tone="error">{t("study.examLocked")}</Alert> : null}
      {answered?.error ? <Alert tone="error">{answered.message}</Alert> : null}
      {result ? (
        <section aria-labelledby="review-result" className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="review-result" className={`text-lg font-semibold ${result.correct ? "text-emerald-800" : "text-amber-900"}`}>{result.correct ? t("review.correct") : t("review.wrong")}</h2>
          <p className="break-words">{isolateLatinRuns(result.question.prompt)}</p>
          <p className="text-sm"><strong>{t("review.rightAnswer")}</strong> {result.question.type === "true_false" ? t(`review.${result.rightAnswer}`) : result.rightAnswer}</p>
          <p className="break-words text-sm text-stone-800">{isolateLatinRuns(result.explanation)}</p>
          <p className="text-sm text-stone-600">{t("review.nextDue", { date: formatDateTime(result.nextDue, i18n.language) })}</p>
          <Link to="/study/review" className="inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">{t("review.next")}</Link>
        </section>
      ) : question ? (
        <Form method="post" className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
          <p className="text-sm text-stone-600">{t("review.due", { count: due })}</p>
          <input type="hidden" name="questionId" value={question.id} />
          <fieldset>
            <legend className="break-words font-semibold">{isolateLatinRuns(question.prompt)}</legend>
            <div className="mt-3 space-y-2">
              {(question.type === "true_false" ? [{ id: "true", text: t("review.true") }, { id: "false", text: t("review.false") }] : question.options).map((o) => (
                <label key={o.id} className="flex items-start gap-2 rounded-md border border-stone-200 p-3">
                  <input type="radio" name="choice" value={o.id} required className="mt-1 size-5 shrink-0" />
                  <span className="break-words">{isolateLatinRuns(o.text)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700">{t("review.answer")}</button>
        </Form>
      ) : !examLocked ? (
        <Alert tone="success">{t("review.none")}</Alert>
      ) : null}
    </div>
  );
}
