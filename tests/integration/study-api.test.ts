// The study API over HTTP (contract in the study-mode issue): search, the tutor as JSON and streamed, refusals.
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { startExamAttempt, useShippedCurriculum } from "~/modules/study/test-fixtures";
import { createUser, sessionCookieHeader } from "../factories";
import { useTestServer } from "../setup/test-server";

const server = useTestServer();
useShippedCurriculum();

async function learner() {
  const user = await createUser();
  return { user, cookie: await sessionCookieHeader(user.id) };
}

const askJson = (cookie: string, body: unknown, headers: Record<string, string> = {}) =>
  server.request("/api/study/tutor", { method: "POST", cookie, headers: { "Content-Type": "application/json", Accept: "application/json", ...headers }, body: JSON.stringify(body) });

describe("GET /api/study/search", () => {
  it("returns passages best first, with content ids, plain-text excerpts and section links; locked courses marked", async () => {
    const { cookie } = await learner();
    const res = await server.request(`/api/study/search?${new URLSearchParams({ q: "comment vérifier une source citée par l'IA", lang: "fr" })}`, { cookie });
    expect(res.status).toBe(200);
    const { passages } = (await res.json()) as { passages: Array<Record<string, unknown>> };
    expect(passages.length).toBeGreaterThanOrEqual(3);
    for (const p of passages) {
      expect(Object.keys(p).sort()).toEqual(["courseId", "excerpt", "heading", "lessonId", "locked", "url"]);
      expect(p.url).toBe(`/courses/${p.courseId}/${p.lessonId}?lng=fr#${String(p.url).split("#")[1]}`);
      expect(String(p.excerpt)).not.toMatch(/\*\*|^#|\]\(/m);
    }
    expect(passages.some((p) => p.courseId === "ai-foundations" && p.locked === false)).toBe(true);
    const tier2 = await server.request(`/api/study/search?${new URLSearchParams({ q: "RAG base de connaissances entreprise", lang: "fr" })}`, { cookie });
    const tier2Passages = ((await tier2.json()) as { passages: Array<{ courseId: string; locked: boolean }> }).passages;
    expect(tier2Passages.find((p) => p.courseId === "ai-practitioner")?.locked).toBe(true);
  });

  it("refuses without a session, without a question or with an unknown language, in the reader's language", async () => {
    const { cookie } = await learner();
    expect((await server.request("/api/study/search?q=prompt&lang=en")).status).toBe(401);
    const noQ = await server.request("/api/study/search?lang=ar", { cookie });
    expect(noQ.status).toBe(400);
    expect(await noQ.json()).toMatchObject({ error: "invalid_question" });
    const badLang = await server.request("/api/study/search?q=prompt&lang=es", { cookie, headers: { "Accept-Language": "ar" } });
    expect(badLang.status).toBe(400);
    expect(await badLang.json()).toEqual({ error: "invalid_language", message: "اختر اللغة: fr أو ar أو en." });
  });
});

describe("POST /api/study/tutor", () => {
  it("answers as JSON in passages mode when no model is configured, citing content ids", async () => {
    const { cookie } = await learner();
    const res = await askJson(cookie, { question: "Comment bien rédiger une consigne pour un assistant d'IA ?", lang: "fr", courseId: "ai-foundations", lessonId: "prompting-well" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { answer: string; mode: string; citations: Array<Record<string, string>> };
    expect(Object.keys(body).sort()).toEqual(["answer", "citations", "mode"]);
    expect(body.mode).toBe("passages");
    expect(body.answer).toMatch(/^Aucun modèle d'IA n'a répondu/);
    expect(body.citations.length).toBeGreaterThanOrEqual(1);
    for (const c of body.citations) expect(Object.keys(c).sort()).toEqual(["heading", "lessonId", "url"]);
    expect(body.citations.map((c) => c.lessonId)).toContain("prompting-well");
  });

  it("streams server-sent events ending with the answer", async () => {
    const { cookie } = await learner();
    const res = await askJson(cookie, { question: "ما هي الهلوسة؟", lang: "ar" }, { Accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const done = /event: done\ndata: (.+)\n/.exec(text)?.[1];
    expect(JSON.parse(done ?? "{}")).toMatchObject({ mode: "passages", citations: expect.arrayContaining([expect.objectContaining({ lessonId: "how-llms-work" })]) });
  });

  it("refuses with 409 exam_in_progress while an attempt runs, also when streaming", async () => {
    const { user, cookie } = await learner();
    await startExamAttempt(user.id);
    const res = await askJson(cookie, { question: "What is a hallucination?", lang: "en" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "exam_in_progress" });
    const streamed = await askJson(cookie, { question: "What is a hallucination?", lang: "en" }, { Accept: "text/event-stream" });
    expect(streamed.status).toBe(409);
    expect(await streamed.json()).toMatchObject({ error: "exam_in_progress" });
    expect(await prisma.studyMessage.count()).toBe(0);
  });

  it("answers bad input with a 4xx and a message, never a 5xx", async () => {
    const { cookie } = await learner();
    const cases: Array<[unknown, number, string]> = [
      [{ question: "", lang: "fr" }, 400, "invalid_question"],
      [{ question: "x".repeat(1001), lang: "fr" }, 400, "invalid_question"],
      [{ question: "hello there", lang: "de" }, 400, "invalid_language"],
      [{ lang: "fr" }, 400, "invalid_question"],
      [["array"], 400, "invalid_question"],
      [{ question: 42, lang: "en" }, 400, "invalid_question"],
    ];
    for (const [body, status, error] of cases) {
      const res = await askJson(cookie, body);
      expect([res.status, ((await res.json()) as { error: string }).error], JSON.stringify(body)).toEqual([status, error]);
    }
    const broken = await server.request("/api/study/tutor", { method: "POST", cookie, headers: { "Content-Type": "application/json" }, body: "{not json" });
    expect(broken.status).toBe(400);
    expect((await askJson("", { question: "hello", lang: "en" })).status).toBe(401);
    const crossSite = await askJson(cookie, { question: "hello there", lang: "en" }, { Origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
  });
});
