// GET /courses/:courseId/exam/preview?lng= — the whole bank as an attempt shows it, for instructors and admins.
import { describe, expect, it } from "vitest";
import { createUser, sessionCookieHeader } from "../factories";
import { useShippedCurriculum } from "~/modules/study/test-fixtures";
import { useTestServer } from "../setup/test-server";

const server = useTestServer();
const shipped = useShippedCurriculum({ index: false });

describe("the exam preview", () => {
  it("shows every item of the bank in the language asked, to staff only", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const cookie = await sessionCookieHeader(instructor.id);
    const exam = shipped().courses.find((c) => c.id === "ai-tourism")?.exam;
    if (!exam) throw new Error("no exam");
    const res = await server.request("/courses/ai-tourism/exam/preview?lng=ar", { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form lang="ar" dir="rtl"');
    expect(html.match(/<fieldset/g)?.length).toBe(exam.items.length);
    const single = exam.items.find((i) => i.type === "single");
    expect(html).toContain(single?.prompt.ar?.slice(0, 30).replaceAll('"', "&quot;") ?? "");
    // The same field names as an attempt, and no answer key.
    expect(html).toContain('name="r.q1.');
    expect(html).not.toMatch(/"correct"|explanation/);
    const french = await (await server.request("/courses/ai-tourism/exam/preview?lng=fr", { cookie })).text();
    expect(french).toContain('<form lang="fr" dir="ltr"');

    const learner = await createUser();
    expect((await server.request("/courses/ai-tourism/exam/preview", { cookie: await sessionCookieHeader(learner.id) })).status).toBe(403);
    expect((await server.request("/courses/no-such-course/exam/preview", { cookie })).status).toBe(404);
  });
});
