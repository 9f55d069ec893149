import { describe, expect, it } from "vitest";
import { attemptDeadline, attemptEligibility, effectiveWindow, isEmptyWindow } from "./definition";

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

describe("effectiveWindow", () => {
  const exam = { availableFrom: "2027-01-10T08:00:00.000Z", availableUntil: "2027-01-20T18:00:00.000Z" };
  const open = { availableFrom: null, availableUntil: null };

  it("is the exam's own window for a learner in no cohort with a window for the course", () => {
    expect(effectiveWindow({ exam, cohortWindows: [] })).toEqual(exam);
    expect(effectiveWindow({ exam: open, cohortWindows: [] })).toEqual(open);
  });

  it("intersects the exam's window with the cohort's", () => {
    // Inside the exam's window: the cohort's dates.
    expect(effectiveWindow({ exam, cohortWindows: [{ opensAt: "2027-01-12T08:00:00.000Z", closesAt: "2027-01-12T12:00:00.000Z" }] })).toEqual({
      availableFrom: "2027-01-12T08:00:00.000Z",
      availableUntil: "2027-01-12T12:00:00.000Z",
    });
    // Overlapping either side: never wider than the exam's own window.
    expect(effectiveWindow({ exam, cohortWindows: [{ opensAt: "2027-01-01T00:00:00.000Z", closesAt: "2027-01-15T00:00:00.000Z" }] })).toEqual({
      availableFrom: exam.availableFrom,
      availableUntil: "2027-01-15T00:00:00.000Z",
    });
    expect(effectiveWindow({ exam, cohortWindows: [{ opensAt: "2027-01-15T00:00:00.000Z", closesAt: "2027-02-01T00:00:00.000Z" }] })).toEqual({
      availableFrom: "2027-01-15T00:00:00.000Z",
      availableUntil: exam.availableUntil,
    });
    // An exam open at all times takes the cohort's window; a cohort bound left open keeps the exam's.
    expect(effectiveWindow({ exam: open, cohortWindows: [{ opensAt: "2027-01-15T00:00:00.000Z", closesAt: null }] })).toEqual({
      availableFrom: "2027-01-15T00:00:00.000Z",
      availableUntil: null,
    });
    expect(effectiveWindow({ exam, cohortWindows: [{ opensAt: null, closesAt: "2027-01-15T00:00:00.000Z" }] })).toEqual({
      availableFrom: exam.availableFrom,
      availableUntil: "2027-01-15T00:00:00.000Z",
    });
  });

  it("takes the most permissive of several cohort windows (earliest opening, latest close, null open on that side)", () => {
    const morning = { opensAt: "2027-01-12T08:00:00.000Z", closesAt: "2027-01-12T12:00:00.000Z" };
    const afternoon = { opensAt: "2027-01-12T14:00:00.000Z", closesAt: "2027-01-12T18:00:00.000Z" };
    expect(effectiveWindow({ exam, cohortWindows: [afternoon, morning] })).toEqual({
      availableFrom: "2027-01-12T08:00:00.000Z",
      availableUntil: "2027-01-12T18:00:00.000Z",
    });
    expect(effectiveWindow({ exam: open, cohortWindows: [morning, { opensAt: null, closesAt: "2027-01-11T00:00:00.000Z" }] })).toEqual({
      availableFrom: null,
      availableUntil: "2027-01-12T12:00:00.000Z",
    });
    expect(effectiveWindow({ exam, cohortWindows: [morning, { opensAt: "2027-01-13T00:00:00.000Z", closesAt: null }] })).toEqual({
      availableFrom: "2027-01-12T08:00:00.000Z",
      availableUntil: exam.availableUntil,
    });
    // A cohort with a window row but both bounds open leaves the exam's own window.
    expect(effectiveWindow({ exam, cohortWindows: [morning, { opensAt: null, closesAt: null }] })).toEqual(exam);
  });

  it("can be empty when the cohort's dates fall outside the exam's, and an empty window never opens", () => {
    const empty = effectiveWindow({ exam, cohortWindows: [{ opensAt: "2027-02-01T08:00:00.000Z", closesAt: "2027-02-02T08:00:00.000Z" }] });
    expect(empty).toEqual({ availableFrom: "2027-02-01T08:00:00.000Z", availableUntil: exam.availableUntil });
    expect(isEmptyWindow(empty)).toBe(true);
    expect(isEmptyWindow(exam)).toBe(false);
    expect(isEmptyWindow({ availableFrom: exam.availableFrom, availableUntil: null })).toBe(false);
    // Before the (impossible) opening, the learner is told it is closed, not "opens on 1 February".
    expect(attemptEligibility({ ...base, now: new Date("2027-01-05T00:00:00Z"), ...empty })).toEqual({ canStart: false, reason: "exam_closed" });
  });

  it("caps the deadline of an attempt at the cohort's close", () => {
    const { availableUntil } = effectiveWindow({ exam: open, cohortWindows: [{ opensAt: null, closesAt: "2027-01-15T10:10:00.000Z" }] });
    expect(attemptDeadline({ now, timeLimitMinutes: 30, timeFactor: 1, availableUntil })).toEqual(new Date("2027-01-15T10:10:00Z"));
  });
});
