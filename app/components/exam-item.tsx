import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isolateLatinRuns } from "~/lib/bidi";
import { fieldName, orderingPositions } from "~/modules/exams/form";
import type { PublicItemView } from "~/modules/exams/view";

type Saved = Record<string, unknown> | undefined;

function savedValue(saved: Saved, key: string): unknown {
  return saved && key in saved ? saved[key] : undefined;
}

/**
 * One exam question as part of the page's plain form (so it works without JavaScript). With JavaScript, every
 * change is also saved in the background for this item alone, and the item shows whether its answer is saved.
 * Without an autosave URL (the staff preview of a bank) nothing is saved.
 */
export function ExamItem({ item, index, saved, autosaveUrl }: { item: PublicItemView; index: number; saved: Saved; autosaveUrl: string | null }) {
  const { t } = useTranslation();
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sequence = useRef(0);
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<"idle" | "saving" | "saved" | "error">("idle");

  // A plain fetch to the autosave endpoint (not a Remix fetcher): saving one answer must not reload anything.
  // Only the latest save of this item decides what the item shows. When the network or the server fails, the same
  // answer is sent again (as soon as the browser is back online, else after 5, 10, 20, 30 s…); a refusal (attempt
  // closed, not this learner's) is not retried.
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  function saveNow(attempt = 0) {
    const fieldset = fieldsetRef.current;
    const form = fieldset?.form;
    if (!fieldset || !form || !autosaveUrl) return;
    if (retry.current) clearTimeout(retry.current);
    const body = new URLSearchParams();
    body.set("itemId", item.id);
    for (const [key, value] of new FormData(form).entries()) {
      if (key.startsWith(`r.${item.id}.`) && typeof value === "string") body.append(key, value);
    }
    const mine = ++sequence.current;
    setDirty(false);
    setSaveState("saving");
    const retryLater = () => {
      if (mine !== sequence.current) return;
      setSaveState("error");
      const again = () => {
        window.removeEventListener("online", again);
        if (mine === sequence.current) saveNow(attempt + 1);
      };
      window.addEventListener("online", again);
      retry.current = setTimeout(again, Math.min(5_000 * 2 ** attempt, 30_000));
    };
    fetch(autosaveUrl, { method: "POST", body, credentials: "same-origin" })
      .then(async (response) => {
        if (response.status >= 500) return retryLater();
        const result: unknown = await response.json().catch(() => null);
        const ok = response.ok && typeof result === "object" && result !== null && "ok" in result && result.ok === true;
        if (mine === sequence.current) setSaveState(ok ? "saved" : "error");
      })
      .catch(retryLater);
  }

  function onChange(event: React.FormEvent) {
    if (!autosaveUrl) return; // a preview: nothing to save
    setDirty(true);
    if (timer.current) clearTimeout(timer.current);
    const isTyping = event.target instanceof HTMLTextAreaElement || (event.target instanceof HTMLInputElement && (event.target.type === "text" || event.target.type === "number"));
    timer.current = setTimeout(() => saveNow(), isTyping ? 800 : 0);
  }

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    if (retry.current) clearTimeout(retry.current);
  }, []);

  const status = dirty || saveState === "saving" ? "saving" : saveState === "idle" ? null : saveState;
  const legendId = `q-${item.id}`;
  const input = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";
  return (
    <fieldset ref={fieldsetRef} onChange={onChange} aria-labelledby={legendId} className="min-w-0 rounded-xl border border-stone-200 bg-white p-5">
      <legend id={legendId} className="sr-only">{t("exam.questionNumber", { number: index + 1 })}</legend>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm font-semibold text-accent-500">
          {t("exam.questionNumber", { number: index + 1 })} · {t("exam.points", { count: item.points })}
        </p>
        <p className="text-xs text-stone-600" aria-live="polite">
          {status ? t(`exam.save.${status}`) : null}
        </p>
      </div>
      <p className="mt-2 whitespace-pre-line break-words font-medium">{isolateLatinRuns(item.prompt)}</p>
      <div className="mt-3 space-y-2">
        {item.type === "single" || item.type === "true_false" ? (
          (item.type === "single" ? item.options : [{ id: "true", text: t("exam.true") }, { id: "false", text: t("exam.false") }]).map((option) => {
            const name = fieldName(item.id, item.type === "single" ? "optionId" : "value");
            const current = savedValue(saved, item.type === "single" ? "optionId" : "value");
            return (
              <label key={option.id} className="flex items-start gap-3 rounded-md border border-stone-200 p-3 hover:bg-stone-50">
                <input type="radio" name={name} value={option.id} defaultChecked={String(current) === option.id} className="mt-1 size-4 accent-brand-600" />
                <span>{isolateLatinRuns(option.text)}</span>
              </label>
            );
          })
        ) : null}
        {item.type === "multiple" ? (
          <>
            <input type="hidden" name={fieldName(item.id, "present")} value="1" />
            <p className="text-sm text-stone-600">{t("exam.chooseAll")}</p>
            {item.options.map((option) => {
              const chosen = savedValue(saved, "optionIds");
              return (
                <label key={option.id} className="flex items-start gap-3 rounded-md border border-stone-200 p-3 hover:bg-stone-50">
                  <input type="checkbox" name={fieldName(item.id, "optionIds")} value={option.id} defaultChecked={Array.isArray(chosen) && chosen.includes(option.id)} className="mt-1 size-4 accent-brand-600" />
                  <span>{isolateLatinRuns(option.text)}</span>
                </label>
              );
            })}
          </>
        ) : null}
        {item.type === "numeric" ? (
          <label className="block">
            <span className="text-sm text-stone-700">{t("exam.yourAnswer")}{item.unit ? ` (${item.unit})` : ""}</span>
            <input type="text" inputMode="decimal" dir="ltr" name={fieldName(item.id, "value")} defaultValue={String(savedValue(saved, "value") ?? "")} className={input} />
          </label>
        ) : null}
        {item.type === "short_text" ? (
          <label className="block">
            <span className="text-sm text-stone-700">{t("exam.yourAnswer")}</span>
            <input type="text" dir="auto" name={fieldName(item.id, "text")} defaultValue={String(savedValue(saved, "text") ?? "")} className={input} />
          </label>
        ) : null}
        {item.type === "open" ? (
          <label className="block">
            <span className="text-sm text-stone-700">{t("exam.yourAnswerOpen")}</span>
            <textarea rows={8} dir="auto" name={fieldName(item.id, "text")} defaultValue={String(savedValue(saved, "text") ?? "")} className={input} />
          </label>
        ) : null}
        {item.type === "ordering" ? (
          <>
            <p className="text-sm text-stone-600">{t("exam.orderHint")}</p>
            {item.items.map((entry) => {
              const positions = orderingPositions(saved);
              return (
                <label key={entry.id} className="flex items-center gap-3 rounded-md border border-stone-200 p-3">
                  <select name={fieldName(item.id, "pos", entry.id)} defaultValue={positions[entry.id] ?? ""} className="rounded-md border border-stone-300 px-2 py-1">
                    <option value="">—</option>
                    {item.items.map((_, i) => (
                      <option key={i} value={i + 1}>{i + 1}</option>
                    ))}
                  </select>
                  <span>{isolateLatinRuns(entry.text)}</span>
                </label>
              );
            })}
          </>
        ) : null}
        {item.type === "matching" ? (
          <>
            <p className="text-sm text-stone-600">{t("exam.matchHint")}</p>
            {item.lefts.map((left) => {
              const pairs = savedValue(saved, "pairs");
              const current = pairs && typeof pairs === "object" && left.id in pairs ? String(Reflect.get(pairs, left.id)) : "";
              return (
                <label key={left.id} className="grid min-w-0 grid-cols-1 gap-2 rounded-md border border-stone-200 p-3 sm:grid-cols-2">
                  <span>{isolateLatinRuns(left.text)}</span>
                  <select name={fieldName(item.id, "pairs", left.id)} defaultValue={current} className="w-full min-w-0 max-w-full rounded-md border border-stone-300 px-2 py-1">
                    <option value="">—</option>
                    {item.rights.map((right) => (
                      <option key={right.id} value={right.id}>{isolateLatinRuns(right.text)}</option>
                    ))}
                  </select>
                </label>
              );
            })}
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
