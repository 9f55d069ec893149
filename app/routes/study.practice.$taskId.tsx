import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isIngredient, PracticeFeedbackView } from "~/components/study/practice-feedback";
import { Alert } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { loadPracticeTask, practiceTaskAction } from "~/modules/study/practice-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadPracticeTask({ user, language: await getLanguage(request), taskId: params.taskId ?? "" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return practiceTaskAction({ user, language: await getLanguage(request), taskId: params.taskId ?? "", formData: await request.formData() });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.task.title} · Maharat` : "Maharat" }];

export default function PracticeTask() {
  const { t } = useTranslation();
  const { task, lessonTitle, answer, feedback, output, solution, examLocked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const marks = answer && "marks" in answer ? answer.marks : {};
  const text = answer && "text" in answer ? answer.text : (task.kind === "improve_draft" ? task.draft ?? "" : "");
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link to="/study/practice" className="text-brand-700 underline">{t("practice.title")}</Link></p>
      <div>
        <p className="text-sm text-stone-600">{t(`practice.kind.${task.kind}`)} · {lessonTitle}</p>
        <h1 className="mt-1 text-2xl font-bold">{task.title}</h1>
      </div>
      <Alert tone="info">{t("practice.notCounted")}</Alert>
      {examLocked ? <Alert tone="error">{t("study.examLocked")}</Alert> : null}
      {result?.error ? <Alert tone="error">{result.message}</Alert> : result?.saved ? <Alert tone="success">{result.message}</Alert> : null}
      <section aria-labelledby="scenario" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="scenario" className="font-semibold">{t("practice.scenario")}</h2>
        <p className="mt-2 whitespace-pre-line break-words">{task.scenario}</p>
        {task.rubric.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold">{t("practice.rubricTitle")}</h3>
            <ul className="mt-1 list-disc space-y-1 ps-6 text-sm">
              {task.rubric.map((line) => (
                <li key={line.id}>
                  {isIngredient(line.id) ? <strong>{t(`practice.line.${line.id}`)}: </strong> : null}
                  {line.description}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {task.constraints.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold">{t("practice.constraintsTitle")}</h3>
            <ul className="mt-1 list-disc space-y-1 ps-6 text-sm">
              {task.constraints.map((c, i) => <li key={i}>{c.value !== null ? t(`practice.constraint.${c.kind}`, { value: c.value }) : c.label}</li>)}
            </ul>
          </>
        ) : null}
      </section>

      <Form method="post" className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
        {task.kind === "check_answer" ? (
          <fieldset className="space-y-3">
            <input type="hidden" name="kind-check" value="1" />
            <legend className="font-semibold">{t("practice.checkAnswer.instructions")}</legend>
            {task.sentences.map((s, index) => (
              <div key={s.id} className="rounded-md border border-stone-200 p-3">
                <p className="break-words"><span className="text-stone-500">{index + 1}. </span>{s.text}</p>
                <label className="mt-2 flex items-center gap-2 text-sm">
                  <input type="checkbox" name={`wrong:${s.id}`} defaultChecked={marks[s.id]?.wrong ?? false} className="size-5" />
                  {t("practice.checkAnswer.isWrong")}
                </label>
                <label htmlFor={`why-${s.id}`} className="mt-2 block text-sm text-stone-700">{t("practice.checkAnswer.why")}</label>
                <textarea id={`why-${s.id}`} name={`why:${s.id}`} rows={2} maxLength={1000} defaultValue={marks[s.id]?.why ?? ""} className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-sm" />
              </div>
            ))}
          </fieldset>
        ) : (
          <div>
            {task.kind === "improve_draft" && task.draft ? (
              <div className="mb-4 rounded-md bg-stone-100 p-3">
                <p className="text-sm font-semibold">{t("practice.draft")}</p>
                <p className="mt-1 whitespace-pre-line break-words text-sm">{task.draft}</p>
              </div>
            ) : null}
            <label htmlFor="answer" className="block font-semibold">{task.kind === "write_prompt" ? t("practice.yourPrompt") : t("practice.yourRewrite")}</label>
            <textarea id="answer" name="text" rows={10} maxLength={5000} defaultValue={text} className="mt-2 block w-full rounded-md border border-stone-300 px-3 py-2" />
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="check" disabled={examLocked} className="rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">{t("practice.check")}</button>
          <button type="submit" name="intent" value="save" disabled={examLocked} className="rounded-md border border-stone-300 px-4 py-2.5 font-medium hover:bg-stone-100 disabled:opacity-60">{t("practice.save")}</button>
        </div>
      </Form>

      {feedback ? <PracticeFeedbackView task={task} feedback={feedback} output={output} solution={solution} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
