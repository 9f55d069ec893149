// A job post's life: DRAFT → PUBLISHED → CLOSED. Pure, so the rules are tested without a database.
// A closed post is history (applications and ranking logs point at it): it is never edited or reopened; the
// employer posts a new one instead.
import type { JobStatusId } from "./options";

export type JobCommand = "save" | "publish" | "close";

export type Transition = { ok: true; status: JobStatusId; setPublishedAt: boolean; setClosedAt: boolean } | { ok: false; reason: "closed" };

/**
 * What a command does to a post in `status`: saving keeps a draft a draft and a published post published (an
 * employer may correct a live post); publishing stamps the first publication date; closing works from a draft
 * (withdrawn before anyone saw it) or a published post.
 */
export function applyJobCommand(status: JobStatusId, command: JobCommand): Transition {
  if (status === "CLOSED") return { ok: false, reason: "closed" };
  if (command === "save") return { ok: true, status, setPublishedAt: false, setClosedAt: false };
  if (command === "publish") return { ok: true, status: "PUBLISHED", setPublishedAt: status === "DRAFT", setClosedAt: false };
  return { ok: true, status: "CLOSED", setPublishedAt: false, setClosedAt: true };
}
