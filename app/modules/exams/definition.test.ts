import { describe, expect, it } from "vitest";
import { attemptDeadline, attemptEligibility } from "./definition";

const now = new Date("2027-01-15T10:00:00Z");
const base = { attemptsUsed: 0, attemptsAllowed: 2, extraAttempts: 0, lastSubmittedAt: null, cooldownHours: 24, now };

describe("attemptEligibility", () => {
  it("opens within the availability window only", () => {
    expect(attemptEligibility({ ...base, availableFrom: "2027-01-15T09:00:00.000Z", availableUntil: "2027-01-16T00:00:00.000Z" })).toEqual({ canStart: true });
    expect(attemptEligibility({ ...base, availableFrom: "2027-01-15T11:00:00.000Z" })).toEqual({ canStart: false, reason: "not_open_yet", retryAt: new Date("2027-01-15T11:00:00.000Z") });
    expect(attemptEligibility({ ...base, availableUntil: "2027-01-15T10:00:00.000Z" })).toEqual({ canStart: false, reason: "exam_closed" });
  });

  it("counts extra attempts granted as accommodations, and applies the cooldown", () => {
    expect(attemptEligibility({ ...base, attemptsUsed: 2 })).toEqual({ canStart: false, reason: "no_attempts_left" });
    expect(attemptEligibility({ ...base, attemptsUsed: 2, extraAttempts: 1, lastSubmittedAt: new Date("2027-01-13T10:00:00Z") })).toEqual({ canStart: true });
    expect(attemptEligibility({ ...base, attemptsUsed: 1, lastSubmittedAt: new Date("2027-01-15T09:00:00Z") })).toEqual({
      canStart: false,
      reason: "cooldown",
      retryAt: new Date("2027-01-16T09:00:00Z"),
    });
  });
});

describe("attemptDeadline", () => {
  it("is the time limit times the learner's factor, cut at the window's close", () => {
    expect(attemptDeadline({ now, timeLimitMinutes: 30, timeFactor: 1.5, availableUntil: null })).toEqual(new Date("2027-01-15T10:45:00Z"));
    expect(attemptDeadline({ now, timeLimitMinutes: 30, timeFactor: 1, availableUntil: "2027-01-15T10:20:00.000Z" })).toEqual(new Date("2027-01-15T10:20:00Z"));
  });
});
