import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { formatDateTime, formatNumber } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { MAX_EXTRA_ATTEMPTS, MAX_REOPEN_MINUTES, TIME_FACTORS } from "~/modules/exams/accommodations";
import { getLearnerExamRecord, grantAccommodation, reopenAttempt, StaffActionError } from "~/modules/exams/accommodations.server";

const reason = z.string().trim().min(3, "accommodations.errors.reason").max(500, "accommodations.errors.reasonLong");

const GrantSchema = z.object({
  intent: z.literal("grant"),
  examSlug: z.string().min(1),
  timeFactor: z.coerce.number().refine((v) => TIME_FACTORS.some((f) => f === v), "accommodations.errors.timeFactor"),
  extraAttempts: z.coerce.number().int("accommodations.errors.extraAttempts").min(0, "accommodations.errors.extraAttempts").max(MAX_EXTRA_ATTEMPTS, "accommodations.errors.extraAttempts"),
  reason,
});

const ReopenSchema = z.object({
  intent: z.literal("reopen"),
  attemptId: z.string().min(1),
  minutes: z.coerce.number().int("accommodations.errors.minutes").min(1, "accommodations.errors.minutes").max(MAX_REOPEN_MINUTES, "accommodations.errors.minutes"),
  reason,
});

const ActionSchema = z.discriminatedUnion("intent", [GrantSchema, ReopenSchema]);

function staffErrorResponse(error: StaffActionError, target: string) {
  return data({ target, fieldErrors: {} as Record<string, string[]>, error: error.code }, { status: error.status });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const language = await getLanguage(request);
  return orErrorPage(getLearnerExamRecord({ staff, learnerId: params.userId ?? "", language }));
}

/** Grants extra time / attempts for an exam, or reopens a closed attempt; both need a reason. */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const learnerId = params.userId ?? "";
  const form = Object.fromEntries(await request.formData());
  const parsed = ActionSchema.safeParse(form);
  const target = String(form.examSlug ?? form.attemptId ?? "");
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      const message = issue.message.startsWith("accommodations.") ? issue.message : "accommodations.errors.invalid";
      fieldErrors[key] = [...(fieldErrors[key] ?? []), message];
    }
    return data({ target, fieldErrors, error: null }, { status: 400 });
  }
  try {
    if (parsed.data.intent === "grant") {
      const { examSlug, timeFactor, extraAttempts, reason } = parsed.data;
      await grantAccommodation({ staff, learnerId, examSlug, timeFactor, extraAttempts, reason });
      return redirect(`/teach/learners/${learnerId}?done=granted`);
    }
    const { attemptId, minutes, reason } = parsed.data;
    await reopenAttempt({ staff, learnerId, attemptId, minutes, reason });
    return redirect(`/teach/learners/${learnerId}?done=reopened`);
  } catch (error) {
    if (error instanceof StaffActionError) return staffErrorResponse(error, target);
    throw error;
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "accommodations.title");

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm";

