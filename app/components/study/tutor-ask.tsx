import { Form, useNavigate, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { TutorAnswer, type CitationView } from "./tutor-answer";

type Streamed = { text: string; mode: string | null; citations: CitationView[] };

/** Reads a server-sent event stream from a fetch response, calling `onEvent` for each event. */
async function readEvents(response: Response, onEvent: (event: string, data: unknown) => void) {
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(block)?.[1];
      onEvent(event, data ? JSON.parse(data) : null);
      end = buffer.indexOf("\n\n");
    }
  }
}

/**
 * The question form. Without JavaScript it posts to /study (the answer comes with the next page); with it, the
 * answer streams from POST /api/study/tutor as it is written, then the saved conversation is shown.
 */
export function TutorAsk({
  language,
  maxLength,
  courseId,
  lessonId,
  conversationId,
  action = "/study",
  stay = false,
}: {
  language: string;
  maxLength: number;
  courseId?: string;
  lessonId?: string;
  conversationId?: string;
  action?: string;
  /** Keep the streamed answer on this page (a lesson) instead of opening the saved conversation. */
  stay?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [streamed, setStreamed] = useState<Streamed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const question = useRef<HTMLTextAreaElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (typeof ReadableStream === "undefined") return; // the form posts normally
    event.preventDefault();
    const text = question.current?.value ?? "";
    setBusy(true);
    setError(null);
    setStreamed({ text: "", mode: null, citations: [] });
    try {
      const response = await fetch("/api/study/tutor", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: text, lang: language, courseId, lessonId, conversationId }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? t("study.errors.server_error"));
        setStreamed(null);
        return;
      }
      let target: string | null = null;
      await readEvents(response, (name, data) => {
        const payload = (data ?? {}) as Record<string, unknown>;
        if (name === "delta") setStreamed((s) => ({ text: `${s?.text ?? ""}${String(payload.text ?? "")}`, mode: "model", citations: [] }));
        else if (name === "reset") setStreamed({ text: "", mode: null, citations: [] });
        else if (name === "done") {
          setStreamed({ text: String(payload.answer ?? ""), mode: String(payload.mode ?? ""), citations: (payload.citations ?? []) as CitationView[] });
          target = `/study?c=${String(payload.conversationId)}#m-${String(payload.messageId)}`;
        } else if (name === "error") setError(String(payload.message ?? t("study.errors.server_error")));
      });
      if (target && !stay) navigate(target);
      else setSaved(target);
    } catch {
      setError(t("study.errors.server_error"));
    } finally {
      setBusy(false);
    }
  }

  const submitting = busy || navigation.state === "submitting";
  return (
    <div className="space-y-4">
      <Form method="post" action={action} onSubmit={onSubmit} className="space-y-3">
        <input type="hidden" name="intent" value="ask" />
        {courseId ? <input type="hidden" name="courseId" value={courseId} /> : null}
        {lessonId ? <input type="hidden" name="lessonId" value={lessonId} /> : null}
        {conversationId ? <input type="hidden" name="conversationId" value={conversationId} /> : null}
        <label htmlFor="tutor-question" className="block text-sm font-medium text-stone-800">{t("study.ask.label")}</label>
        <textarea
          ref={question}
          id="tutor-question"
          name="question"
          required
          minLength={2}
          maxLength={maxLength}
          rows={3}
          aria-describedby="tutor-question-hint"
          placeholder={t("study.ask.placeholder")}
          className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
        />
        <p id="tutor-question-hint" className="text-sm text-stone-600">{t("study.ask.hint")}</p>
        <button type="submit" disabled={submitting} className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto">
          {t("study.ask.submit")}
        </button>
      </Form>
      {error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">{error}</p> : null}
      {streamed ? (
        <section aria-live="polite" aria-busy={busy} className="rounded-lg border border-stone-200 bg-white p-4">
          {streamed.text === "" && busy ? <p className="text-stone-600">{t("study.tutor.writing")}</p> : <TutorAnswer mode={streamed.mode} text={streamed.text} citations={streamed.citations} />}
          {saved ? <p className="mt-3 text-sm"><a href={saved} className="text-brand-700 underline">{t("study.tutor.openConversation")}</a></p> : null}
        </section>
      ) : null}
    </div>
  );
}
