// The study API (README "Study mode"), for the pages' streamed answers and for other clients:
//   GET  /api/study/search?q=&lang=fr|ar|en  → {"passages":[{courseId, lessonId, heading, excerpt, url, locked}]}
//   POST /api/study/tutor {question, lang, courseId?, lessonId?}
//        Accept: application/json   → {answer, mode, citations:[{lessonId, heading, url}]}
//        Accept: text/event-stream  → events "delta" {text}, "reset" {}, then "done" (the JSON above, plus ids)
// Any signed-in account, same session cookie and Origin rule as the pages. Refusals: {"error", "message"}.
import { z } from "zod";
import type { Course } from "~/generated/prisma/client";
import { sql } from "~/lib/sql.server";
import { getFixedT, getLanguage } from "~/lib/i18n.server";
import { getCurrentUser, type CurrentUser } from "~/modules/accounts/index.server";
import { courseAccess } from "~/modules/catalog/index.server";
import { hasExamInProgress } from "~/modules/exams/index.server";
import { isContentLanguage } from "~/modules/exams/index.server";
import { CONTENT_LANGUAGES } from "~/modules/catalog/index.server";
import { StudyError } from "./errors";
import { searchPassages } from "./retrieval.server";
import { askTutor, passageUrl, readQuestion, type TutorAnswer } from "./tutor.server";

const NO_STORE = { "Cache-Control": "no-store" };

async function jsonError(request: Request, status: number, error: string) {
  const t = await getFixedT(await getLanguage(request));
  return Response.json({ error, message: t(`study.errors.${error}`) }, { status, headers: NO_STORE });
}

/** The courses this user cannot open yet (search still covers them, marked locked). */
async function lockedCourseIds(user: CurrentUser): Promise<Set<string>> {
  const rows = await sql<Pick<Course, "id" | "prerequisites"> & { certified: string[] }>(
    `SELECT c."id", c."prerequisites",
            ARRAY(SELECT x."courseId" FROM "Certification" x WHERE x."userId" = $1) AS "certified"
     FROM "Course" c WHERE c."archivedAt" IS NULL AND cardinality(c."prerequisites") > 0`,
    [user.id],
  );
  return new Set(
    rows.filter((row) => courseAccess({ prerequisites: row.prerequisites, certifiedCourseIds: new Set(row.certified), roles: user.roles }).status === "locked").map((row) => row.id),
  );
}

export async function studySearch(request: Request): Promise<Response> {
  const user = await getCurrentUser(request);
  if (!user) return jsonError(request, 401, "unauthorized");
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang") ?? (await getLanguage(request));
  if (!isContentLanguage(lang)) return jsonError(request, 400, "invalid_language");
  let query: string;
  try {
    query = readQuestion(url.searchParams.get("q"));
  } catch (error) {
    if (error instanceof StudyError) return jsonError(request, error.status, error.code);
    throw error;
  }
  const [passages, locked] = await Promise.all([searchPassages({ query, language: lang, limit: 8 }), lockedCourseIds(user)]);
  return Response.json(
    {
      passages: passages.map((p) => ({
        courseId: p.courseId,
        lessonId: p.lessonId,
        heading: p.heading,
        excerpt: p.text,
        url: passageUrl(p),
        locked: locked.has(p.courseId),
      })),
    },
    { headers: NO_STORE },
  );
}

const TutorBody = z.object({
  question: z.string(),
  lang: z.enum(CONTENT_LANGUAGES),
  courseId: z.string().max(100).optional(),
  lessonId: z.string().max(100).optional(),
  conversationId: z.string().max(100).optional(),
});

/** The API's answer shape: exactly the contract's keys. */
export function tutorJson(answer: TutorAnswer) {
  return { answer: answer.answer, mode: answer.mode, citations: answer.citations };
}

export async function studyTutor(request: Request): Promise<Response> {
  const user = await getCurrentUser(request);
  if (!user) return jsonError(request, 401, "unauthorized");
  if (request.method !== "POST") return jsonError(request, 405, "method_not_allowed");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(request, 400, "invalid_json");
  }
  const parsed = TutorBody.safeParse(body);
  if (!parsed.success) {
    const onLang = parsed.error.issues.some((issue) => issue.path[0] === "lang");
    return jsonError(request, 400, onLang ? "invalid_language" : "invalid_question");
  }
  const input = { userId: user.id, question: parsed.data.question, language: parsed.data.lang, courseId: parsed.data.courseId, lessonId: parsed.data.lessonId, conversationId: parsed.data.conversationId };
  const wantsStream = (request.headers.get("Accept") ?? "").includes("text/event-stream");
  if (!wantsStream) {
    try {
      return Response.json(tutorJson(await askTutor(input)), { headers: NO_STORE });
    } catch (error) {
      if (error instanceof StudyError) return jsonError(request, error.status, error.code);
      throw error;
    }
  }
  // Refusals known before the stream starts keep their HTTP status; the rest arrives as events.
  try {
    readQuestion(input.question);
    if (await hasExamInProgress(user.id)) throw new StudyError("exam_in_progress");
  } catch (error) {
    if (error instanceof StudyError) return jsonError(request, error.status, error.code);
    throw error;
  }
  const encoder = new TextEncoder();
  const t = await getFixedT(input.language);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        const answer = await askTutor(input, { onDelta: (text) => send("delta", { text }), onReset: () => send("reset", {}) });
        send("done", { ...tutorJson(answer), passages: answer.passages.map((p) => ({ lessonTitle: p.lessonTitle, heading: p.heading, excerpt: p.text, url: passageUrl(p) })), selfCheck: answer.selfCheck, messageId: answer.messageId, conversationId: answer.conversationId });
      } catch (error) {
        if (error instanceof StudyError) send("error", { error: error.code, status: error.status, message: t(`study.errors.${error.code}`) });
        else send("error", { error: "server_error", status: 500, message: t("study.errors.server_error") });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { ...NO_STORE, "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no" } });
}
