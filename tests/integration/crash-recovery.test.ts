import getPort from "get-port";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { itemIdOfKey } from "~/modules/exams/view";
import { createUser, sessionCookieHeader } from "../factories";
import { startServerProcess, type ServerProcess } from "../setup/server-process";

// The real production server as a separate process group on this test file's database, so it can be killed
// (SIGKILL, no shutdown hooks) between an autosave and the submission.
async function startServer() {
  return startServerProcess({ port: await getPort(), env: { ...process.env, NODE_ENV: "production", SEED_DEMO: "false", LOG_LEVEL: "warn" } });
}

/** A learner with a session, and a form POST as their browser sends it to a given server. */
async function signedInLearner() {
  const user = await createUser();
  const cookie = await sessionCookieHeader(user.id);
  const post = (origin: string, pathname: string, body: Record<string, string>) =>
    fetch(`${origin}${pathname}`, { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie, Origin: origin }, redirect: "manual" });
  return { user, cookie, post };
}

const started: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.kill()));
});

describe("crash between autosave and submit", () => {
  it("loses nothing that was saved: the answer saved before a SIGKILL is graded after the restart", async () => {
    const first = await startServer();
    started.push(first);
    const { user, cookie, post } = await signedInLearner();

    const start = await post(first.origin, "/courses/ai-foundations/exam", {});
    expect(start.status).toBe(302);
    const attemptPath = start.headers.get("location") ?? "";
    const attemptId = attemptPath.split("/").pop() ?? "";
    const html = await (await fetch(`${first.origin}${attemptPath}`, { headers: { Cookie: cookie } })).text();
    const radio = /<input type="radio" name="r\.([^"]+?)\.(optionId|value)"[^>]*? value="([^"]+)"/.exec(html);
    expect(radio).not.toBeNull();
    const [, itemId, part, value] = radio ?? [];
    const saved = await post(first.origin, `${attemptPath}/autosave`, { itemId, [`r.${itemId}.${part}`]: value });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ ok: true, closed: false });

    await first.kill();

    const second = await startServer();
    started.push(second);
    const page = await (await fetch(`${second.origin}${attemptPath}`, { headers: { Cookie: cookie } })).text();
    const inputs = page.match(/<input type="radio"[^>]*>/g) ?? [];
    const restored = inputs.find((tag) => tag.includes(`name="r.${itemId}.${part}"`) && tag.includes(`value="${value}"`));
    expect(restored).toContain("checked");
    const submitted = await post(second.origin, `${attemptPath}?index`, { intent: "submit" });
    expect(submitted.headers.get("location")).toBe(`${attemptPath}/result`);

    const attempt = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true, grades: true } });
    expect(["GRADED", "AWAITING_REVIEW"]).toContain(attempt.state);
    const grades = attempt.grades && typeof attempt.grades === "object" && "items" in attempt.grades && Array.isArray(attempt.grades.items) ? attempt.grades.items : [];
    // The page names items by their public key in the attempt (q1, q2…); the grades by the bank's item id.
    const { itemIds } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemIds: true } });
    const gradedId = itemIdOfKey(itemIds, itemId);
    const grade = grades.find((g) => g && typeof g === "object" && "itemId" in g && g.itemId === gradedId);
    expect(grade && typeof grade === "object" && "status" in grade ? grade.status : null).not.toBe("unanswered");
  }, 240_000);

  it("a passed attempt left without its certification by a crash gets it when the server starts again", async () => {
    const first = await startServer();
    started.push(first);
    const { user, cookie, post } = await signedInLearner();
    const start = await post(first.origin, "/courses/ai-foundations/exam", {});
    const attemptId = (start.headers.get("location") ?? "").split("/").pop() ?? "";
    await post(first.origin, `/exams/${attemptId}?index`, { intent: "submit" });
    // The state a review or regrade leaves when the process dies between committing the grade and recording the
    // certification: graded and passed, with neither the certification nor its "earned" event.
    await prisma.examAttempt.update({ where: { id: attemptId }, data: { state: "GRADED", isPassed: true, percent: 90 } });
    await prisma.certificationEvent.deleteMany({ where: { attemptId } });
    await prisma.certification.deleteMany({ where: { userId: user.id } });
    await first.kill();

    const second = await startServer();
    started.push(second);
    let event = null;
    for (let i = 0; i < 100 && !event; i++) {
      event = await prisma.certificationEvent.findUnique({ where: { attemptId }, select: { userId: true } });
      if (!event) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(event).toEqual({ userId: user.id });
    expect(await prisma.certification.count({ where: { userId: user.id, courseId: "ai-foundations" } })).toBe(1);
  }, 240_000);
});
