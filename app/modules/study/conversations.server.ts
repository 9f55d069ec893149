// A learner's tutor conversations: listed on their account, deletable by them, purged after STUDY_RETENTION_DAYS
// (since the last message), and the answers they flag as wrong, listed for staff.
import { prisma } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { StudyError } from "./errors";

export async function listConversations(userId: string) {
  const conversations = await prisma.studyConversation.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: {
      id: true,
      language: true,
      updatedAt: true,
      messages: { orderBy: { createdAt: "asc" }, select: { id: true, role: true, text: true, mode: true, citations: true, createdAt: true } },
    },
  });
  return conversations;
}

export async function countConversations(userId: string) {
  return prisma.studyConversation.count({ where: { userId } });
}

export async function deleteConversation({ userId, conversationId }: { userId: string; conversationId: string }) {
  const { count } = await prisma.studyConversation.deleteMany({ where: { id: conversationId, userId } });
  if (count === 0) throw new StudyError("not_found");
}

export async function deleteAllConversations(userId: string) {
  const { count } = await prisma.studyConversation.deleteMany({ where: { userId } });
  return count;
}

/** Deletes conversations whose last message is older than the retention period; returns how many. */
export async function purgeOldConversations({ now = new Date(), days = getEnv().STUDY_RETENTION_DAYS }: { now?: Date; days?: number } = {}) {
  const before = new Date(now.getTime() - days * 86_400_000);
  const { count } = await prisma.studyConversation.deleteMany({ where: { updatedAt: { lt: before } } });
  return count;
}

export const MAX_FLAG_REASON = 1_000;

/** A learner reports one of the tutor's answers to them as wrong (once per answer). */
export async function flagAnswer({ userId, messageId, reason }: { userId: string; messageId: string; reason: string }) {
  const text = reason.trim();
  if (text.length > MAX_FLAG_REASON) throw new StudyError("invalid_answer");
  const message = await prisma.studyMessage.findFirst({ where: { id: messageId, role: "tutor", conversation: { userId } }, select: { id: true } });
  if (!message) throw new StudyError("not_found");
  await prisma.studyFlag.upsert({
    where: { messageId_userId: { messageId, userId } },
    create: { messageId, userId, reason: text },
    update: { reason: text, resolvedAt: null },
  });
}

/** Open flags first, with the question, the answer and its citations, for staff review. */
export async function listFlags({ includeResolved = false }: { includeResolved?: boolean } = {}) {
  const flags = await prisma.studyFlag.findMany({
    where: includeResolved ? {} : { resolvedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      resolvedAt: true,
      message: { select: { text: true, mode: true, model: true, citations: true, createdAt: true, conversationId: true, conversation: { select: { language: true } } } },
    },
  });
  // The question is the learner message just before the answer.
  return Promise.all(
    flags.map(async (flag) => {
      const question = await prisma.studyMessage.findFirst({
        where: { conversationId: flag.message.conversationId, role: "learner", createdAt: { lte: flag.message.createdAt } },
        orderBy: { createdAt: "desc" },
        select: { text: true },
      });
      return { ...flag, question: question?.text ?? "" };
    }),
  );
}

export async function resolveFlag(flagId: string) {
  const { count } = await prisma.studyFlag.updateMany({ where: { id: flagId, resolvedAt: null }, data: { resolvedAt: new Date() } });
  if (count === 0) throw new StudyError("not_found");
}
