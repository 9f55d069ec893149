import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser } from "../../../tests/factories";
import { applyRetention, retentionPolicy } from "./retention.server";

const DAY = 86_400_000;

describe("applyRetention", () => {
  it("deletes each kind of record past its configured period and keeps the recent ones", async () => {
    const now = new Date("2027-06-01T12:00:00Z");
    const days = (n: number) => new Date(now.getTime() - n * DAY);
    const policy = retentionPolicy();
    const user = await createUser();
    const invited = await createUser({ name: "Invitée Jamais Venue", email: "jamais.venue@example.ma" });
    await prisma.user.update({ where: { id: invited.id }, data: { invitedAt: days(policy.invitations + 1) } });
    const recentInvite = await createUser();
    await prisma.user.update({ where: { id: recentInvite.id }, data: { invitedAt: days(2) } });
    await prisma.session.createMany({
      data: [
        { id: "old-session", userId: user.id, expiresAt: days(policy.sessions + 1) },
        { id: "live-session", userId: user.id, expiresAt: new Date(now.getTime() + DAY) },
      ],
    });
    await prisma.outboxEmail.createMany({
      data: [
        { to: "a@example.ma", subject: "old", text: "x", createdAt: days(policy.outbox + 1) },
        { to: "a@example.ma", subject: "new", text: "x", createdAt: days(1) },
      ],
    });
    await prisma.rankingLog.createMany({
      data: [
        { jobId: "j", channel: "api", rulesVersion: "1", entries: [], createdAt: days(policy.rankingLogs + 1) },
        { jobId: "j", channel: "api", rulesVersion: "1", entries: [], createdAt: days(1) },
      ],
    });
    await prisma.securityEvent.createMany({
      data: [
        { userId: user.id, type: "login", ip: "192.0.2.1", createdAt: days(policy.securityEvents + 1) },
        { userId: user.id, type: "login", ip: "192.0.2.2", createdAt: days(1) },
      ],
    });
    await prisma.studyConversation.createMany({
      data: [
        { userId: user.id, language: "fr", updatedAt: days(policy.tutorConversations + 1) },
        { userId: user.id, language: "fr", updatedAt: days(1) },
      ],
    });

    expect(await applyRetention({ now })).toEqual({ sessions: 1, outbox: 1, rankingLogs: 1, securityEvents: 1, tutorConversations: 1, invitations: 1, dataExports: 0 });
    expect(await prisma.session.findMany({ select: { id: true } })).toEqual([{ id: "live-session" }]);
    expect((await prisma.outboxEmail.findMany({ select: { subject: true } })).map((e) => e.subject)).toEqual(["new"]);
    expect(await prisma.rankingLog.count()).toBe(1);
    expect((await prisma.securityEvent.findMany({ select: { ip: true } })).map((e) => e.ip)).toEqual(["192.0.2.2"]);
    expect(await prisma.studyConversation.count()).toBe(1);
    // The lapsed invitation's account is erased; the recent one stays.
    expect(await prisma.user.findUniqueOrThrow({ where: { id: invited.id }, select: { name: true, deletedAt: true } })).toEqual({ name: "", deletedAt: now });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: recentInvite.id }, select: { deletedAt: true } })).toEqual({ deletedAt: null });
    // A second pass finds nothing more.
    expect(Object.values(await applyRetention({ now })).every((n) => n === 0)).toBe(true);
  });
});
