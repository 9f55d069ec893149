import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { directionOf, formatDateTime, isLanguage, languageNames } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { decideReview, getReviewCohort, listReviewQueue, ReviewError } from "~/modules/exams/review.server";
import { isolateLatinRuns } from "~/lib/bidi";

/** `?cohort=<id>` narrows the queue to one cohort of the reviewer's scope (a cohort dashboard links here). */
function cohortFilter(request: Request) {
  return new URL(request.url).searchParams.get("cohort") || undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const cohortId = cohortFilter(request);
  const [cohort, queue] = await orErrorPage(
    Promise.all([
      cohortId === undefined ? null : getReviewCohort({ reviewer: user, cohortId }),
      getLanguage(request).then((readerLanguage) => listReviewQueue({ reviewer: user, cohortId, readerLanguage })),
    ]),
  );
  return { cohort, queue };
}

/** A reviewer confirms or changes the suggested score for one open answer. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const form = await request.formData();
  const attemptId = String(form.get("attemptId") ?? "");
  const itemId = String(form.get("itemId") ?? "");
  // A missing or blank score is not 0: Number("") would award nothing and close the attempt.
  const rawPoints = String(form.get("points") ?? "").trim().replace(",", ".");
  const points = rawPoints === "" ? Number.NaN : Number(rawPoints);
  const comment = String(form.get("comment") ?? "").trim();
  try {
    await decideReview({ attemptId, itemId, reviewer: user, points, comment: comment || undefined });
  } catch (error) {
    if (error instanceof ReviewError) return data({ error: error.code, attemptId, itemId }, { status: error.status });
    throw error;
  }
  // Back to the queue the reviewer was working through (the form posts to the page's URL, filter included).
  const cohortId = cohortFilter(request);
  const back = new URLSearchParams(cohortId === undefined ? {} : { cohort: cohortId });
  back.set("decided", "1");
  return redirect(`/reviews?${back}`);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "reviews.title");

export default function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const { cohort, queue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("reviews.lead")}>{t("reviews.title")}</PageTitle>
      {cohort ? (
        <p className="text-sm">
          {t("reviews.cohortFilter", { cohort: cohort.name, centre: cohort.organisationName })}{" "}
          <Link to="/reviews" className="font-medium text-brand-700 underline">{t("reviews.allCohorts")}</Link>
        </p>
      ) : null}
      {params.get("decided") ? <Alert tone="success">{t("reviews.decided")}</Alert> : null}
      {queue.length === 0 ? <p>{t("reviews.empty")}</p> : null}
      {queue.map((attempt) => (
        <section key={attempt.attemptId} aria-labelledby={`a-${attempt.attemptId}`} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
          <h2 id={`a-${attempt.attemptId}`} className="text-lg font-semibold">
            {attempt.examTitle} · {t("exam.attemptNumber", { number: attempt.number })}
          </h2>
          <p className="text-sm text-stone-600">
            {t("reviews.learner", { id: attempt.learnerId.slice(-6) })}
            {attempt.submittedAt ? ` · ${formatDateTime(attempt.submittedAt, i18n.language)}` : ""}
            {attempt.language !== i18n.language && isLanguage(attempt.language) ? ` · ${t("reviews.answeredIn", { language: languageNames[attempt.language] })}` : ""}
          </p>
          {attempt.items.map((item) => (
            <article key={item.itemId} className="space-y-3 border-t border-stone-200 pt-4">
              <p className="font-medium" lang={attempt.shownLanguage} dir={directionOf(attempt.shownLanguage)}>{isolateLatinRuns(item.prompt)}</p>
              <div>
                <h3 className="text-sm font-semibold">{t("reviews.rubric")}</h3>
                <ul className="list-disc ps-6 text-sm" lang={attempt.shownLanguage} dir={directionOf(attempt.shownLanguage)}>
                  {item.rubric.map((c) => (
                    <li key={c.id}>{c.description} ({t("exam.points", { count: c.points })})</li>
                  ))}
                </ul>
              </div>
              <div>
                <h3 className="text-sm font-semibold">{t("reviews.answer")}</h3>
                <p className="whitespace-pre-wrap rounded-md bg-stone-50 p-3" lang={attempt.language} dir="auto">{item.answer}</p>
              </div>
              {item.suggestion ? (
                <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm">
                  <p className="font-semibold">
                    {t(item.suggestion.source === "ai" ? "reviews.suggestionAi" : "reviews.suggestionLocal", {
                      points: item.suggestion.suggestedPoints,
                      max: item.maxPoints,
                    })}
                  </p>
                  <p className="mt-1 whitespace-pre-wrap" dir="auto">{item.suggestion.justification}</p>
                </div>
              ) : (
                <p className="text-sm text-stone-600">{t("reviews.noSuggestion")}</p>
              )}
              {item.decision ? (
                <p className="text-sm font-medium text-brand-700">{t("reviews.alreadyDecided", { points: item.decision.points, max: item.maxPoints })}</p>
              ) : (
                <Form method="post" className="flex flex-wrap items-end gap-3">
                  <input type="hidden" name="attemptId" value={attempt.attemptId} />
                  <input type="hidden" name="itemId" value={item.itemId} />
                  <label className="block text-sm">
                    {t("reviews.points", { max: item.maxPoints })}
                    <input
                      type="number"
                      name="points"
                      min={0}
                      max={item.maxPoints}
                      step={0.5}
                      required
                      defaultValue={item.suggestion?.suggestedPoints ?? ""}
                      className="mt-1 block w-28 rounded-md border border-stone-300 px-2 py-1"
                    />
                  </label>
                  <label className="block flex-1 text-sm">
                    {t("reviews.comment")}
                    <input type="text" name="comment" maxLength={2000} className="mt-1 block w-full rounded-md border border-stone-300 px-2 py-1" />
                  </label>
                  <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
                    {t("reviews.confirm")}
                  </button>
                  {actionData && actionData.attemptId === attempt.attemptId && actionData.itemId === item.itemId ? (
                    <p role="alert" className="w-full text-sm text-red-700">{t(`reviews.errors.${actionData.error}`)}</p>
                  ) : null}
                </Form>
              )}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
