// `npm run bench:study`: the study tutor's retrieval quality and its time to first answer byte (study-mode issue).
// Starts the production server on a fresh database (DATABASE_URL's server, else the embedded one, the default), signs
// in the demo learner, then:
//   1. asks GET /api/study/search for every question of tests/bench/study-questions.yaml (learner questions in fr,
//      ar and en written by the team, each with the lesson(s) that answer it) and reports, per language, hit@3 (an
//      answering lesson among the first three passages) and MRR (1/rank of the first answering passage);
//   2. measures POST /api/study/tutor with the local default (no model), streamed: time to first byte and to the
//      whole answer, 3 rounds over the questions one at a time, then one round 10 at a time; p50/p95 per round.
// A set of held-out questions, written by others, can be passed with --questions <file> (same format).
// The last line is machine-readable JSON. A benchmark, not a test: latency depends on the machine.
import fs from "node:fs";
import getPort from "get-port";
import { parse } from "yaml";
import { startBenchDatabase } from "../setup/bench-database";
import { startServerProcess } from "../setup/server-process";

type Question = { lang: "fr" | "ar" | "en"; q: string; lessons: string[] };

const argIndex = process.argv.indexOf("--questions");
const questionsFile = argIndex > 0 ? process.argv[argIndex + 1] : "tests/bench/study-questions.yaml";
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] ?? 3) || 3;
const questions = (parse(fs.readFileSync(questionsFile ?? "", "utf8")) as { questions: Question[] }).questions;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

const cleanups: Array<() => Promise<void>> = [];
try {
  const db = await startBenchDatabase("maharat_bench_study");
  cleanups.push(db.stop);
  const databaseUrl = db.url;
  const database = db.kind;
  const port = await getPort({ host: "127.0.0.1" });
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", SEED_DEMO: "true", LOG_LEVEL: "warn", WEB_CONCURRENCY: "1" };
  delete env.OPENAI_API_KEY;
  delete env.APP_URL;
  const server = await startServerProcess({ port, env });
  cleanups.push(() => server.stop());
  const origin = server.origin;

  const login = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email: "learner@demo.maharat.ma", password: "maharat-demo-2026" }),
  });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  if (!cookie.includes("=")) throw new Error(`log-in failed: ${login.status}`);

  // 1. Retrieval quality
  const perLanguage = new Map<string, { n: number; hits: number; rr: number }>();
  const misses: string[] = [];
  for (const question of questions) {
    const response = await fetch(`${origin}/api/study/search?${new URLSearchParams({ q: question.q, lang: question.lang })}`, { headers: { Cookie: cookie } });
    if (response.status !== 200) throw new Error(`search ${response.status}: ${await response.text()}`);
    const { passages } = (await response.json()) as { passages: Array<{ lessonId: string }> };
    const rank = passages.findIndex((p) => question.lessons.includes(p.lessonId)) + 1;
    const stats = perLanguage.get(question.lang) ?? { n: 0, hits: 0, rr: 0 };
    stats.n++;
    if (rank >= 1 && rank <= 3) stats.hits++;
    if (rank >= 1) stats.rr += 1 / rank;
    else misses.push(`${question.lang}: ${question.q} → ${passages.slice(0, 3).map((p) => p.lessonId).join(", ")}`);
    perLanguage.set(question.lang, stats);
  }
  const retrieval: Record<string, { questions: number; hitAt3: number; mrr: number }> = {};
  let all = { n: 0, hits: 0, rr: 0 };
  for (const [lang, s] of perLanguage) {
    retrieval[lang] = { questions: s.n, hitAt3: round3(s.hits / s.n), mrr: round3(s.rr / s.n) };
    all = { n: all.n + s.n, hits: all.hits + s.hits, rr: all.rr + s.rr };
    console.log(`${lang}: ${s.n} questions, hit@3 ${round3(s.hits / s.n)}, MRR ${round3(s.rr / s.n)}`);
  }
  retrieval.all = { questions: all.n, hitAt3: round3(all.hits / all.n), mrr: round3(all.rr / all.n) };
  console.log(`all: hit@3 ${retrieval.all.hitAt3}, MRR ${retrieval.all.mrr}`);
  if (process.argv.includes("--misses")) for (const miss of misses) console.log(`  miss ${miss}`);

  // 2. Time to first answer byte, local default, streamed (what the page uses): 3 rounds one learner at a time,
  // then one round with 10 learners asking at once.
  async function ask(question: Question) {
    const started = performance.now();
    const response = await fetch(`${origin}/api/study/tutor`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ question: question.q, lang: question.lang }),
    });
    const reader = response.body?.getReader();
    if (!reader || response.status !== 200) throw new Error(`tutor ${response.status}`);
    const decoder = new TextDecoder();
    const first = await reader.read();
    const ttfb = performance.now() - started;
    let text = decoder.decode(first.value);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
    if (!text.includes("event: done")) throw new Error(`no answer: ${text.slice(0, 300)}`);
    return { ttfb, total: performance.now() - started };
  }
  const roundsOut: Array<{ concurrency: number; ttfbP50: number; ttfbP95: number; totalP95: number }> = [];
  for (const concurrency of [...Array.from({ length: rounds }, () => 1), 10]) {
    const timings: Array<{ ttfb: number; total: number }> = [];
    for (let i = 0; i < questions.length; i += concurrency) timings.push(...(await Promise.all(questions.slice(i, i + concurrency).map(ask))));
    const ttfb = timings.map((x) => x.ttfb);
    const r = { concurrency, ttfbP50: round1(percentile(ttfb, 50)), ttfbP95: round1(percentile(ttfb, 95)), totalP95: round1(percentile(timings.map((x) => x.total), 95)) };
    roundsOut.push(r);
    console.log(`${concurrency} at a time: time to first byte p50 ${r.ttfbP50} ms, p95 ${r.ttfbP95} ms; whole answer p95 ${r.totalP95} ms (${questions.length} questions)`);
  }
  const p95s = roundsOut.filter((r) => r.concurrency === 1).map((r) => r.ttfbP95);
  console.log(
    JSON.stringify({
      bench: "study",
      database,
      questions: questions.length,
      retrieval,
      tutorLocal: { rounds: roundsOut, ttfbP95Median: percentile(p95s, 50), ttfbP95Min: Math.min(...p95s), ttfbP95Max: Math.max(...p95s) },
    }),
  );
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
