import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CandidateHandle } from "~/components/candidate-handle";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, FormErrors, PageTitle } from "~/components/ui/form";
import { formatDate, formatDateTime } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { answerContactRequest } from "~/modules/candidates/contact.server";
import { CandidateError } from "~/modules/candidates/errors";
import { loadJobBoardPage } from "~/modules/candidates/pages.server";
import { optInToJobBoard, updateJobBoardPreferences, withdrawFromJobBoard } from "~/modules/candidates/profile.server";
import { ContactDecisionSchema, OptInSchema, PreferencesSchema, WithdrawSchema } from "~/modules/candidates/schemas";
import { isRegion, REGIONS, regionLabel, WORK_LANGUAGES } from "~/modules/jobs/regions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadJobBoardPage({ userId: user.id, language: await getLanguage(request) });
}

/** Opt in, withdraw, save the settings, answer a contact request (one form each, told apart by `intent`). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  try {
    if (intent === "opt-in") {
      const submission = parseWithZod(formData, { schema: OptInSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), error: null }, { status: 400 });
      await optInToJobBoard({ userId: user.id, locale: await getLanguage(request) });
      return redirect("/account/job-board?done=opted-in");
    }
    if (intent === "withdraw") {
      const submission = parseWithZod(formData, { schema: WithdrawSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), error: null }, { status: 400 });
      await withdrawFromJobBoard({ userId: user.id });
      return redirect("/account/job-board?done=withdrawn");
    }
    if (intent === "save-preferences") {
      const submission = parseWithZod(formData, { schema: PreferencesSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), error: null }, { status: 400 });
      const { region, openToRemote, languages, declaredSkillIds } = submission.value;
      try {
        await updateJobBoardPreferences({ userId: user.id, region: region && isRegion(region) ? region : null, openToRemote, languages, declaredSkillIds });
      } catch (error) {
        // The form comes back as sent (nothing lost), with the reason.
        if (error instanceof CandidateError) {
          return data({ intent, result: submission.reply({ formErrors: [`jobBoard.errors.${error.code}`] }), error: null }, { status: error.status });
        }
        throw error;
      }
      return redirect("/account/job-board?done=saved");
    }
    if (intent === "contact-accept" || intent === "contact-decline") {
      const submission = parseWithZod(formData, { schema: ContactDecisionSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), error: "badRequest" }, { status: 400 });
      const decision = submission.value.intent === "contact-accept" ? "accept" : "decline";
      await answerContactRequest({ requestId: submission.value.requestId, userId: user.id, decision });
      return redirect(`/account/job-board?done=contact-${decision === "accept" ? "accepted" : "declined"}#contact-requests`);
    }
  } catch (error) {
    if (error instanceof CandidateError) return data({ intent, result: undefined, error: error.code }, { status: error.status });
    throw error;
  }
  return data({ intent, result: undefined, error: "badRequest" }, { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "jobBoard.title");

const DONE_MESSAGES = {
  "opted-in": "jobBoard.done.optedIn",
  withdrawn: "jobBoard.done.withdrawn",
  saved: "jobBoard.done.saved",
  "contact-accepted": "jobBoard.done.contactAccepted",
  "contact-declined": "jobBoard.done.contactDeclined",
  objection: "jobBoard.done.objection",
} as const;

function isDone(value: string | null): value is keyof typeof DONE_MESSAGES {
  return value !== null && value in DONE_MESSAGES;
}

/** Errors of a list field and of its items ("languages[2]"), each once, or undefined when there are none. */
function uniqueErrors(allErrors: Record<string, string[]>) {
  const errors = [...new Set(Object.values(allErrors).flat())];
  return errors.length > 0 ? errors : undefined;
}

const sectionClass = "space-y-4 rounded-xl border border-stone-200 bg-white p-6";
const primaryButton = "rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
const secondaryButton = "rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100";

