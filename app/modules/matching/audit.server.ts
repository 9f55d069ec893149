// The audit report of rankings shown: which job, to whom, through which channel, under which rules version, and
// the list with scores, so a platform admin can answer a complaint or a CNDP inquiry with what was actually shown.
import { prisma } from "~/lib/db.server";

export async function listRankingLogs({ jobId, limit = 100 }: { jobId?: string; limit?: number } = {}) {
  const logs = await prisma.rankingLog.findMany({
    where: jobId ? { jobId } : {},
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, jobId: true, viewerId: true, channel: true, rulesVersion: true, entries: true, createdAt: true },
  });
  const [jobs, viewers] = await Promise.all([
    prisma.jobPost.findMany({ where: { id: { in: [...new Set(logs.map((l) => l.jobId))] } }, select: { id: true, title: true } }),
    prisma.user.findMany({ where: { id: { in: [...new Set(logs.flatMap((l) => (l.viewerId ? [l.viewerId] : [])))] } }, select: { id: true, name: true } }),
  ]);
  return logs.map((log) => ({
    id: log.id,
    jobId: log.jobId,
    jobTitle: jobs.find((j) => j.id === log.jobId)?.title ?? log.jobId,
    viewer: viewers.find((v) => v.id === log.viewerId)?.name ?? null,
    channel: log.channel,
    rulesVersion: log.rulesVersion,
    shown: Array.isArray(log.entries) ? log.entries.length : 0,
    createdAt: log.createdAt,
  }));
}

type LoggedEntry = { rank: number; score: number; group: string; userId: string | null };

function readEntries(value: unknown): LoggedEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return [];
    const rank: unknown = Reflect.get(entry, "rank");
    const score: unknown = Reflect.get(entry, "score");
    const group: unknown = Reflect.get(entry, "group");
    const userId: unknown = Reflect.get(entry, "userId");
    if (typeof rank !== "number" || typeof score !== "number") return [];
    return [{ rank, score, group: typeof group === "string" ? group : "", userId: typeof userId === "string" ? userId : null }];
  });
}

/** One logged ranking with its entries; candidates appear by pseudonym (the handle), as the employer saw them. */
export async function getRankingLog(id: string) {
  const log = await prisma.rankingLog.findUnique({ where: { id } });
  if (!log) return null;
  const entries = readEntries(log.entries);
  const profiles = await prisma.candidateProfile.findMany({
    where: { userId: { in: entries.flatMap((e) => (e.userId ? [e.userId] : [])) } },
    select: { userId: true, handle: true },
  });
  const job = await prisma.jobPost.findUnique({ where: { id: log.jobId }, select: { title: true } });
  return {
    id: log.id,
    jobId: log.jobId,
    jobTitle: job?.title ?? log.jobId,
    channel: log.channel,
    rulesVersion: log.rulesVersion,
    createdAt: log.createdAt,
    entries: entries.map(({ userId, ...e }) => ({ ...e, handle: profiles.find((p) => p.userId === userId)?.handle ?? "—" })),
  };
}
