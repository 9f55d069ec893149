import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExamItem } from "~/components/exam-item";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { directionOf, formatDateTime, formatNumber } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { byItemId, getAttemptForTaking, getAttemptFormItems } from "~/modules/exams/attempt-view.server";
import { AttemptError, saveResponses, submitAttempt } from "~/modules/exams/attempts.server";
import { MAX_TEXT_ANSWER, readAnswerForm } from "~/modules/exams/form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attempt = await orErrorPage(getAttemptForTaking({ attemptId: params.attemptId ?? "", userId: user.id }));
  if (attempt.state !== "IN_PROGRESS") throw redirect(`/exams/${attempt.id}/result`);
  return attempt;
}

/**
 * The page's own form post (it works without JavaScript): saves every answer on the page, then submits when asked.
 * With JavaScript, each answer is also saved in the background by POST /exams/:id/autosave (server/app.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const attemptId = params.attemptId ?? "";
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    const items = await getAttemptFormItems({ attemptId, userId: user.id });
    const answers = readAnswerForm(form, items.views);
    // Valid answers are saved even when another field of the same post is refused; the page names what was not.
    await saveResponses({ attemptId, userId: user.id, responses: byItemId(answers.responses, items.itemIdOf) });
    if (answers.refused.length > 0 || answers.truncated.length > 0) {
      const refused = answers.refused.map((entry) => entry.itemId);
      return data({ ok: false, closed: false, refused, truncated: answers.truncated }, { status: answers.refused.length > 0 ? 400 : 200 });
    }
    if (intent === "submit") {
      await submitAttempt({ attemptId, userId: user.id });
      return redirect(`/exams/${attemptId}/result`);
    }
  } catch (error) {
    if (error instanceof AttemptError && error.code === "attempt_closed") return redirect(`/exams/${attemptId}/result`);
    if (error instanceof AttemptError) return data({ ok: false, closed: false, refused: [], truncated: [] }, { status: error.status });
    throw error;
  }
  return redirect(`/exams/${attemptId}?saved=1`);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "exam.title");

function useCountdown(seconds: number) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const end = Date.now() + seconds * 1000;
    const id = setInterval(() => setLeft(Math.max(0, Math.round((end - Date.now()) / 1000))), 1000);
    return () => clearInterval(id);
  }, [seconds]);
  return left;
}

export default function TakeExamPage() {
  const { t, i18n } = useTranslation();
  const attempt = useLoaderData<typeof loader>();
  // The action's data is read loosely: its redirect branches make the inferred type useless here.
  const actionData: unknown = useActionData<typeof action>();
  const navigation = useNavigation();
  const numbersOf = (ids: unknown) =>
    (Array.isArray(ids) ? ids : []).map((id) => attempt.items.findIndex((item) => item.id === id) + 1).filter((n) => n > 0).join(", ");
  const fromAction = (key: string) => (typeof actionData === "object" && actionData !== null ? Reflect.get(actionData, key) : undefined);
  const refusedNumbers = numbersOf(fromAction("refused"));
  const truncatedNumbers = numbersOf(fromAction("truncated"));
  const [params] = useSearchParams();
  const left = useCountdown(attempt.secondsLeft);
  const submitRef = useRef<HTMLButtonElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    // Time is up: hand the page in (the server closes the attempt at the deadline anyway).
    if (left === 0 && !submitted.current) {
      submitted.current = true;
      submitRef.current?.click();
    }
  }, [left]);
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, "0");
  const action = `/exams/${attempt.id}?index`;
  return (
    <div className="space-y-6">
      <header className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 bg-stone-50/95 px-4 py-3">
        <h1 className="text-lg font-bold sm:text-xl">{attempt.title} · {t("exam.attemptNumber", { number: attempt.number })}</h1>
        <p className="font-mono text-lg" role="timer" aria-live="off" aria-label={t("exam.timeLeft")}>
          <span dir="ltr">{minutes}:{seconds}</span>
        </p>
        <p className="w-full text-sm text-stone-600">{t("exam.deadline", { date: formatDateTime(attempt.deadlineAt, i18n.language) })}</p>
      </header>
      {params.get("saved") ? <Alert tone="success">{t("exam.savedAll")}</Alert> : null}
      {refusedNumbers ? <Alert tone="error">{t("exam.refusedFields", { numbers: refusedNumbers })}</Alert> : null}
      {truncatedNumbers ? <Alert tone="info">{t("exam.answerCut", { numbers: truncatedNumbers, max: formatNumber(MAX_TEXT_ANSWER, i18n.language) })}</Alert> : null}
      <Form method="post" action={action} lang={attempt.language} dir={directionOf(attempt.language)} className="space-y-4">
        {attempt.items.map((item, index) => (
          <ExamItem key={item.id} item={item} index={index} saved={savedOf(attempt.saved, item.id)} autosaveUrl={`/exams/${attempt.id}/autosave`} />
        ))}
        <div className="flex flex-wrap gap-3 border-t border-stone-200 pt-4">
          <button type="submit" name="intent" value="save" className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100">
            {t("exam.saveAll")}
          </button>
          <button ref={submitRef} type="submit" name="intent" value="submit" disabled={navigation.state === "submitting"} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
            {t("exam.submit")}
          </button>
        </div>
        <p className="text-sm text-stone-600">{t("exam.submitHint")}</p>
      </Form>
    </div>
  );
}

function savedOf(saved: Record<string, unknown>, itemId: string): Record<string, unknown> | undefined {
  const value = saved[itemId];
  return value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
