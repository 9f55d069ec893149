// Exam load benchmark (issue 4): N learners press Start within one second, answer every question with think time
// (randomised ±50 %), autosaving each answer as the page's JavaScript does, then submit.
//
//   npm run bench:exams -- --learners 1000 --think-ms 1000
//
// It starts its own production server (tsx server/index.ts, building first if build/index.js is missing) on a fresh
// database: with DATABASE_URL, a new database maharat_bench_<random> on that PostgreSQL server (dropped at the end);
// without it, an in-memory embedded PostgreSQL (PGlite) hosted by this process (note: PGlite then shares this
// process's event loop with the load generator, so its figures are pessimistic). Learners and their sessions are
// inserted directly with pg (sign-up is rate-limited), then the load runs over HTTP.
//
// The last line printed is machine-readable:
//   learners=N all_started_s=… autosave_p50_ms=… autosave_p99_ms=… submit_p99_ms=… errors=…
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCookie } from "@remix-run/node";
import getPort from "get-port";
import pg from "pg";
import { createScratchDatabase } from "../setup/database-url";
import { startServerProcess } from "../setup/server-process";
import { parseExamForm } from "./exam-form";

const COURSE_ID = "ai-foundations";
const READY_TIMEOUT_MS = 180_000;
const REQUEST_TIMEOUT_MS = 120_000;

function parseArgs(argv: string[]) {
  const options = { learners: 1000, thinkMs: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = inline ?? argv[i + 1];
    if (flag === "--learners" || flag === "--think-ms") {
      if (inline === undefined) i++;
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0 || (flag === "--learners" && (n < 1 || !Number.isInteger(n)))) {
        throw new Error(`${flag} needs a number, got ${value}`);
      }
      if (flag === "--learners") options.learners = n;
      else options.thinkMs = n;
    } else {
      throw new Error(`unknown option ${argv[i]} (use --learners N --think-ms T)`);
    }
  }
  return options;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ctrl-C (or SIGTERM, e.g. from `timeout`) stops the load: learners stop and the figures so far are reported. */
const stopLoad = new AbortController();
const stopped = () => stopLoad.signal.aborted;

function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "NaN");

// ---------------------------------------------------------------------------------------------------------------
// Measurements

type Stats = {
  startLatency: number[];
  startDoneAt: number[];
  pageLatency: number[];
  autosave: number[];
  submit: number[];
  errors: Map<string, number>;
  submitted: number;
  pageBytes: number;
};

function recordError(stats: Stats, what: string) {
  if (stopped()) return; // requests cut short by the interruption are not the server's errors
  stats.errors.set(what, (stats.errors.get(what) ?? 0) + 1);
}

async function timed(url: string, init: RequestInit) {
  const started = performance.now();
  const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), stopLoad.signal]) });
  const body = await response.text();
  return { response, body, ms: performance.now() - started, endedAt: performance.now() };
}

function describe(error: unknown) {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.name ?? String(error);
}