export default function LearnerExamsPage() {
  const { t, i18n } = useTranslation();
  const { learner, exams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const errorsFor = (target: string, field: string) => (actionData?.target === target ? actionData.fieldErrors[field] : undefined);
  const num = (value: number) => formatNumber(value, i18n.language, { maximumFractionDigits: 2 });
  return (
    <div className="space-y-6">
      <PageTitle lead={t("accommodations.lead")}>
        <span dir="auto">{learner.name}</span>
      </PageTitle>
      <p className="text-sm text-stone-600" dir="ltr">{learner.email}</p>
      <p><Link to="/teach" className="text-brand-700 underline">{t("accommodations.back")}</Link></p>
      {done === "granted" ? <Alert tone="success">{t("accommodations.granted")}</Alert> : null}
      {done === "reopened" ? <Alert tone="success">{t("accommodations.reopened")}</Alert> : null}
      {actionData?.error ? <Alert tone="error">{t(`accommodations.errors.${actionData.error}`)}</Alert> : null}
      {exams.map((exam) => (
        <section key={exam.examSlug} aria-labelledby={`exam-${exam.examSlug}`} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
          <h2 id={`exam-${exam.examSlug}`} className="text-lg font-semibold">{exam.title}</h2>
          <p className="text-sm text-stone-700">
            {t("accommodations.current", {
              minutes: Math.round(exam.timeLimitMinutes * exam.current.timeFactor),
              factor: num(exam.current.timeFactor),
              attempts: exam.attemptsAllowed + exam.current.extraAttempts,
            })}
          </p>

          {exam.attempts.length === 0 ? (
            <p className="text-sm">{t("accommodations.noAttempts")}</p>
          ) : (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("accommodations.attempts")}>
              <table className="w-full text-sm">
                <caption className="sr-only">{t("accommodations.attempts")}</caption>
                <thead>
                  <tr className="border-b border-stone-200">
                    <th scope="col" className="p-2 text-start">#</th>
                    <th scope="col" className="p-2 text-start">{t("accommodations.state")}</th>
                    <th scope="col" className="p-2 text-start">{t("accommodations.started")}</th>
                    <th scope="col" className="p-2 text-start">{t("accommodations.score")}</th>
                    <th scope="col" className="p-2 text-start">{t("accommodations.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {exam.attempts.map((a) => (
                    <tr key={a.id} className="border-b border-stone-100 align-top">
                      <td className="p-2">{a.number}</td>
                      <td className="p-2">
                        {t(`accommodations.states.${a.state}`)}
                        {a.staffEvents.map((e) => (
                          <p key={`${e.type}-${e.at}`} className="text-xs text-stone-600">
                            {t(`accommodations.events.${e.type === "reopened" ? "reopened" : "timeExtended"}`, { date: formatDateTime(e.at, i18n.language) })}
                            {e.reason ? <span dir="auto"> — {e.reason}</span> : null}
                          </p>
                        ))}
                      </td>
                      <td className="p-2">{formatDateTime(a.startedAt, i18n.language)}</td>
                      <td className="p-2">{a.percent === null ? "—" : `${num(a.percent)} %`}</td>
                      <td className="p-2">
                        {a.reopenBlockedBy === null ? (
                          <Form method="post" className="space-y-2">
                            <input type="hidden" name="intent" value="reopen" />
                            <input type="hidden" name="attemptId" value={a.id} />
                            <label className="block text-xs font-medium" htmlFor={`minutes-${a.id}`}>{t("accommodations.minutes")}</label>
                            <input id={`minutes-${a.id}`} name="minutes" type="number" min={1} max={MAX_REOPEN_MINUTES} defaultValue={Math.round(exam.timeLimitMinutes * exam.current.timeFactor)} required className={inputClass} />
                            <FieldErrors id={`minutes-${a.id}-error`} errors={errorsFor(a.id, "minutes")} />
                            <label className="block text-xs font-medium" htmlFor={`reason-${a.id}`}>{t("accommodations.reason")}</label>
                            <textarea id={`reason-${a.id}`} name="reason" required minLength={3} maxLength={500} rows={2} className={inputClass} />
                            <FieldErrors id={`reason-${a.id}-error`} errors={errorsFor(a.id, "reason")} />
                            <button type="submit" disabled={navigation.state === "submitting"} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium hover:bg-stone-100">
                              {t("accommodations.reopen")}
                            </button>
                          </Form>
                        ) : (
                          <span className="text-xs text-stone-600">{t(`accommodations.blocked.${a.reopenBlockedBy}`)}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <Form method="post" className="grid gap-3 rounded-lg bg-stone-50 p-4 sm:grid-cols-2">
            <h3 className="font-semibold sm:col-span-2">{t("accommodations.grantTitle")}</h3>
            <input type="hidden" name="intent" value="grant" />
            <input type="hidden" name="examSlug" value={exam.examSlug} />
            <div>
              <label className="block text-sm font-medium" htmlFor={`factor-${exam.examSlug}`}>{t("accommodations.timeFactor")}</label>
              <select id={`factor-${exam.examSlug}`} name="timeFactor" defaultValue={String(exam.current.timeFactor)} className={inputClass}>
                {TIME_FACTORS.map((f) => (
                  <option key={f} value={f}>
                    {t("accommodations.factorOption", { factor: num(f), minutes: Math.round(exam.timeLimitMinutes * f) })}
                  </option>
                ))}
              </select>
              <FieldErrors id={`factor-${exam.examSlug}-error`} errors={errorsFor(exam.examSlug, "timeFactor")} />
            </div>
            <div>
              <label className="block text-sm font-medium" htmlFor={`extra-${exam.examSlug}`}>{t("accommodations.extraAttempts")}</label>
              <input id={`extra-${exam.examSlug}`} name="extraAttempts" type="number" min={0} max={MAX_EXTRA_ATTEMPTS} defaultValue={exam.current.extraAttempts} required className={inputClass} />
              <FieldErrors id={`extra-${exam.examSlug}-error`} errors={errorsFor(exam.examSlug, "extraAttempts")} />
            </div>
            <div className="sm:col-span-2">
              <label className="block text-sm font-medium" htmlFor={`reason-${exam.examSlug}`}>{t("accommodations.reason")}</label>
              <textarea id={`reason-${exam.examSlug}`} name="reason" required minLength={3} maxLength={500} rows={2} className={inputClass} />
              <FieldErrors id={`reason-${exam.examSlug}-error`} errors={errorsFor(exam.examSlug, "reason")} />
            </div>
            <div className="sm:col-span-2">
              <button type="submit" disabled={navigation.state === "submitting"} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
                {t("accommodations.grant")}
              </button>
            </div>
          </Form>

          {exam.grants.length > 0 ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t("accommodations.history", { count: exam.grants.length })}</summary>
              <ul className="mt-2 space-y-1 text-sm">
                {exam.grants.map((g) => (
                  <li key={g.id}>
                    {formatDateTime(g.createdAt, i18n.language)} · {t("accommodations.grantLine", { factor: num(g.timeFactor), extra: g.extraAttempts, name: g.grantedBy })}
                    <span dir="auto"> — {g.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
