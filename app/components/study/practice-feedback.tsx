import { useTranslation } from "react-i18next";
import type { StoredFeedback } from "~/modules/study/practice.server";

type TaskView = {
  kind: string;
  rubric: Array<{ id: string; description: string }>;
  constraints: Array<{ kind: string; value: number | null; label: string | null }>;
  sentences: Array<{ id: string; text: string }>;
};
type Solution = { modelAnswer: string | null; errors: Record<string, string> } | null;

const mark = (ok: boolean) => (ok ? "✓" : "✗");

/** The five ingredients of a prompt have a translated name; other rubric lines are named by their description. */
export const isIngredient = (id: string) => ["context", "task", "constraints", "format", "sources"].includes(id);

/** The feedback on a practice answer: the local checker line by line, the model's remarks, then a model answer. */
export function PracticeFeedbackView({ task, feedback, output, solution }: { task: TaskView; feedback: StoredFeedback; output: string | null; solution: Solution }) {
  const { t } = useTranslation();
  const local = feedback.local;
  const remarks = feedback.model && "remarks" in feedback.model ? feedback.model.remarks : [];
  return (
    <section id="feedback" aria-labelledby="feedback-title" className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="feedback-title" className="text-lg font-semibold">{t("practice.feedback.title")}</h2>
      {local.kind === "check_answer" ? (
        <>
          <p className={`rounded-md px-3 py-2 font-medium ${local.complete ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900"}`}>
            {t("practice.feedback.score", { found: local.found, total: local.errors })}
            {local.falseAlarms > 0 ? ` ${t("practice.feedback.falseAlarms", { count: local.falseAlarms })}` : ""}
          </p>
          <ol className="space-y-2">
            {local.sentences.map((s, index) => {
              const sentence = task.sentences.find((x) => x.id === s.id);
              const explanation = solution?.errors[s.id];
              return (
                <li key={s.id} className={`rounded-md border p-3 text-sm ${s.status === "found" ? "border-emerald-200" : s.status === "ok" ? "border-stone-200" : "border-amber-300"}`}>
                  <p className="break-words"><span className="text-stone-500">{index + 1}. </span>{sentence?.text}</p>
                  <p className="mt-1 font-semibold">{t(`practice.feedback.${s.status}`)}</p>
                  {s.status === "found" && s.explained === false ? <p className="mt-1">{t("practice.feedback.explainMore")}</p> : null}
                  {explanation && s.status !== "ok" ? <p className="mt-1 text-stone-800">{explanation}</p> : null}
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <>
          <p className="text-sm text-stone-600">{t("practice.feedback.localNote")}</p>
          <ul className="space-y-2">
            {local.rubric.map((line) => {
              const description = task.rubric.find((r) => r.id === line.id)?.description ?? "";
              const remark = remarks.filter((r) => r.line === line.id);
              return (
                <li key={line.id} className={`rounded-md border p-3 text-sm ${line.met ? "border-emerald-200" : "border-amber-300"}`}>
                  <p className="font-semibold"><span aria-hidden="true">{mark(line.met)} </span>{isIngredient(line.id) ? t(`practice.line.${line.id}`) : description} — {line.met ? t("practice.feedback.met") : t("practice.feedback.missing")}</p>
                  {!line.met && isIngredient(line.id) ? <p className="mt-1 text-stone-800">{description}</p> : null}
                  {remark.map((r, i) => <p key={i} className="mt-1 rounded bg-violet-50 p-2 text-violet-900">{t("practice.feedback.modelSays")} {r.remark}</p>)}
                </li>
              );
            })}
          </ul>
          {local.constraints.length > 0 ? (
            <ul className="space-y-1 text-sm">
              {local.constraints.map((c, i) => {
                const label = "value" in c ? t(`practice.constraint.${c.kind}`, { value: c.value }) + ` — ${t("practice.feedback.words", { count: c.count })}` : task.constraints[c.index]?.label;
                return <li key={i} className={c.ok ? "text-emerald-800" : "text-amber-900"}><span aria-hidden="true">{mark(c.ok)} </span>{label}{!c.ok && "found" in c && c.found.length > 0 ? ` (${c.found.join(", ")})` : ""} — {c.ok ? t("practice.feedback.respected") : t("practice.feedback.notRespected")}</li>;
              })}
            </ul>
          ) : null}
          {local.personalData ? <p className="rounded-md bg-red-50 p-3 text-sm text-red-900">{t("practice.feedback.personalData")}</p> : null}
          {feedback.model && "failure" in feedback.model ? <p className="text-sm text-stone-600">{t("practice.feedback.modelUnavailable")}</p> : null}
        </>
      )}
      {output ? (
        <div>
          <h3 className="font-semibold">{t("practice.feedback.output")}</h3>
          <p className="mt-1 whitespace-pre-line break-words rounded-md bg-stone-100 p-3 text-sm">{output}</p>
        </div>
      ) : null}
      {solution?.modelAnswer ? (
        <details>
          <summary className="cursor-pointer font-semibold text-brand-700 underline">{t("practice.feedback.modelAnswer")}</summary>
          <p className="mt-2 whitespace-pre-line break-words rounded-md bg-stone-50 p-3 text-sm">{solution.modelAnswer}</p>
        </details>
      ) : null}
    </section>
  );
}
