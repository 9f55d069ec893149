// Set-up shared by this folder's tests (and the credentials HTTP test): an isolated key file and a passed exam
// with its "certification earned" event, written by the exam engine's own recordCertification.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { recordCertification } from "~/modules/exams/attempts.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createUser } from "../../../tests/factories";
import { forgetIssuerKeys } from "./keys.server";

export const TEST_APP_URL = "https://maharat.test";
export const TEST_DID = "did:web:maharat.test";
export const TEST_KEY_SECRET = "test-only credentials secret, long enough for the env check";

/**
 * Points the module at a key file in a fresh temporary folder (never the developer's .data/keys) and at
 * https://maharat.test. Call at the top level of a test file; undone after the file.
 */
export function useCredentialTestEnv({ appUrl = TEST_APP_URL, secret = TEST_KEY_SECRET }: { appUrl?: string | null; secret?: string | null } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maharat-keys-"));
  const keyFile = path.join(dir, "issuer-keys.json");
  vi.stubEnv("CREDENTIALS_KEY_FILE", keyFile);
  vi.stubEnv("CREDENTIALS_KEY_SECRET", secret ?? undefined);
  vi.stubEnv("APP_URL", appUrl ?? undefined);
  forgetIssuerKeys();
  afterAll(() => {
    vi.unstubAllEnvs();
    forgetIssuerKeys();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, keyFile };
}

/** The two-course test curriculum (tests/curriculum.ts), with an ESCO URI on one skill. */
export async function syncTestCurriculum() {
  const curriculum = makeCurriculum();
  curriculum.skills.push({
    id: "data-protection",
    label: { fr: "Protection des données", ar: "حماية البيانات", en: "Data protection" },
    description: { fr: "d", ar: "d", en: "d" },
    esco: "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000001",
  });
  curriculum.courses[0].skills = ["ai-concepts", "data-protection"];
  await syncCurriculum({ prisma, curriculum });
}

let attemptNumber = 0;

/** A graded, passed attempt of t1-course's exam and the event recordCertification writes for it. */
export async function createCertificationEvent({
  userId,
  courseId = "t1-course",
  percent = 86.66,
  now = new Date(),
}: {
  userId: string;
  courseId?: string;
  percent?: number;
  now?: Date;
}) {
  const version = await prisma.examVersion.findFirstOrThrow({
    where: { courseId: "t1-course", archivedAt: null },
    select: { id: true, examSlug: true },
  });
  attemptNumber += 1;
  const attempt = await prisma.examAttempt.create({
    data: {
      userId,
      courseId,
      examSlug: version.examSlug,
      examVersionId: version.id,
      number: attemptNumber,
      state: "GRADED",
      language: "fr",
      itemIds: [],
      displayOrders: {},
      deadlineAt: now,
      submittedAt: now,
      percent,
      isPassed: true,
      gradedAt: now,
    },
    select: { id: true },
  });
  await recordCertification({ attemptId: attempt.id, userId, courseId, examSlug: version.examSlug, now });
  return prisma.certificationEvent.findUniqueOrThrow({
    where: { attemptId: attempt.id },
    select: { id: true, userId: true, courseId: true, processedAt: true, createdAt: true },
  });
}

/** A learner (locale as given) with a passed t1-course exam: curriculum, user and event. */
export async function createCertifiedLearner({ locale = "fr", percent }: { locale?: string; percent?: number } = {}) {
  await syncTestCurriculum();
  const user = await createUser({ locale });
  const event = await createCertificationEvent({ userId: user.id, percent });
  return { user, event };
}

/** Every string leaf and property name of a JSON value, as paths, for "change one character anywhere" tests. */
export function jsonPaths(value: unknown, prefix: Array<string | number> = []): Array<{ path: Array<string | number>; kind: "value" | "key" }> {
  if (typeof value === "string") return [{ path: prefix, kind: "value" }];
  if (Array.isArray(value)) return value.flatMap((entry, index) => jsonPaths(entry, [...prefix, index]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, entry]) => [{ path: [...prefix, key], kind: "key" as const }, ...jsonPaths(entry, [...prefix, key])]);
  }
  return [];
}

function changeOneCharacter(text: string) {
  const at = Math.floor(text.length / 2);
  const replacement = text[at] === "a" ? "b" : "a";
  return text.length === 0 ? "a" : `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

/** A deep copy with one character changed in the string value, or the property name, at `path`. */
export function tamper<T>(value: T, target: { path: Array<string | number>; kind: "value" | "key" }): T {
  const copy = structuredClone(value);
  const parentPath = target.path.slice(0, -1);
  const last = target.path[target.path.length - 1];
  let parent: unknown = copy;
  for (const step of parentPath) parent = typeof parent === "object" && parent !== null ? Reflect.get(parent, step) : undefined;
  if (typeof parent !== "object" || parent === null) throw new Error("tamper: bad path");
  const current: unknown = Reflect.get(parent, last);
  if (target.kind === "value") {
    if (typeof current !== "string") throw new Error("tamper: not a string");
    Reflect.set(parent, last, changeOneCharacter(current));
  } else {
    Reflect.deleteProperty(parent, last);
    Reflect.set(parent, changeOneCharacter(String(last)), current);
  }
  return copy;
}
