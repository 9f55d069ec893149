import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { startExamAttempt, useShippedCurriculum } from "~/modules/study/test-fixtures";
import { createUser } from "../../../tests/factories";
import { examNextSteps } from "./next-step.server";

useShippedCurriculum({ index: false });

describe("the next step after the lessons", () => {
  it("goes exam → attempt in progress → awaiting review → certified, per course", async () => {
    const user = await createUser();
    const step = async () => (await examNextSteps({ userId: user.id, courseIds: ["ai-foundations"] })).get("ai-foundations");
    expect(await step()).toEqual({ kind: "exam", href: "/courses/ai-foundations/exam" });
    const attempt = await startExamAttempt(user.id);
    expect(await step()).toEqual({ kind: "continue_exam", href: `/exams/${attempt.id}` });
    await prisma.examAttempt.update({ where: { id: attempt.id }, data: { state: "AWAITING_REVIEW", submittedAt: new Date() } });
    expect(await step()).toEqual({ kind: "awaiting_review", href: `/exams/${attempt.id}/result` });
    await prisma.certification.create({ data: { userId: user.id, courseId: "ai-foundations", source: "test" } });
    expect(await step()).toEqual({ kind: "certified", href: "/credentials" });
    expect(await examNextSteps({ userId: user.id, courseIds: [] })).toEqual(new Map());
  });
});
