import { describe, expect, it } from "vitest";
import { courseAccess, progressPercent } from "./access";

describe("courseAccess", () => {
  it("opens a course without prerequisites", () => {
    expect(courseAccess({ prerequisites: [], certifiedCourseIds: new Set(), roles: ["LEARNER"] })).toEqual({ status: "open" });
  });
  it("locks a tier-2 course until the tier-1 certification is held, and says which one is missing", () => {
    expect(courseAccess({ prerequisites: ["ai-foundations"], certifiedCourseIds: new Set(), roles: ["LEARNER"] })).toEqual({
      status: "locked",
      missing: ["ai-foundations"],
    });
    expect(
      courseAccess({ prerequisites: ["ai-foundations"], certifiedCourseIds: new Set(["ai-foundations"]), roles: ["LEARNER"] }),
    ).toEqual({ status: "open" });
  });
  it("lets staff preview locked courses, and employers not", () => {
    const locked = { prerequisites: ["ai-practitioner"], certifiedCourseIds: new Set<string>() };
    expect(courseAccess({ ...locked, roles: ["LEARNER", "INSTRUCTOR"] })).toEqual({ status: "preview" });
    expect(courseAccess({ ...locked, roles: ["LEARNER", "EMPLOYER"] }).status).toBe("locked");
  });
});

describe("progressPercent", () => {
  it("rounds and caps", () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(7, 6)).toBe(100);
  });
});
