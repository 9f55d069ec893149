import { getUserFromCookieHeader } from "~/modules/accounts/index.server";
import { sessionTokenFromCookieHeader } from "~/modules/accounts/index.server";
import { hashToken } from "~/modules/accounts/index.server";
import { byItemId, getAttemptFormItems } from "./attempt-view.server";
import { AttemptError, saveResponses, saveResponsesForSession } from "./attempts.server";
import { type AnswerForm, readAnswerForm } from "./form";

export type AutosaveResult = {
  status: 200 | 400 | 401 | 403 | 404 | 409;
  /** `refused`: a field's value is not one the item offers (nothing saved); `truncated`: the text was cut to the maximum. */
  body: { ok: boolean; closed: boolean; refused?: string; truncated?: boolean };
};

function refusal(answers: AnswerForm): AutosaveResult {
  return { status: 400, body: { ok: false, closed: false, refused: answers.refused[0]?.field } };
}

function saved(answers: AnswerForm): AutosaveResult {
  return { status: 200, body: { ok: true, closed: false, ...(answers.truncated.length > 0 ? { truncated: true } : {}) } };
}

/**
 * The exam page's background save of one item, outside Remix's request pipeline: it is the most frequent request
 * of the whole platform (every learner, every answer), and the pipeline costs several times the save itself
 * (docs/decisions/014-exam-hot-paths-plain-sql-http-workers.md). Same checks as the page's own form post: signed-in
 * owner, attempt open, deadline, drawn item; the body is the item's form fields (`itemId`, `r.<itemId>.…`).
 */
export async function autosaveItem({
  attemptId,
  cookieHeader,
  form,
}: {
  attemptId: string;
  cookieHeader: string | null;
  form: URLSearchParams;
}): Promise<AutosaveResult> {
  // The item's public key in this attempt (q1, q2…: attempt-view.server.ts), as the page names it.
  const itemKey = form.get("itemId");
  if (!itemKey) return { status: 400, body: { ok: false, closed: false } };
  const token = await sessionTokenFromCookieHeader(cookieHeader);
  if (!token) return { status: 401, body: { ok: false, closed: false } };
  try {
    // Fast path, one statement: the session, the attempt's owner, state, deadline and item are all checked in SQL.
    const draw = await getAttemptFormItems({ attemptId, keys: [itemKey] });
    if (draw.views.length === 1) {
      const answers = readAnswerForm(form, draw.views);
      if (answers.refused.length > 0) return refusal(answers);
      const responses = byItemId(answers.responses, draw.itemIdOf);
      if (await saveResponsesForSession({ attemptId, sessionId: hashToken(token), responses })) return saved(answers);
    }
  } catch (error) {
    if (!(error instanceof AttemptError)) throw error;
    // Fall through: the full path below answers with the right status.
  }
  const user = await getUserFromCookieHeader(cookieHeader);
  if (!user) return { status: 401, body: { ok: false, closed: false } };
  try {
    const items = await getAttemptFormItems({ attemptId, userId: user.id, keys: [itemKey] });
    if (items.views.length === 0) return { status: 400, body: { ok: false, closed: false } };
    const answers = readAnswerForm(form, items.views);
    if (answers.refused.length > 0) return refusal(answers);
    await saveResponses({ attemptId, userId: user.id, responses: byItemId(answers.responses, items.itemIdOf) });
    return saved(answers);
  } catch (error) {
    if (error instanceof AttemptError) return { status: error.status, body: { ok: false, closed: error.code === "attempt_closed" } };
    throw error;
  }
}
