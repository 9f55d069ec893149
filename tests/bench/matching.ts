// Matching benchmark (issue 7): the top 50 candidates of a job among N candidate profiles, through rankCandidates,
// the function the employer's page and the API call.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:matching -- --candidates 1000000
//
// Options: --candidates N (default 1,000,000), --queries Q (default 200), --no-growth (only N; by default the
// sizes 10,000 and 100,000 below N are run first, for the growth table), --regenerate (ignore existing data).
//
// Data: one database per size on the DATABASE_URL server, maharat_bench_matching_<N>, kept between runs. Its table
// bench_marker holds N and the generator version, and the data is regenerated when either differs. The generator
// runs in PostgreSQL (INSERT … SELECT over generate_series, triggers off, then matching_rebuild()):
//  - the real curriculum (content/ synced as at start: 20 skills, 6 courses of tiers 1–3);
//  - regions weighted by population (2024 census), 20 % "anywhere"; 60 % open to remote; languages (Arabic 90 %,
//    French 80 %, Darija 60 %, English 40 %, Amazigh 20 %; 5 % give none); 5 % withdrawn profiles;
//  - verified skills as credentials give them, a course's whole skill list at the course's tier: 30 % hold tier 1
//    (AI Foundations), 35 % of those tier 2, 40 % of those one tier-3 track (public services 35 %, agriculture
//    25 %, tourism 25 %, language data 15 %);
//  - declared skills Zipf-like: skill of popularity rank r is declared with probability 0.45 / r^0.9 times a
//    per-person activity factor (0.4, 1 or 2.2), so prompting is declared by ~40 % and language data by ~3 %.
// Jobs: 20 realistic published posts (2–6 skills, required and nice-to-have, some with a minimum tier, on-site,
// hybrid and remote, with regions and languages).
//
// Timing: each query is one rankCandidates({ jobId, limit: 50 }) call, measured in this process (SQL round trips
// included, as the page sees it), one at a time, after one warm-up pass over the jobs; the very first call of the
// process (loading the skill sets) is reported apart. For comparison, the straightforward query (GROUP BY over
// CandidateSkill joined to the job's skills) is timed on three jobs, and so is the write side: one candidate's change
// (a declared skill, a region) with the trigger that refreshes the matching index, rolled back each time.
// Data is reused when the marker matches; it is regenerated (fresh database) when the generator version or the
// matching migration changed.
//
// The last line printed is machine-readable (the size N):
//   candidates=N jobs=… p50_ms=… p95_ms=…
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { withDatabase } from "../setup/database-url";

const GENERATOR_VERSION = "2026-11-22.1";
const MATCHING_MIGRATION = "20261122052100_matching_index";

/** The generator's version and the matching migration's checksum: data made with other triggers is regenerated. */
function dataVersion(root: string) {
  const migration = fs.readFileSync(path.join(root, "prisma", "migrations", MATCHING_MIGRATION, "migration.sql"));
  return `${GENERATOR_VERSION}+${crypto.createHash("sha256").update(migration).digest("hex").slice(0, 12)}`;
}

