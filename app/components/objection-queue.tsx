import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CandidateHandle } from "./candidate-handle";
import { MatchBreakdownTable } from "~/components/match-breakdown";
import { FieldErrors, FormErrors } from "~/components/ui/form";
import { formatDateTime } from "~/lib/i18n";
import { AnswerObjectionSchema } from "~/modules/candidates/schemas";
import { regionLabel } from "~/modules/jobs/regions";
import type { MatchBreakdown } from "~/modules/matching/types";

export type QueueObjection = {
  id: string;
  jobTitle: string;
  employerName: string;
  handle: string | null;
  message: string;
  snapshot: MatchBreakdown | null;
  rank: number | null;
  tiedWith: number | null;
  profile: { active: boolean; region: string | null; openToRemote: boolean; languages: string[]; skills: Array<{ skillId: string; verified: boolean }> } | null;
  status: "OPEN" | "ANSWERED";
  answer: string | null;
  answeredByName: string | null;
  answeredAt: Date | string | null;
  createdAt: Date | string;
};

export type LastAnswer = { target: string; result: SubmissionResult<string[]>; answered: boolean } | undefined;

/**
 * The objection queue (law 09-08: a human reviews the automated ranking): each candidate's question with what they
 * saw at the time, their current pseudonymous profile, and a form to answer once. Shared by /employer/objections
 * and /admin/objections; `showEmployer` adds the employer's name for platform admins.
 */
export function ObjectionQueue({
  objections,
  skillLabels,
  lastAnswer,
  showEmployer,
}: {
  objections: QueueObjection[];
  skillLabels: Record<string, string>;
  lastAnswer: LastAnswer;
  showEmployer: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (objections.length === 0) return <p className="text-stone-600">{t("jobBoard.queue.none")}</p>;
  return (
    <ul className="space-y-6">
      {objections.map((o) => (
        <li key={o.id}>
          <article aria-labelledby={`objection-${o.id}`} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
            <header className="space-y-1">
              <h2 id={`objection-${o.id}`} className="text-lg font-semibold">
                <bdi>{o.jobTitle}</bdi>
                {showEmployer ? <span className="font-normal text-stone-600"> — <bdi>{o.employerName}</bdi></span> : null}
              </h2>
              <p className="text-sm text-stone-700">
                {o.handle ? <CandidateHandle handle={o.handle} /> : <bdi>{t("jobBoard.queue.noProfile")}</bdi>} · {formatDateTime(o.createdAt, i18n.language)} ·{" "}
                <span className={o.status === "OPEN" ? "font-semibold text-amber-800" : "text-emerald-800"}>{t(`jobBoard.objections.status.${o.status}`)}</span>
              </p>
            </header>
            <div>
              <h3 className="text-sm font-medium text-stone-800">{t("jobBoard.queue.message")}</h3>
              <blockquote className="whitespace-pre-line border-s-4 border-stone-200 ps-3" dir="auto">{o.message}</blockquote>
            </div>
            <p className="text-sm" data-testid="objection-rank">
              {o.rank !== null ? t("jobBoard.queue.rankThen", { rank: o.rank }) : t("jobBoard.queue.notListedThen")}
              {o.rank !== null && o.tiedWith ? ` ${t("matches.tied", { count: o.tiedWith })}` : ""}
            </p>
            {o.snapshot ? (
              <MatchBreakdownTable breakdown={o.snapshot} skillLabels={skillLabels} caption={t("jobBoard.queue.snapshot")} />
            ) : (
              <p className="text-sm text-stone-700">{t("jobBoard.queue.notListed")}</p>
            )}
            <CandidateProfileSummary profile={o.profile} skillLabels={skillLabels} />
            {o.status === "ANSWERED" ? (
              <div className="rounded-md bg-brand-50 p-3">
                <p className="text-sm font-medium">
                  {t("jobBoard.queue.answeredBy", { name: o.answeredByName ?? "—", date: o.answeredAt ? formatDateTime(o.answeredAt, i18n.language) : "" })}
                </p>
                <p className="whitespace-pre-line" dir="auto">{o.answer}</p>
              </div>
            ) : (
              <AnswerForm objectionId={o.id} lastAnswer={lastAnswer?.target === o.id ? lastAnswer : undefined} />
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}

function CandidateProfileSummary({ profile, skillLabels }: { profile: QueueObjection["profile"]; skillLabels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  if (!profile || !profile.active) return <p className="text-sm text-stone-700">{t("jobBoard.queue.profileInactive")}</p>;
  return (
    <div className="text-sm">
      <h3 className="font-medium text-stone-800">{t("jobBoard.queue.profile")}</h3>
      <dl className="mt-1 grid gap-1 sm:grid-cols-[12rem_1fr]">
        <dt className="text-stone-600">{t("jobBoard.preferences.region")}</dt>
        <dd>{profile.region ? regionLabel(profile.region, i18n.language) : t("jobBoard.preferences.anywhere")}{profile.openToRemote ? ` · ${t("jobBoard.queue.remote")}` : ""}</dd>
        <dt className="text-stone-600">{t("jobBoard.preferences.languages")}</dt>
        <dd>{profile.languages.length > 0 ? profile.languages.map((l) => t(`jobBoard.languages.${l}`)).join(", ") : "—"}</dd>
        <dt className="text-stone-600">{t("jobBoard.queue.skills")}</dt>
        <dd>
          {profile.skills.length === 0
            ? "—"
            : profile.skills.map((s, index) => (
                <span key={`${s.skillId}-${s.verified}`}>
                  {index > 0 ? ", " : ""}
                  <bdi>{skillLabels[s.skillId] ?? s.skillId}</bdi> ({s.verified ? t("jobBoard.breakdown.verified") : t("jobBoard.breakdown.declared")})
                </span>
              ))}
        </dd>
      </dl>
    </div>
  );
}

function AnswerForm({ objectionId, lastAnswer }: { objectionId: string; lastAnswer: LastAnswer }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `answer-${objectionId}`,
    lastResult: lastAnswer?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerObjectionSchema }),
  });
  const hintId = `${fields.answer.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-stone-200 pt-4">
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="objectionId" value={objectionId} />
      <FormErrors errors={[...(form.errors ?? []), ...(fields.objectionId.errors ?? []), ...(fields.intent.errors ?? [])]} />
      <div>
        <label htmlFor={fields.answer.id} className="block text-sm font-medium text-stone-800">{t("jobBoard.queue.answer")}</label>
        <textarea
          {...getTextareaProps(fields.answer, { ariaDescribedBy: hintId })}
          rows={5}
          dir="auto"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 aria-[invalid]:border-red-600"
        />
        <p id={hintId} className="mt-1 text-sm text-stone-600">{t("jobBoard.queue.answerHint")}</p>
        <FieldErrors id={fields.answer.errorId} errors={fields.answer.errors} />
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60" disabled={navigation.state === "submitting"}>
        {t("jobBoard.queue.submit")}
      </button>
    </Form>
  );
}
