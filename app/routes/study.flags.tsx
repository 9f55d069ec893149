import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TutorAnswer } from "~/components/study/tutor-answer";
import { PageTitle } from "~/components/ui/form";
import { formatDateTime } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { listFlags, resolveFlag } from "~/modules/study/conversations.server";
import { StudyError } from "~/modules/study/errors";
import type { Citation } from "~/modules/study/tutor.server";

const STAFF = ["INSTRUCTOR", "CENTRE_ADMIN", "PLATFORM_ADMIN"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, [...STAFF]);
  const flags = await listFlags();
  return {
    flags: flags.map((f) => ({ id: f.id, reason: f.reason, createdAt: f.createdAt.toISOString(), question: f.question, answer: f.message.text, mode: f.message.mode, model: f.message.model, citations: (f.message.citations ?? []) as Citation[] })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, [...STAFF]);
  const formData = await request.formData();
  try {
    await resolveFlag(String(formData.get("flagId") ?? ""));
    return data({ ok: true });
  } catch (error) {
    if (error instanceof StudyError) return data({ ok: false }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "studyFlags.title");

/** Tutor answers learners reported as wrong (no learner names: staff fix the lesson or the tutor, not the person). */
export default function StudyFlags() {
  const { t, i18n } = useTranslation();
  const { flags } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("studyFlags.lead")}>{t("studyFlags.title")}</PageTitle>
      {flags.length === 0 ? <p>{t("studyFlags.empty")}</p> : null}
      <ul className="space-y-4">
        {flags.map((f) => (
          <li key={f.id} className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
            <p className="text-xs text-stone-600">{formatDateTime(f.createdAt, i18n.language)}{f.model ? ` · ${f.model}` : ""}</p>
            <p><strong>{t("studyFlags.question")}</strong> <span className="break-words">{f.question}</span></p>
            <p><strong>{t("studyFlags.reason")}</strong> <span className="break-words">{f.reason || "—"}</span></p>
            <TutorAnswer mode={f.mode} text={f.answer} citations={f.citations} />
            <Form method="post">
              <input type="hidden" name="flagId" value={f.id} />
              <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100">{t("studyFlags.resolve")}</button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