function parseArgs(argv: string[]) {
  let candidates = 1_000_000;
  let queries = 200;
  let growth = true;
  let regenerate = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => {
      const raw = inline ?? argv[++i];
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got ${raw}`);
      return n;
    };
    if (flag === "--candidates") candidates = value();
    else if (flag === "--queries") queries = value();
    else if (flag === "--no-growth") growth = false;
    else if (flag === "--regenerate") regenerate = true;
    else throw new Error(`unknown option ${argv[i]} (use --candidates N, --queries Q, --no-growth, --regenerate)`);
  }
  return { candidates, queries, growth, regenerate };
}

// Population in thousands (RGPH 2024), for weighting candidates' regions.
const REGION_WEIGHTS: Array<[string, number]> = [
  ["casablanca-settat", 7689],
  ["rabat-sale-kenitra", 5133],
  ["marrakech-safi", 4893],
  ["fes-meknes", 4468],
  ["tanger-tetouan-al-hoceima", 4031],
  ["souss-massa", 3020],
  ["beni-mellal-khenifra", 2525],
  ["oriental", 2294],
  ["draa-tafilalet", 1655],
  ["guelmim-oued-noun", 448],
  ["laayoune-sakia-el-hamra", 452],
  ["dakhla-oued-ed-dahab", 220],
];

// Skills by how often people claim them (most popular first).
const DECLARED_POPULARITY = [
  "prompting",
  "ai-concepts",
  "llm-fundamentals",
  "ai-writing",
  "output-verification",
  "data-protection",
  "ai-data-analysis",
  "responsible-ai",
  "ai-automation",
  "ai-tool-evaluation",
  "multilingual-service",
  "ai-tourism",
  "rag-knowledge",
  "ai-risk-management",
  "ai-public-services",
  "ai-agriculture",
  "public-data-governance",
  "agri-data",
  "data-annotation",
  "language-data",
];

type JobSpec = {
  title: string;
  skills: Array<[string, boolean]>;
  minTier?: number;
  region?: string;
  workMode?: "ON_SITE" | "HYBRID" | "REMOTE";
  languages?: string[];
};

const JOBS: JobSpec[] = [
  { title: "Assistant·e administratif·ve augmenté·e par l'IA", skills: [["prompting", true], ["ai-writing", true], ["data-protection", false]], region: "casablanca-settat", languages: ["fr", "ar"] },
  { title: "Chargé·e de communication", skills: [["ai-writing", true], ["prompting", true], ["output-verification", false], ["multilingual-service", false]], region: "rabat-sale-kenitra", workMode: "HYBRID" },
  { title: "Analyste de données junior", skills: [["ai-data-analysis", true], ["output-verification", true], ["ai-tool-evaluation", false]], workMode: "REMOTE", languages: ["fr"] },
  { title: "Agent·e d'accueil touristique", skills: [["ai-tourism", true], ["multilingual-service", true], ["prompting", false]], minTier: 3, region: "marrakech-safi", languages: ["fr", "en"] },
  { title: "Technicien·ne agricole (IA)", skills: [["ai-agriculture", true], ["agri-data", true], ["data-protection", false]], minTier: 3, region: "souss-massa" },
  { title: "Annotateur·rice darija", skills: [["data-annotation", true], ["language-data", true]], workMode: "REMOTE", languages: ["dar"] },
  { title: "Agent·e de commune — services numériques", skills: [["ai-public-services", true], ["public-data-governance", false], ["data-protection", true], ["responsible-ai", false]], region: "fes-meknes", languages: ["ar"] },
  { title: "Responsable conformité IA", skills: [["ai-risk-management", true], ["data-protection", true], ["responsible-ai", true], ["ai-tool-evaluation", false]], minTier: 2, region: "casablanca-settat" },
  { title: "Intégrateur·rice d'automatisations", skills: [["ai-automation", true], ["rag-knowledge", false], ["ai-tool-evaluation", false], ["prompting", false]], workMode: "REMOTE" },
  { title: "Chargé·e de base documentaire (RAG)", skills: [["rag-knowledge", true], ["ai-writing", false], ["output-verification", false]], region: "tanger-tetouan-al-hoceima", workMode: "HYBRID" },
  { title: "Formateur·rice IA", skills: [["ai-concepts", true], ["llm-fundamentals", true], ["prompting", true], ["responsible-ai", false], ["output-verification", false]], region: "oriental" },
  { title: "Assistant·e de direction", skills: [["prompting", true], ["ai-writing", false]], region: "casablanca-settat" },
  { title: "Rédacteur·rice web", skills: [["ai-writing", true], ["prompting", false], ["output-verification", false], ["llm-fundamentals", false]], workMode: "REMOTE", languages: ["fr"] },
  { title: "Support client multilingue", skills: [["multilingual-service", true], ["prompting", false], ["ai-writing", false]], region: "tanger-tetouan-al-hoceima", languages: ["fr", "en", "ar"] },
  { title: "Gestionnaire de coopérative", skills: [["agri-data", true], ["ai-data-analysis", false]], region: "beni-mellal-khenifra" },
  { title: "Chef·fe de projet transformation IA", skills: [["ai-tool-evaluation", true], ["ai-risk-management", true], ["ai-automation", false], ["rag-knowledge", false], ["data-protection", false], ["responsible-ai", false]], minTier: 2, region: "rabat-sale-kenitra", workMode: "HYBRID" },
  { title: "Agent·e d'état civil", skills: [["ai-public-services", true], ["data-protection", true]], minTier: 3, region: "dakhla-oued-ed-dahab", languages: ["ar"] },
  { title: "Stagiaire IA générative", skills: [["ai-concepts", true], ["prompting", false]] },
  { title: "Linguiste amazighe", skills: [["language-data", true], ["data-annotation", false], ["multilingual-service", false]], region: "souss-massa", languages: ["ber"] },
  { title: "Commercial·e", skills: [["prompting", false], ["ai-writing", false], ["ai-concepts", true]], region: "marrakech-safi" },
];

const since = (start: number) => performance.now() - start;

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(serverUrl: string, name: string) {
  await withClient(serverUrl, async (admin) => {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  });
}

async function readMarker(client: pg.Client) {
  await client.query(`CREATE TABLE IF NOT EXISTS bench_marker (candidates int NOT NULL, generator_version text NOT NULL, seconds real NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ candidates: number; generator_version: string; seconds: number }>(`SELECT candidates, generator_version, seconds FROM bench_marker`);
  return rows[0] ?? null;
}

/** The candidates, their skills and the jobs, in PostgreSQL. Returns the seconds it took (candidates and jobs). */
async function generate(client: pg.Client, candidates: number, version: string) {
  const started = performance.now();
  const { rows: catalogue } = await client.query<{ courses: number }>(`SELECT count(*)::int AS "courses" FROM "Course" WHERE "archivedAt" IS NULL`);
  if ((catalogue[0]?.courses ?? 0) < 6) throw new Error("the curriculum is missing: verified skills come from its courses");
  await client.query(`TRUNCATE "CandidateProfile", "CandidateSkill", "MatchingCandidate", "MatchingSkillSet", "JobSkill", "JobPost", "RankingLog", bench_marker CASCADE`);
  // Bulk load without the per-statement triggers (one set-based rebuild afterwards); needs a superuser, as here.
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SELECT setseed(0.2026)`);
  const regionValues = REGION_WEIGHTS.map(([id, weight]) => `('${id}', ${weight})`).join(", ");
  await client.query(`
    CREATE TEMP TABLE bench_people AS
    WITH regions(id, weight) AS (VALUES ${regionValues}),
    cumulative AS (SELECT id, sum(weight) OVER (ORDER BY weight DESC, id) / sum(weight) OVER () AS upto FROM regions)
    SELECT g,
           md5('maharat-bench-candidate-' || g) AS "userId",
           CASE WHEN r.anywhere < 0.2 THEN NULL ELSE (SELECT c.id FROM cumulative c WHERE c.upto >= r.pick ORDER BY c.upto LIMIT 1) END AS region,
           r.remote < 0.6 AS "openToRemote",
           CASE WHEN r.nolang < 0.05 THEN ARRAY[]::text[] ELSE array_remove(ARRAY[
             CASE WHEN random() < 0.9 THEN 'ar' END, CASE WHEN random() < 0.8 THEN 'fr' END, CASE WHEN random() < 0.6 THEN 'dar' END,
             CASE WHEN random() < 0.4 THEN 'en' END, CASE WHEN random() < 0.2 THEN 'ber' END], NULL) END AS languages,
           r.active >= 0.05 AS active,
           r.t1 < 0.30 AS t1,
           r.t1 < 0.30 AND r.t2 < 0.35 AS t2,
           CASE WHEN r.t1 < 0.30 AND r.t2 < 0.35 AND r.t3 < 0.40 THEN
             CASE WHEN r.track < 0.35 THEN 'ai-public-services' WHEN r.track < 0.60 THEN 'ai-agriculture'
                  WHEN r.track < 0.85 THEN 'ai-tourism' ELSE 'ai-language-data' END END AS t3,
           CASE WHEN r.activity < 0.5 THEN 0.4 WHEN r.activity < 0.85 THEN 1.0 ELSE 2.2 END AS activity
    FROM generate_series(1, ${candidates}) g
    CROSS JOIN LATERAL (SELECT g AS seq, random() AS anywhere, random() AS pick, random() AS remote, random() AS nolang, random() AS active,
                               random() AS t1, random() AS t2, random() AS t3, random() AS track, random() AS activity) r`);
  await client.query(`
    INSERT INTO "CandidateProfile" ("userId", "active", "optedInAt", "withdrawnAt", "region", "openToRemote", "languages", "handle", "updatedAt")
    SELECT "userId", active, now(), CASE WHEN active THEN NULL ELSE now() END, region, "openToRemote", languages,
           'Candidat·e ' || upper(substr("userId", 1, 12)), now()
    FROM bench_people`);
  await client.query(`
    INSERT INTO "CandidateSkill" ("userId", "skillId", "verified", "tier", "credentialId")
    SELECT p."userId", cs."skillId", true, c."tier", md5(p."userId" || c."id")::uuid::text
    FROM bench_people p
    JOIN "Course" c ON (c."id" = 'ai-foundations' AND p.t1) OR (c."id" = 'ai-practitioner' AND p.t2) OR c."id" = p.t3
    JOIN "CourseSkill" cs ON cs."courseId" = c."id"`);
  const popularity = DECLARED_POPULARITY.map((id, i) => `('${id}', ${(0.45 / (i + 1) ** 0.9).toFixed(5)})`).join(", ");
  await client.query(`
    INSERT INTO "CandidateSkill" ("userId", "skillId", "verified", "tier", "credentialId")
    SELECT p."userId", s.id, false, NULL, NULL
    FROM bench_people p
    CROSS JOIN (VALUES ${popularity}) AS s(id, probability)
    WHERE random() < least(0.9, s.probability * p.activity)
      AND NOT EXISTS (SELECT 1 FROM "CandidateSkill" v WHERE v."userId" = p."userId" AND v."skillId" = s.id AND v."verified")`);
  await client.query(`SET session_replication_role = DEFAULT`);
  await client.query(`SELECT matching_rebuild()`);
  for (const [index, job] of JOBS.entries()) {
    const id = `bench-job-${String(index + 1).padStart(2, "0")}`;
    await client.query(
      `INSERT INTO "JobPost" ("id", "employerId", "createdById", "title", "description", "region", "workMode", "contractType", "languages", "minTier", "status", "publishedAt", "updatedAt")
       VALUES ($1, 'bench-employer', 'bench-recruiter', $2, $2, $3, $4::"WorkMode", 'CDI', $5, $6, 'PUBLISHED', now(), now())`,
      [id, job.title, job.region ?? null, job.workMode ?? "ON_SITE", job.languages ?? [], job.minTier ?? null],
    );
    for (const [skillId, required] of job.skills) {
      await client.query(`INSERT INTO "JobSkill" ("jobId", "skillId", "required") VALUES ($1, $2, $3)`, [id, skillId, required]);
    }
  }
  await client.query(`VACUUM ANALYZE "CandidateProfile", "CandidateSkill", "MatchingCandidate", "MatchingSkillSet", "JobPost", "JobSkill"`);
  const seconds = since(started) / 1000;
  await client.query(`INSERT INTO bench_marker (candidates, generator_version, seconds) VALUES ($1, $2, $3)`, [candidates, version, seconds]);
  return seconds;
}

// The obvious query, for comparison: every CandidateSkill row of the job's skills, grouped per candidate.
const BASELINE_SQL = `
  SELECT cs."userId",
         bool_or(cs."verified" AND js."required") AS "isVerifiedGroup",
         sum(CASE WHEN cs."verified" THEN 10 ELSE 4 END * CASE WHEN js."required" THEN 3 ELSE 1 END) AS "points"
  FROM "JobSkill" js
  JOIN "CandidateSkill" cs ON cs."skillId" = js."skillId"
  JOIN "CandidateProfile" p ON p."userId" = cs."userId" AND p."active"
  WHERE js."jobId" = $1
  GROUP BY cs."userId"
  ORDER BY 2 DESC, 3 DESC, md5(cs."userId" || $1)
  LIMIT 50`;

type SizeResult = {
  size: number;
  generatedSeconds: number;
  reused: boolean;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  first: number;
  baselineP50: number;
  writeP50: number;
  writeP95: number;
  listed: number;
  sets: number;
  skillRows: number;
};

async function runSize({ serverUrl, size, queries, regenerate, root }: { serverUrl: string; size: number; queries: number; regenerate: boolean; root: string }): Promise<SizeResult> {
  const name = `maharat_bench_matching_${size}`;
  await ensureDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  const { applyMigrations } = await import("../../app/lib/migrate.server");
  await applyMigrations({ databaseUrl: url, migrationsDir: path.join(root, "prisma", "migrations") });

  const { closeSqlPool } = await import("../../app/lib/sql.server");
  await closeSqlPool();
  process.env.DATABASE_URL = url;
  const { forgetMatchingCaches, rankCandidates } = await import("../../app/modules/matching/ranking.server");
  forgetMatchingCaches();

  const marker = await withClient(url, readMarker);
  let generatedSeconds = marker?.seconds ?? 0;
  const version = dataVersion(root);
  const reused = !regenerate && marker !== null && marker.candidates === size && marker.generator_version === version;
  if (!reused) {
    console.log(`[${size}] generating ${size.toLocaleString("en")} candidates in ${name} …`);
    if (marker !== null) {
      // Data made by an older generator or older triggers: start from a fresh database (functions included).
      await closeSqlPool();
      await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await ensureDatabase(serverUrl, name);
      await applyMigrations({ databaseUrl: url, migrationsDir: path.join(root, "prisma", "migrations") });
      await withClient(url, readMarker);
    }
    // The real curriculum, as the server syncs it at start (skills, courses, their tiers).
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("../../app/generated/prisma/client");
    const { syncContentFromDisk } = await import("../../app/modules/catalog/sync-content.server");
    // A client of this size's database (the app's shared client is bound to the first DATABASE_URL it saw).
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    const synced = await syncContentFromDisk({ prisma, contentDir: path.join(root, "content") });
    await prisma.$disconnect();
    if (!synced.ok) throw new Error(`content/ has problems: ${synced.message}`);
    generatedSeconds = await withClient(url, (client) => generate(client, size, version));
  }
  const counts = await withClient(url, async (client) => {
    const { rows } = await client.query<{ listed: number; sets: number; skillRows: number }>(
      `SELECT (SELECT count(*) FROM "MatchingCandidate")::int AS "listed", (SELECT count(*) FROM "MatchingSkillSet")::int AS "sets",
              (SELECT count(*) FROM "CandidateSkill")::int AS "skillRows"`,
    );
    return rows[0];
  });
  console.log(
    `[${size}] ${reused ? "reusing data generated" : "generated"} in ${generatedSeconds.toFixed(1)} s: ${counts.listed.toLocaleString("en")} listed candidates, ` +
      `${counts.skillRows.toLocaleString("en")} CandidateSkill rows, ${counts.sets.toLocaleString("en")} distinct skill sets`,
  );

  const jobIds = JOBS.map((_, index) => `bench-job-${String(index + 1).padStart(2, "0")}`);
  let started = performance.now();
  await rankCandidates({ jobId: jobIds[0], limit: 50 });
  const first = since(started);
  // Warm-up: one pass over the jobs (per-process caches, PostgreSQL buffers).
  const listedPerJob = [];
  for (const jobId of jobIds) listedPerJob.push((await rankCandidates({ jobId, limit: 50 })).candidates.length);
  const times: number[] = [];
  const perJob = new Map<string, number[]>();
  for (let i = 0; i < queries; i++) {
    const jobId = jobIds[i % jobIds.length];
    started = performance.now();
    const { candidates } = await rankCandidates({ jobId, limit: 50 });
    const ms = since(started);
    if (candidates.length !== listedPerJob[i % jobIds.length]) throw new Error(`job ${jobId}: ${candidates.length} candidates, ${listedPerJob[i % jobIds.length]} in the warm-up`);
    times.push(ms);
    perJob.set(jobId, [...(perJob.get(jobId) ?? []), ms]);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const slowest = [...perJob.entries()]
    .map(([jobId, list]) => [jobId, [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([jobId, ms]) => `${jobId} ${ms.toFixed(1)} ms`);

  // The straightforward query on three jobs (a popular, a mid and a niche skill set), three times each.
  const baseline: number[] = [];
  await withClient(url, async (client) => {
    await client.query(`SET jit = off`);
    for (const jobId of [jobIds[0], jobIds[2], jobIds[5]]) {
      for (let i = 0; i < 3; i++) {
        started = performance.now();
        await client.query(BASELINE_SQL, [jobId]);
        baseline.push(since(started));
      }
    }
  });
  const baselineSorted = baseline.sort((a, b) => a - b);

  // Writes: what one candidate's change costs with the matching triggers (declaring a skill, changing region), each
  // in a transaction that is rolled back so the data stays as generated.
  const writes: number[] = [];
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ userId: string }>(`SELECT "userId" FROM "MatchingCandidate" ORDER BY "tiebreak" LIMIT 60`);
    for (const [i, { userId }] of rows.entries()) {
      await client.query("BEGIN");
      started = performance.now();
      if (i % 2 === 0) {
        await client.query(`INSERT INTO "CandidateSkill" ("userId", "skillId", "verified") VALUES ($1, 'language-data', false) ON CONFLICT DO NOTHING`, [userId]);
      } else {
        await client.query(`UPDATE "CandidateProfile" SET "region" = 'oriental' WHERE "userId" = $1`, [userId]);
      }
      if (i >= 10) writes.push(since(started)); // the first ones plan the trigger's statements
      await client.query("ROLLBACK");
    }
  });
  const writesSorted = writes.sort((a, b) => a - b);
  const result: SizeResult = {
    size,
    generatedSeconds,
    reused,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    first,
    baselineP50: percentile(baselineSorted, 50),
    writeP50: percentile(writesSorted, 50),
    writeP95: percentile(writesSorted, 95),
    listed: counts.listed,
    sets: counts.sets,
    skillRows: counts.skillRows,
  };
  console.log(
    `[${size}] ${queries} queries over ${jobIds.length} jobs (top 50): p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ` +
      `p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms; first query (cold cache) ${first.toFixed(1)} ms; ` +
      `slowest jobs (median): ${slowest.join(", ")}; straightforward GROUP BY query p50 ${result.baselineP50.toFixed(1)} ms; ` +
      `one candidate's change with its trigger refresh p50 ${result.writeP50.toFixed(1)} ms, p95 ${result.writeP95.toFixed(1)} ms`,
  );
  await closeSqlPool();
  return result;
}

async function main() {
  const { candidates, queries, growth, regenerate } = parseArgs(process.argv.slice(2));
  process.env.LOG_LEVEL ??= "warn";
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error("bench:matching needs a PostgreSQL server: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:matching");
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const sizes = [...(growth ? [10_000, 100_000, 1_000_000].filter((s) => s < candidates) : []), candidates];
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await runSize({ serverUrl, size, queries, regenerate, root }));

  console.log("");
  console.log("| candidates | listed | skill sets | generation | p50 | p95 | p99 | max | first (cold) | straightforward query p50 | write p50 / p95 |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.size.toLocaleString("en")} | ${r.listed.toLocaleString("en")} | ${r.sets.toLocaleString("en")} | ${r.generatedSeconds.toFixed(1)} s${r.reused ? " (reused)" : ""} | ` +
        `${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${r.first.toFixed(0)} ms | ` +
        `${r.baselineP50.toFixed(1)} ms | ${r.writeP50.toFixed(1)} / ${r.writeP95.toFixed(1)} ms |`,
    );
  }
  const last = results[results.length - 1];
  console.log(`candidates=${last.size} jobs=${JOBS.length} p50_ms=${last.p50.toFixed(1)} p95_ms=${last.p95.toFixed(1)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
