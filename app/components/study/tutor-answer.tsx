import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageNames, isLanguage } from "~/lib/i18n";

export type CitationView = { lessonId: string; heading: string; url: string };

/** The language a citation's lesson is in (its ?lng=), when it differs from the page's. */
function citedLanguage(url: string, pageLanguage: string) {
  const lng = /[?&]lng=([a-z]{2})/.exec(url)?.[1];
  return lng && lng !== pageLanguage && isLanguage(lng) ? lng : null;
}

/** One tutor answer: how it was produced, the text, the lesson sections it rests on, and "report a wrong answer". */
export function TutorAnswer({
  id,
  mode,
  text,
  citations,
  flagged,
}: {
  id?: string;
  mode: string | null;
  text: string;
  citations: CitationView[];
  flagged?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-3">
      <p className={`rounded-md px-3 py-2 text-sm ${mode === "model" ? "bg-violet-50 text-violet-900" : "bg-amber-50 text-amber-900"}`}>
        {mode === "model" ? t("study.tutor.modeModel") : t("study.tutor.modePassages")}
      </p>
      <div className="whitespace-pre-line break-words text-stone-900">{text}</div>
      {citations.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold text-stone-800">{t("study.tutor.sources")}</h3>
          <ol className="mt-1 list-decimal space-y-1 ps-6 text-sm">
            {citations.map((c, index) => {
              const other = citedLanguage(c.url, i18n.language);
              return (
                <li key={`${c.url}-${index}`}>
                  <a href={c.url} className="break-words text-brand-700 underline">{c.heading}</a>
                  {other ? <span className="text-stone-600"> ({t("study.tutor.lessonLanguage", { language: languageNames[other] })})</span> : null}
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
      {id ? (
        flagged ? (
          <p role="status" className="text-sm text-emerald-800">{t("study.flag.done")}</p>
        ) : (
          <details className="text-sm">
            <summary className="cursor-pointer text-stone-700 underline">{t("study.flag.open")}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="flag" />
              <input type="hidden" name="messageId" value={id} />
              <label htmlFor={`flag-${id}`} className="block font-medium">{t("study.flag.reason")}</label>
              <textarea id={`flag-${id}`} name="reason" rows={2} maxLength={1000} className="block w-full rounded-md border border-stone-300 px-3 py-2" />
              <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 font-medium hover:bg-stone-100">{t("study.flag.submit")}</button>
            </Form>
          </details>
        )
      ) : null}
    </div>
  );
}
