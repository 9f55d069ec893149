import { describe, expect, it } from "vitest";
import { safeCell } from "~/lib/csv";
import { cohortProgressCsv, type ExportLabels } from "./export";
import { type LearnerFacts, expectedPercent, learnerProgress, passRates, progressDistribution, weekStart, weeklyActivity } from "./progress";
import { fromLocalDateTime, toLocalDateTime } from "./time-zone";

const path = [
  { id: "ai-foundations", title: "Fondamentaux de l'IA", lessonsTotal: 6 },
  { id: "ai-practitioner", title: "Praticien de l'IA", lessonsTotal: 6 },
];
const none = (): LearnerFacts => ({ lessonsDone: {}, exams: {}, credentials: [], lastActivityAt: null });
const now = new Date("2026-11-22T10:00:00Z");
const noDates = { startsOn: null, endsOn: null };

describe("learnerProgress", () => {
  it("counts lessons as 80 % of a course and a passed exam as the whole course", () => {
    const facts = { ...none(), lessonsDone: { "ai-foundations": 3 }, lastActivityAt: now };
    expect(learnerProgress({ path, facts, cohort: noDates, enrolledAt: now, now })).toMatchObject({
      lessonsDone: 3,
      lessonsTotal: 12,
      percent: 20, // (3/6 × 80 + 0) / 2
      status: "in_progress",
    });
    const passed = {
      ...facts,
      exams: { "ai-foundations": { attempts: 2, passed: true, bestPercent: 84, awaitingReview: false } },
      credentials: ["ai-foundations"],
    };
    expect(learnerProgress({ path, facts: passed, cohort: noDates, enrolledAt: now, now })).toMatchObject({
      percent: 50,
      examsAttempted: 1,
      examsPassed: 1,
      credentialsIssued: 1,
    });
  });

  it("is completed when every exam of the path is passed, even with lessons skipped", () => {
    const pass = { attempts: 1, passed: true, bestPercent: 90, awaitingReview: false };
    const facts = { ...none(), exams: { "ai-foundations": pass, "ai-practitioner": pass }, lastActivityAt: now };
    expect(learnerProgress({ path, facts, cohort: noDates, enrolledAt: now, now })).toMatchObject({ percent: 100, status: "completed" });
  });

  it("is behind 20 points under the calendar's expectation, not before", () => {
    const cohort = { startsOn: new Date("2026-11-01T00:00:00Z"), endsOn: new Date("2026-11-30T00:00:00Z") };
    // 21 of 30 days gone: expected ≈ 70 %.
    expect(expectedPercent({ ...cohort, now })).toBeCloseTo((21.4166 / 30) * 100, 0);
    const slow = { ...none(), lessonsDone: { "ai-foundations": 6, "ai-practitioner": 2 }, lastActivityAt: now }; // ≈ 53 %
    expect(learnerProgress({ path, facts: slow, cohort, enrolledAt: now, now }).status).toBe("in_progress");
    const slower = { ...none(), lessonsDone: { "ai-foundations": 6 }, lastActivityAt: now }; // 40 %
    const joinedEarly = new Date("2026-11-01T00:00:00Z");
    expect(learnerProgress({ path, facts: slower, cohort, enrolledAt: joinedEarly, now }).status).toBe("behind");
    // Someone imported into the running cohort today is not behind on day one (14 days to catch up).
    expect(learnerProgress({ path, facts: slower, cohort, enrolledAt: now, now }).status).toBe("in_progress");
    // Before the start, nobody is behind.
    expect(expectedPercent({ ...cohort, now: new Date("2026-10-30T00:00:00Z") })).toBeNull();
  });

  it("is invited, not behind, until the person imported by the centre signs in and starts", () => {
    const cohort = { startsOn: new Date("2026-10-01T00:00:00Z"), endsOn: new Date("2026-11-30T00:00:00Z") };
    const longAgo = new Date("2026-10-01T00:00:00Z");
    expect(learnerProgress({ path, facts: none(), cohort, enrolledAt: longAgo, now, invited: true }).status).toBe("invited");
    expect(learnerProgress({ path, facts: none(), cohort, enrolledAt: longAgo, now, invited: false }).status).toBe("behind");
  });

  it("without dates, is behind after 14 idle days; a newcomer has not started", () => {
    const enrolledAt = new Date("2026-11-20T00:00:00Z");
    expect(learnerProgress({ path, facts: none(), cohort: noDates, enrolledAt, now }).status).toBe("not_started");
    const longAgo = new Date("2026-10-01T00:00:00Z");
    expect(learnerProgress({ path, facts: none(), cohort: noDates, enrolledAt: longAgo, now }).status).toBe("behind");
    const idle = { ...none(), lessonsDone: { "ai-foundations": 1 }, lastActivityAt: new Date("2026-11-01T00:00:00Z") };
    expect(learnerProgress({ path, facts: idle, cohort: noDates, enrolledAt: longAgo, now }).status).toBe("behind");
  });

  it("counts nobody as behind before the day the centre chose, and from that day even someone imported today", () => {
    const cohort = { startsOn: new Date("2026-10-01T00:00:00Z"), endsOn: new Date("2026-11-30T00:00:00Z") };
    const longAgo = new Date("2026-10-01T00:00:00Z");
    const later = { ...cohort, behindFrom: new Date("2026-11-25T00:00:00Z") };
    // Far under the calendar (0 % at ~88 %), yet not behind before the chosen day.
    expect(learnerProgress({ path, facts: none(), cohort: later, enrolledAt: longAgo, now }).status).toBe("not_started");
    const started = { ...cohort, behindFrom: new Date("2026-11-15T00:00:00Z") };
    expect(learnerProgress({ path, facts: none(), cohort: started, enrolledAt: longAgo, now }).status).toBe("behind");
    // The chosen day replaces the 14 days' grace after joining: the centre decided when counting starts.
    expect(learnerProgress({ path, facts: none(), cohort: started, enrolledAt: now, now }).status).toBe("behind");
    expect(learnerProgress({ path, facts: none(), cohort, enrolledAt: now, now }).status).toBe("not_started");
  });
});