async function learner({
  origin,
  cookie,
  startAt,
  thinkMs,
  stats,
}: {
  origin: string;
  cookie: string;
  startAt: number;
  thinkMs: number;
  stats: Stats;
}) {
  const headers = { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" };
  await sleep(Math.max(0, startAt - performance.now()));
  if (stopped()) return;

  // Start: the overview page's form posts to the course exam route and is redirected to the attempt.
  let attemptPath: string;
  try {
    const { response, ms, endedAt } = await timed(`${origin}/courses/${COURSE_ID}/exam`, { method: "POST", headers, body: "" });
    const location = response.headers.get("location") ?? "";
    if (response.status !== 302 || !/^\/exams\/[^/?]+$/.test(location)) {
      recordError(stats, `start: HTTP ${response.status}${location ? ` → ${location}` : ""}`);
      return;
    }
    stats.startLatency.push(ms);
    stats.startDoneAt.push(endedAt);
    attemptPath = location;
  } catch (error) {
    recordError(stats, `start: ${describe(error)}`);
    return;
  }

  // The exam page (HTML), to learn the items and their fields.
  let items: ReturnType<typeof parseExamForm>;
  try {
    const { response, body, ms } = await timed(`${origin}${attemptPath}`, { headers: { Cookie: cookie } });
    if (response.status !== 200) {
      recordError(stats, `exam page: HTTP ${response.status}`);
      return;
    }
    stats.pageLatency.push(ms);
    stats.pageBytes = Math.max(stats.pageBytes, body.length);
    items = parseExamForm(body);
    if (items.length === 0) {
      recordError(stats, "exam page: no items found");
      return;
    }
  } catch (error) {
    recordError(stats, `exam page: ${describe(error)}`);
    return;
  }

  // Autosave: one background save per answer, as the page's script does (POST <path>/autosave).
  for (const item of items) {
    await sleep(thinkMs * (0.5 + Math.random()));
    if (stopped()) return;
    const body = new URLSearchParams([["itemId", item.id], ...item.fields]);
    try {
      const { response, body: text, ms } = await timed(`${origin}${attemptPath}/autosave`, { method: "POST", headers, body });
      if (response.status !== 200 || !text.includes('"ok":true')) {
        recordError(stats, `autosave: HTTP ${response.status}${text.includes('"closed":true') ? " (attempt closed)" : ""}`);
      } else {
        stats.autosave.push(ms);
      }
    } catch (error) {
      recordError(stats, `autosave: ${describe(error)}`);
    }
  }

  // Submit: the whole form, as the browser posts it (every answer plus intent=submit), redirected to the result.
  await sleep(thinkMs * (0.5 + Math.random()));
  if (stopped()) return;
  const body = new URLSearchParams([...items.flatMap((i) => i.fields), ["intent", "submit"]]);
  try {
    const { response, ms } = await timed(`${origin}${attemptPath}?index`, { method: "POST", headers, body });
    const location = response.headers.get("location") ?? "";
    if (response.status !== 302 || location !== `${attemptPath}/result`) {
      recordError(stats, `submit: HTTP ${response.status}${location ? ` → ${location}` : ""}`);
    } else {
      stats.submit.push(ms);
      stats.submitted++;
    }
  } catch (error) {
    recordError(stats, `submit: ${describe(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up: database, server, learners

async function createLearners(databaseUrl: string, count: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const sessionCookie = createCookie("maharat_session", { path: "/", httpOnly: true, sameSite: "lax" });
  const run = crypto.randomBytes(4).toString("hex");
  const ids: string[] = [];
  const emails: string[] = [];
  const names: string[] = [];
  const sessionIds: string[] = [];
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = crypto.randomBytes(20).toString("hex");
    ids.push(`bench_${run}_${i}`);
    emails.push(`learner-${i}-${run}@bench.maharat.test`);
    names.push(`Bench Learner ${i}`);
    sessionIds.push(crypto.createHash("sha256").update(token).digest("hex"));
    cookies.push((await sessionCookie.serialize(token)).split(";")[0]);
  }
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "User" ("id", "email", "name", "locale", "passwordHash", "createdAt", "updatedAt")
       SELECT id, email, name, 'fr', 'bench-no-login', now(), now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, email, name)`,
      [ids, emails, names],
    );
    await client.query(
      `INSERT INTO "Session" ("id", "userId", "expiresAt", "userAgent")
       SELECT id, "userId", now() + interval '30 days', 'bench' FROM unnest($1::text[], $2::text[]) AS t(id, "userId")`,
      [sessionIds, ids],
    );
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return cookies;
}

async function attemptStates(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; n: string }>(
      `SELECT "state"::text AS state, count(*) AS n FROM "ExamAttempt" WHERE "userId" LIKE 'bench\\_%' GROUP BY 1 ORDER BY 1`,
    );
    const saved = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "AttemptResponse" r JOIN "ExamAttempt" a ON a."id" = r."attemptId" WHERE a."userId" LIKE 'bench\\_%'`,
    );
    return { states: rows.map((r) => `${r.state}=${r.n}`).join(" "), responses: Number(saved.rows[0]?.n ?? 0) };
  } finally {
    await client.end();
  }
}

async function main() {
  const { learners, thinkMs } = parseArgs(process.argv.slice(2));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
  };
  let loadRunning = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (loadRunning && !stopped()) {
      console.error(`\n${signal}: stopping the load; the figures so far follow`);
      stopLoad.abort();
      return;
    }
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    if (!fs.existsSync(path.join(root, "build", "index.js"))) {
      console.log("build/index.js is missing: running npm run build");
      execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    }

    // A fresh database.
    let databaseUrl: string;
    let databaseLabel: string;
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const scratch = await createScratchDatabase({ serverUrl, prefix: "maharat_bench" });
      cleanups.push(scratch.drop);
      databaseUrl = scratch.url;
      databaseLabel = `PostgreSQL ${new URL(serverUrl).host}, database ${scratch.name}`;
    } else {
      const { startEmbeddedDb } = await import("../../app/lib/embedded-db.server");
      const embedded = await startEmbeddedDb({ dataDir: undefined, maxConnections: 64 });
      cleanups.push(() => embedded.stop());
      databaseUrl = embedded.url;
      databaseLabel = "embedded PGlite (in memory, hosted by the benchmark process)";
    }

    // The production server.
    const port = await getPort({ host: "127.0.0.1" });
    const origin = `http://127.0.0.1:${port}`;
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    delete childEnv.APP_URL;
    delete childEnv.EMBEDDED_DB_DIR;
    Object.assign(childEnv, {
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      SEED_DEMO: "false",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    });
    // BENCH_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    console.log(`database: ${databaseLabel}`);
    console.log(`server: ${origin}; waiting for /healthz (migrations, content sync)`);
    const server = await startServerProcess({ port, env: childEnv, nodeArgs, readyTimeoutMs: READY_TIMEOUT_MS });
    cleanups.push(() => server.stop());

    const setupStarted = performance.now();
    const cookies = await createLearners(databaseUrl, learners);
    console.log(`${learners} learners with sessions inserted in ${fmt((performance.now() - setupStarted) / 1000, 1)} s`);

    // Warm-up: one request so the first learner does not pay for lazy module loading alone.
    await fetch(`${origin}/courses/${COURSE_ID}`, { headers: { Cookie: cookies[0] } }).then((r) => r.text());

    const stats: Stats = { startLatency: [], startDoneAt: [], pageLatency: [], autosave: [], submit: [], errors: new Map(), submitted: 0, pageBytes: 0 };
    console.log(`load: ${learners} learners press Start within 1 s, think ${thinkMs} ms ±50 % per answer, then submit`);
    const t0 = performance.now() + 200;
    const runStarted = Date.now();
    loadRunning = true;
    await Promise.all(
      cookies.map((cookie) => learner({ origin, cookie, startAt: t0 + Math.random() * 1000, thinkMs, stats })),
    );
    const runSeconds = (Date.now() - runStarted) / 1000;
    loadRunning = false;

    const started = stats.startDoneAt.length;
    const allStartedS = started === learners ? (Math.max(...stats.startDoneAt) - t0) / 1000 : NaN;
    const lastStartS = started > 0 ? (Math.max(...stats.startDoneAt) - t0) / 1000 : NaN;
    const errorCount = [...stats.errors.values()].reduce((a, b) => a + b, 0);
    let db = { states: "unknown", responses: NaN };
    try {
      db = await attemptStates(databaseUrl);
    } catch (error) {
      console.error(`could not read attempt states: ${(error as Error).message}`);
    }
    if (server.exitInfo()) {
      const last = server.output().split("\n").slice(-15).map((l) => l.slice(0, 400)).join("\n");
      console.error(`the server stopped during the run (${server.exitInfo()}); last lines of its output:\n${last}`);
    }
    const serverErrors = server.errorLines();

    const ms = (values: number[], p: number) => fmt(percentile(values, p));
    console.log("");
    console.log(`Exam benchmark — ${learners} learners, think ${thinkMs} ms ±50 %, ${databaseLabel}`);
    console.log(`  run time                  ${fmt(runSeconds, 1)} s${stopped() ? " (INTERRUPTED: partial figures)" : ""}`);
    console.log(`  attempts started          ${started}/${learners}, last one ${fmt(lastStartS, 2)} s after the first Start`);
    console.log(`  attempts created / s      ${fmt(started / lastStartS, 1)}`);
    console.log(`  time until all started    ${Number.isFinite(allStartedS) ? `${fmt(allStartedS, 2)} s` : "not all started"}`);
    console.log(`  start latency             p50 ${ms(stats.startLatency, 50)} ms, p95 ${ms(stats.startLatency, 95)} ms, p99 ${ms(stats.startLatency, 99)} ms, max ${ms(stats.startLatency, 100)} ms`);
    console.log(`  exam page (HTML)          p50 ${ms(stats.pageLatency, 50)} ms, p95 ${ms(stats.pageLatency, 95)} ms, p99 ${ms(stats.pageLatency, 99)} ms; ${fmt(stats.pageBytes / 1024)} KiB uncompressed`);
    console.log(`  autosave (${stats.autosave.length} ok)${" ".repeat(Math.max(1, 14 - String(stats.autosave.length).length))}p50 ${ms(stats.autosave, 50)} ms, p95 ${ms(stats.autosave, 95)} ms, p99 ${ms(stats.autosave, 99)} ms, max ${ms(stats.autosave, 100)} ms`);
    console.log(`  submit (${stats.submit.length} ok)${" ".repeat(Math.max(1, 16 - String(stats.submit.length).length))}p50 ${ms(stats.submit, 50)} ms, p95 ${ms(stats.submit, 95)} ms, p99 ${ms(stats.submit, 99)} ms, max ${ms(stats.submit, 100)} ms`);
    console.log(`  attempts in the database  ${db.states || "none"}; ${db.responses} saved responses`);
    console.log(`  server error log lines    ${serverErrors}`);
    console.log(`  errors                    ${errorCount}`);
    for (const [what, n] of [...stats.errors.entries()].sort((a, b) => b[1] - a[1])) console.log(`    ${n} × ${what}`);
    if (serverErrors > 0) {
      // The root cause rather than pino-http's "request errored" echo of it.
      const all = server.output().split("\n").filter((l) => /"level":(50|60)/.test(l));
      const lines = [...all.filter((l) => !l.includes("request errored")), ...all];
      console.log(`  first server error: ${lines[0]?.slice(0, 600)}`);
    }

    await cleanup();
    console.log(
      `learners=${learners} all_started_s=${fmt(allStartedS, 2)} autosave_p50_ms=${ms(stats.autosave, 50)} autosave_p99_ms=${ms(stats.autosave, 99)} submit_p99_ms=${ms(stats.submit, 99)} errors=${errorCount}`,
    );
    process.exit(stopped() ? 130 : errorCount > 0 ? 1 : 0);
  } catch (error) {
    await cleanup();
    console.error(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  }
}

await main();
