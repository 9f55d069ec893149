// The objection queue pages (/employer/objections and /admin/objections) share their loader and action here, so
// both routes stay an HTTP boundary and the access rule lives in objections.server.ts.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { appOrigin } from "~/lib/origin.server";
import { CandidateError } from "./errors";
import { skillLabelMap } from "~/modules/catalog/index.server";
import { answerObjection, listAllObjections, listObjectionsForEmployer } from "./objections.server";
import { AnswerObjectionSchema } from "./schemas";

/** Platform admins see every objection; an employer member those on their employers' jobs. */
export async function loadObjectionQueue({ userId, everything, language }: { userId: string; everything: boolean; language: string }) {
  const objections = everything ? await listAllObjections() : await listObjectionsForEmployer({ userId });
  const skillIds = objections.flatMap((o) => [...(o.snapshot?.contributions.map((c) => c.skillId) ?? []), ...(o.profile?.skills.map((s) => s.skillId) ?? [])]);
  return { objections, skillLabels: await skillLabelMap({ skillIds, language }) };
}

/**
 * intent=answer. Validation errors come back for the objection's own form with the text kept (400); someone who
 * may not answer gets 404 (objectionNotFound); a second answer 409.
 */
export async function answerObjectionFromForm({ request, userId }: { request: Request; userId: string }) {
  const formData = await request.formData();
  const target = String(formData.get("objectionId") ?? "");
  const submission = parseWithZod(formData, { schema: AnswerObjectionSchema });
  if (submission.status !== "success") return data({ target, result: submission.reply(), answered: false }, { status: 400 });
  try {
    await answerObjection({ objectionId: submission.value.objectionId, answer: submission.value.answer, answeredBy: userId, origin: appOrigin() });
  } catch (error) {
    if (error instanceof CandidateError) {
      return data({ target, result: submission.reply({ formErrors: [`jobBoard.errors.${error.code}`] }), answered: false }, { status: error.status });
    }
    throw error;
  }
  return { target, result: submission.reply({ resetForm: true }), answered: true };
}