describe("chart figures", () => {
  it("puts each learner in one fifth of the path, 100 % in the last", () => {
    expect(progressDistribution([0, 19, 20, 55, 80, 100]).map((b) => b.count)).toEqual([2, 1, 1, 0, 2]);
  });

  it("gives pass rates over those who attempted, and none when nobody did", () => {
    const learners = [
      { facts: { ...none(), exams: { "ai-foundations": { attempts: 1, passed: true, bestPercent: 80, awaitingReview: false } } } },
      { facts: { ...none(), exams: { "ai-foundations": { attempts: 3, passed: false, bestPercent: 55, awaitingReview: false } } } },
      { facts: none() },
    ];
    expect(passRates(path, learners)).toEqual([
      { courseId: "ai-foundations", title: "Fondamentaux de l'IA", attempted: 2, passed: 1, rate: 0.5 },
      { courseId: "ai-practitioner", title: "Praticien de l'IA", attempted: 0, passed: 0, rate: null },
    ]);
  });

  it("lays activity on 12 regular weeks ending this week, Monday-based", () => {
    expect(weekStart(new Date("2026-11-22T10:00:00Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z"); // a Sunday
    const weeks = weeklyActivity({
      lessons: [{ week: new Date("2026-11-16T00:00:00Z"), count: 5 }, { week: new Date("2025-01-06T00:00:00Z"), count: 99 }],
      attempts: [{ week: new Date("2026-11-09T00:00:00Z"), count: 2 }],
      now,
    });
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toEqual({ week: new Date("2026-11-16T00:00:00Z"), lessons: 5, attempts: 0 });
    expect(weeks[10]).toEqual({ week: new Date("2026-11-09T00:00:00Z"), lessons: 0, attempts: 2 });
    expect(weeks.reduce((sum, w) => sum + w.lessons, 0)).toBe(5);
  });
});

describe("cohortProgressCsv", () => {
  const labels: ExportLabels = {
    name: "Nom",
    email: "E-mail",
    studentId: "Matricule",
    status: "Statut",
    statuses: { invited: "Invité·e", not_started: "Pas commencé", in_progress: "En cours", behind: "En retard", completed: "Terminé" },
    percent: "Progression (%)",
    lessons: "Leçons",
    examAttempts: (c) => `${c} : tentatives`,
    examPassed: (c) => `${c} : réussi`,
    examBest: (c) => `${c} : meilleur score`,
    credential: (c) => `${c} : certificat`,
    yes: "oui",
    no: "non",
    lastActivity: "Dernière activité",
    enrolledAt: "Inscrit le",
  };

  it("writes UTF-8 with a BOM and CRLF, quotes what needs it, keeps Arabic names, defuses formulas", () => {
    const facts = { ...none(), exams: { "ai-foundations": { attempts: 2, passed: true, bestPercent: 86.66, awaitingReview: false } }, credentials: ["ai-foundations"], lastActivityAt: now };
    const progress = learnerProgress({ path, facts, cohort: noDates, enrolledAt: now, now });
    const csv = cohortProgressCsv({
      path,
      labels,
      separator: "comma",
      rows: [
        { name: "محمد أمين بن علي", email: "amine@example.ma", studentId: "R130045", enrolledAt: now, facts, progress },
        { name: "=HYPERLINK(\"http://evil\")", email: "x@example.ma", studentId: null, enrolledAt: now, facts: none(), progress: learnerProgress({ path, facts: none(), cohort: noDates, enrolledAt: now, now }) },
      ],
    });
    expect(csv.startsWith("\uFEFFNom,E-mail,Matricule,Statut,Progression (%),Leçons,Fondamentaux de l'IA : tentatives,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(4); // header, two rows, final empty string
    expect(lines[1]).toBe("محمد أمين بن علي,amine@example.ma,R130045,En cours,50,0/12,2,oui,86.7,oui,0,non,,non,2026-11-22,2026-11-22");
    expect(lines[2].startsWith(`"'=HYPERLINK(""http://evil"")",x@example.ma,,`)).toBe(true);
    expect(safeCell("-1+2")).toBe("'-1+2");
    const french = cohortProgressCsv({ path, labels, separator: "semicolon", rows: [{ name: "Salma", email: "s@example.ma", studentId: null, enrolledAt: now, facts, progress }] });
    expect(french.slice(1).split("\r\n")[1]).toBe("Salma;s@example.ma;;En cours;50;0/12;2;oui;86,7;oui;0;non;;non;2026-11-22;2026-11-22");
    expect(safeCell("Fatima-Zahra")).toBe("Fatima-Zahra");
  });
});

describe("Casablanca wall-clock time", () => {
  it("converts datetime-local values both ways across Morocco's offsets", () => {
    // June 2026: UTC+1.
    expect(fromLocalDateTime("2026-06-15T09:00")?.toISOString()).toBe("2026-06-15T08:00:00.000Z");
    expect(toLocalDateTime(new Date("2026-06-15T08:00:00.000Z"))).toBe("2026-06-15T09:00");
    // Ramadan 2026: UTC+0.
    expect(fromLocalDateTime("2026-02-25T10:30")?.toISOString()).toBe("2026-02-25T10:30:00.000Z");
    // Permanent UTC+0 from 2026-09-20 02:00 (tzdata 2026c), whichever tzdata the Node in use ships.
    expect(toLocalDateTime(new Date("2026-09-20T00:59:00.000Z"))).toBe("2026-09-20T01:59");
    expect(toLocalDateTime(new Date("2026-09-20T01:00:00.000Z"))).toBe("2026-09-20T01:00");
    expect(fromLocalDateTime("2026-12-01T09:00")?.toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(toLocalDateTime(new Date("2026-12-01T09:00:00.000Z"))).toBe("2026-12-01T09:00");
    expect(fromLocalDateTime("not a date")).toBeNull();
    // A round trip holds on any date (Ramadan periods included).
    for (const value of ["2026-02-25T10:30", "2026-06-15T23:45", "2026-12-01T09:00", "2027-02-14T08:00"]) {
      const instant = fromLocalDateTime(value);
      expect(instant && toLocalDateTime(instant)).toBe(value);
    }
  });
});
