import { describe, expect, it } from "vitest";
import { deriveRoles, hasAnyRole, homePathFor } from "./roles";

describe("deriveRoles", () => {
  it("makes every account a learner", () => {
    expect(deriveRoles({ globalRoles: [], memberships: [] })).toEqual(["LEARNER"]);
  });

  it("derives organisation roles from the organisation's kind", () => {
    expect(
      deriveRoles({
        globalRoles: [],
        memberships: [
          { role: "ADMIN", organisation: { kind: "TRAINING_CENTRE" } },
          { role: "INSTRUCTOR", organisation: { kind: "TRAINING_CENTRE" } },
          { role: "RECRUITER", organisation: { kind: "EMPLOYER" } },
        ],
      }),
    ).toEqual(["LEARNER", "INSTRUCTOR", "CENTRE_ADMIN", "EMPLOYER"]);
  });

  it("does not turn an employer's admin into a centre admin, nor an issuer member into anything", () => {
    expect(
      deriveRoles({
        globalRoles: [],
        memberships: [
          { role: "ADMIN", organisation: { kind: "EMPLOYER" } },
          { role: "ADMIN", organisation: { kind: "ISSUER" } },
        ],
      }),
    ).toEqual(["LEARNER", "EMPLOYER"]);
  });

  it("grants platform admin only from the global role", () => {
    expect(deriveRoles({ globalRoles: ["PLATFORM_ADMIN"], memberships: [] })).toEqual(["LEARNER", "PLATFORM_ADMIN"]);
  });
});

describe("hasAnyRole", () => {
  it("requires one of the roles", () => {
    expect(hasAnyRole(["LEARNER"], ["INSTRUCTOR"])).toBe(false);
    expect(hasAnyRole(["LEARNER", "INSTRUCTOR"], ["INSTRUCTOR", "CENTRE_ADMIN"])).toBe(true);
  });
  it("lets platform admins through", () => {
    expect(hasAnyRole(["LEARNER", "PLATFORM_ADMIN"], ["EMPLOYER"])).toBe(true);
  });
});

describe("homePathFor", () => {
  it("sends each account to its most specific workspace", () => {
    expect(homePathFor(["LEARNER"])).toBe("/learn");
    expect(homePathFor(["LEARNER", "INSTRUCTOR"])).toBe("/teach");
    expect(homePathFor(["LEARNER", "INSTRUCTOR", "CENTRE_ADMIN"])).toBe("/centre");
    expect(homePathFor(["LEARNER", "EMPLOYER"])).toBe("/employer");
    expect(homePathFor(["LEARNER", "PLATFORM_ADMIN"])).toBe("/admin");
  });
});