export default function JobBoardPage() {
  const { t, i18n } = useTranslation();
  const { profile, verifiedSkills, contactRequests, objections } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const isActive = profile?.active === true;
  return (
    <div className="space-y-8">
      <PageTitle lead={t("jobBoard.lead")}>{t("jobBoard.title")}</PageTitle>
      {isDone(done) ? <Alert tone="success">{t(DONE_MESSAGES[done])}</Alert> : null}
      {actionData?.error ? <Alert tone="error">{t(`jobBoard.errors.${actionData.error}`)}</Alert> : null}

      <section aria-labelledby="job-board-status" className={sectionClass}>
        <h2 id="job-board-status" className="text-lg font-semibold">{t("jobBoard.status.title")}</h2>
        {isActive ? (
          <>
            <p>
              {t("jobBoard.status.active")} <strong><CandidateHandle handle={profile.handle} /></strong>
            </p>
            <p className="text-sm text-stone-600">{t("jobBoard.status.since", { date: formatDate(profile.optedInAt, i18n.language) })}</p>
            <p>
              <Link to="/account/job-board/matches" className="font-medium text-brand-700 underline">{t("jobBoard.status.seeMatches")}</Link>
            </p>
            <details className="rounded-md border border-stone-200 p-3">
              <summary className="cursor-pointer font-medium">{t("jobBoard.notice.title")}</summary>
              <Notice />
            </details>
            <WithdrawForm />
          </>
        ) : (
          <>
            <p>{profile ? t("jobBoard.status.withdrawn", { date: profile.withdrawnAt ? formatDate(profile.withdrawnAt, i18n.language) : "" }) : t("jobBoard.status.off")}</p>
            <h3 className="font-semibold">{t("jobBoard.notice.title")}</h3>
            <Notice />
            <OptInForm />
          </>
        )}
      </section>

      {isActive ? <PreferencesSection /> : null}

      <section aria-labelledby="verified-skills" className={sectionClass}>
        <h2 id="verified-skills" className="text-lg font-semibold">{t("jobBoard.verified.title")}</h2>
        <p className="text-sm text-stone-600">{t("jobBoard.verified.lead")}</p>
        {verifiedSkills.length === 0 ? (
          <p>
            {t("jobBoard.verified.none")}{" "}
            <Link to="/courses" className="text-brand-700 underline">{t("jobBoard.verified.browse")}</Link>
          </p>
        ) : (
          <ul className="space-y-1">
            {verifiedSkills.map((s) => (
              <li key={s.skillId}>
                <span className="me-2 inline-block rounded border border-emerald-200 bg-emerald-50 px-2 py-0.5 text-sm text-emerald-900">{t("jobBoard.breakdown.verified")}</span>
                <bdi className="font-medium">{s.label}</bdi> — {t("jobBoard.verified.tier", { tier: s.tier })} ·{" "}
                <span className="text-sm text-stone-600"><bdi>{s.courses.join(", ")}</bdi></span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="contact-requests" aria-labelledby="contact-title" className={sectionClass}>
        <h2 id="contact-title" className="text-lg font-semibold">{t("jobBoard.contact.title")}</h2>
        {contactRequests.length === 0 ? (
          <p className="text-stone-600">{t("jobBoard.contact.none")}</p>
        ) : (
          <ul className="space-y-4">
            {contactRequests.map((r) => (
              <li key={r.id} className="space-y-2 rounded-lg border border-stone-200 p-4">
                <p className="font-medium">
                  <bdi>{r.employerName}</bdi> — <bdi>{r.jobTitle}</bdi>
                </p>
                <p className="text-sm text-stone-600">{formatDateTime(r.createdAt, i18n.language)} · {t(`jobBoard.contact.status.${r.status}`)}</p>
                {r.message ? (
                  <blockquote className="whitespace-pre-line border-s-4 border-stone-200 ps-3" dir="auto">{r.message}</blockquote>
                ) : null}
                {r.status === "PENDING" ? (
                  <Form method="post" className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="requestId" value={r.id} />
                    <p className="w-full text-sm text-stone-700">{t("jobBoard.contact.acceptExplains", { employer: r.employerName })}</p>
                    <button type="submit" name="intent" value="contact-accept" className={primaryButton}>{t("jobBoard.contact.accept")}</button>
                    <button type="submit" name="intent" value="contact-decline" className={secondaryButton}>{t("jobBoard.contact.decline")}</button>
                  </Form>
                ) : r.status === "ACCEPTED" ? (
                  <p className="text-sm text-stone-700">{t("jobBoard.contact.acceptedExplains", { employer: r.employerName })}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="objections" aria-labelledby="objections-title" className={sectionClass}>
        <h2 id="objections-title" className="text-lg font-semibold">{t("jobBoard.objections.title")}</h2>
        <p className="text-sm text-stone-600">{t("jobBoard.objections.lead")}</p>
        {objections.length === 0 ? (
          <p className="text-stone-600">{t("jobBoard.objections.none")}</p>
        ) : (
          <ul className="space-y-4">
            {objections.map((o) => (
              <li key={o.id} className="space-y-2 rounded-lg border border-stone-200 p-4">
                <p className="font-medium"><bdi>{o.jobTitle}</bdi></p>
                <p className="text-sm text-stone-600">
                  {t("jobBoard.objections.sent", { date: formatDateTime(o.createdAt, i18n.language) })} · {t(`jobBoard.objections.status.${o.status}`)}
                </p>
                <blockquote className="whitespace-pre-line border-s-4 border-stone-200 ps-3" dir="auto">{o.message}</blockquote>
                {o.answer ? (
                  <div className="rounded-md bg-brand-50 p-3">
                    <p className="text-sm font-medium">
                      {t("jobBoard.objections.answer", { date: o.answeredAt ? formatDateTime(o.answeredAt, i18n.language) : "" })}
                    </p>
                    <p className="whitespace-pre-line" dir="auto">{o.answer}</p>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** What employers see and never see, how matching works and the right to object: read before consenting. */
function Notice() {
  const { t } = useTranslation();
  return (
    <div className="space-y-2 text-stone-800">
      <p>{t("jobBoard.notice.shown")}</p>
      <p>{t("jobBoard.notice.neverShown")}</p>
      <p>{t("jobBoard.notice.disclosure")}</p>
      <p>{t("jobBoard.notice.explained")}</p>
      <p>{t("jobBoard.notice.object")}</p>
      <p>{t("jobBoard.notice.withdraw")}</p>
    </div>
  );
}

function OptInForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "job-board-opt-in",
    lastResult: actionData?.intent === "opt-in" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OptInSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="opt-in" />
      <div className="flex items-start gap-2">
        <input {...getInputProps(fields.consent, { type: "checkbox", value: "on" })} className="mt-1 size-4" />
        <label htmlFor={fields.consent.id}>{t("jobBoard.optIn.consent")}</label>
      </div>
      <FieldErrors id={fields.consent.errorId} errors={fields.consent.errors} />
      <button type="submit" className={primaryButton} disabled={navigation.state === "submitting"}>{t("jobBoard.optIn.submit")}</button>
    </Form>
  );
}

function WithdrawForm() {
  const { t } = useTranslation();
  return (
    <Form method="post" className="space-y-2 border-t border-stone-200 pt-4">
      <p className="text-sm text-stone-700">{t("jobBoard.withdraw.explains")}</p>
      <button type="submit" name="intent" value="withdraw" className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">
        {t("jobBoard.withdraw.submit")}
      </button>
    </Form>
  );
}

function PreferencesSection() {
  const { t, i18n } = useTranslation();
  const { profile, taxonomy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "job-board-preferences",
    lastResult: actionData?.intent === "save-preferences" ? actionData.result : undefined,
    defaultValue: {
      region: profile?.region ?? "",
      openToRemote: profile?.openToRemote ?? false,
      languages: profile?.languages ?? [],
      declaredSkillIds: profile?.declaredSkillIds ?? [],
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PreferencesSchema }),
  });
  const fieldset = "space-y-2 rounded-md border border-stone-200 p-4";
  return (
    <section aria-labelledby="preferences-title" className={sectionClass}>
      <h2 id="preferences-title" className="text-lg font-semibold">{t("jobBoard.preferences.title")}</h2>
      <p className="text-sm text-stone-600">{t("jobBoard.preferences.lead")}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <input type="hidden" name="intent" value="save-preferences" />
        <FormErrors errors={form.errors} />
        <div>
          <label htmlFor={fields.region.id} className="block text-sm font-medium">{t("jobBoard.preferences.region")}</label>
          <select {...getSelectProps(fields.region)} className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 sm:w-auto">
            <option value="">{t("jobBoard.preferences.anywhere")}</option>
            {REGIONS.map((r) => (
              <option key={r.id} value={r.id}>{regionLabel(r.id, i18n.language)}</option>
            ))}
          </select>
          <FieldErrors id={fields.region.errorId} errors={fields.region.errors} />
        </div>
        <div className="flex items-start gap-2">
          <input {...getInputProps(fields.openToRemote, { type: "checkbox" })} className="mt-1 size-4" />
          <label htmlFor={fields.openToRemote.id}>{t("jobBoard.preferences.openToRemote")}</label>
        </div>
        <fieldset className={fieldset} aria-describedby={uniqueErrors(fields.languages.allErrors) ? fields.languages.errorId : undefined}>
          <legend className="px-1 font-medium">{t("jobBoard.preferences.languages")}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {getCollectionProps(fields.languages, { type: "checkbox", options: [...WORK_LANGUAGES] }).map(({ key, ...props }) => (
              <div key={key} className="flex items-center gap-2">
                <input {...props} className="size-4" />
                <label htmlFor={props.id}>{t(`jobBoard.languages.${props.value}`)}</label>
              </div>
            ))}
          </div>
          <FieldErrors id={fields.languages.errorId} errors={uniqueErrors(fields.languages.allErrors)} />
        </fieldset>
        <fieldset className={fieldset} aria-describedby={`${fields.declaredSkillIds.id}-hint`}>
          <legend className="px-1 font-medium">{t("jobBoard.preferences.declaredSkills")}</legend>
          <p id={`${fields.declaredSkillIds.id}-hint`} className="text-sm text-stone-600">{t("jobBoard.preferences.declaredHint")}</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {getCollectionProps(fields.declaredSkillIds, { type: "checkbox", options: taxonomy.map((s) => s.id) }).map(({ key, ...props }) => (
              <div key={key} className="flex items-center gap-2">
                <input {...props} className="size-4" />
                <label htmlFor={props.id}><bdi>{taxonomy.find((s) => s.id === props.value)?.label ?? props.value}</bdi></label>
              </div>
            ))}
          </div>
          <FieldErrors id={fields.declaredSkillIds.errorId} errors={uniqueErrors(fields.declaredSkillIds.allErrors)} />
        </fieldset>
        <button type="submit" className={primaryButton} disabled={navigation.state === "submitting"}>{t("jobBoard.preferences.submit")}</button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
