// Ranking candidates for a job, explaining one candidate's place, and logging what was shown.
//
// The order and every breakdown come from the rules in scoring.ts; PostgreSQL is used as the index that finds the
// top of a million candidates quickly (plain SQL on hot paths, through `sql()`:
// docs/decisions/014-exam-hot-paths-plain-sql-http-workers.md):
//  1. Each listed candidate has one MatchingCandidate row (kept by triggers, see the migration "matching_index")
//     pointing at their skill set: their evidence per skill, e.g. "ai-concepts:v1,prompting:v1,rag-knowledge:d".
//     Candidates share few sets (a credential proves a course's whole skill list): about 20,000 for a million
//     candidates in the benchmark (tests/bench/matching.ts), cached per process.
//  2. For the job, scoring.ts scores every skill set once (compileJob) and groups the sets into classes of equal
//     rank key (group, points, verified count). Sets with no evidence for the job's skills are not listed: no score
//     from missing data. The classes are then ordered by the rules.
//  3. From the best class down, using each set's member count: the classes that fill the first N places are read
//     through the skill-set index, in class order then the job's draw (scoring.ts, step 4, computed here in SQL),
//     cut at N rows. Usually one query, two when the listing filters leave fewer candidates than the counts promised.
//     The class where the top-N is reached is read whole to find its first members by draw: that costs time in
//     proportion to its size (~70 ms for a class of 200,000), the price of a draw that is fresh for every job.
//  4. The rows are ordered in TypeScript with compareMatches and each breakdown is computed by scoreCandidate from
//     the same skill set: the explanation shown and the order come from one implementation of the rules.
//
// Listing filters (who may be listed for a job; never score inputs):
//  - the job is PUBLISHED and the candidate's profile is active;
//  - work mode REMOTE: candidates open to remote work, wherever they live;
//  - ON_SITE or HYBRID with a region: candidates who chose that region or no region ("anywhere in Morocco");
//    a job without a region lists everyone;
//  - languages: a candidate who gave languages must speak every language the job needs; one who gave none is not
//    excluded (missing data neither scores nor excludes; the employer sees that no languages were given).
import crypto from "node:crypto";
import type { JobPost } from "~/generated/prisma/client";
import { newId, sql } from "~/lib/sql.server";
import { compareMatches, compareMatchKeys, compileJob, matchKeyOf, scoreCandidate, type MatchKey } from "./scoring";
import { SCORING_RULES_VERSION, type JobForMatching, type MatchBreakdown, type RankedCandidate, type SkillEvidence } from "./types";
import { refreshExpiredVerifiedSkills, refreshVerifiedSkills } from "./verified-skills.server";

/** The job's seed for the draw among equals (scoring.ts, step 4): the first 8 bytes of the MD5 of its id, signed. */
export function drawSeed(jobId: string) {
  return crypto.createHash("md5").update(jobId, "utf8").digest().readBigInt64BE(0).toString();
}

/**
 * The draw among equals in SQL (scoring.ts, step 4), for a class of `members` candidates:
 *  - a large class is cut into 2^bits groups by the top bits of each candidate's fixed tiebreak hash, about
 *    drawSettings.groupSize candidates each, and the job puts the groups in its own order (a seeded hash of the group number):
 *    the first places of a class of 200,000 are then read from one group through the index, not by hashing all;
 *  - within a group (a class of fewer than 2 × groupSize is one group), a seeded hash of the account id.
 * A class's size is its exact member count (MatchingSkillSet, kept by triggers), so every process agrees on the
 * groups; when a class doubles past a threshold its groups, and so its order among equals, are drawn again.
 * Both hashes are PostgreSQL's (hashint4extended, hashtextextended) with the job's seed, shifted to 53 bits so they
 * travel exactly as JavaScript numbers. Two equal candidates: in different groups, the job's order of groups decides,
 * in one group their hashes do, each a coin toss per job; groups of nearly equal size keep everyone's chance of the
 * first place equal to within a few per cent.
 */
export const drawSettings = {
  /** About this many candidates per group of a large class (tests lower it to exercise groups with few rows). */
  groupSize: 2_500,
};
const MAX_GROUP_BITS = 8;

/** How many top bits of the tiebreak cut a class of `members` candidates into groups (0: one group). */
export function groupBits(members: number) {
  if (members < 2 * drawSettings.groupSize) return 0;
  return Math.min(MAX_GROUP_BITS, Math.floor(Math.log2(members / drawSettings.groupSize)));
}

/** The group of a tiebreak: its top `bits` bits, unsigned (SQL; `bits` is an expression worth 0–8). */
const GROUP_SQL = (tiebreak: string, bits: string) => `((${tiebreak}::bigint + 2147483648) >> (32 - ${bits}))::int`;
const GROUP_ORDER_SQL = (group: string, seed: string) => `(hashint4extended(${group}, ${seed}::bigint) >> 11)`;
const DRAW_SQL = (userIdSql: string, seed: string) => `(hashtextextended(${userIdSql}, ${seed}::bigint) >> 11)`;
/** The groups of a class with `bits` bits in the job's order, with their tiebreak ranges. */
async function groupsInOrder(bits: number, seed: string) {
  const rows = await sql<{ low: number; high: number }>(
    `SELECT (g::bigint << (32 - $1::int)) - 2147483648 AS "low", ((g::bigint + 1) << (32 - $1::int)) - 2147483649 AS "high"
     FROM generate_series(0, (1 << $1::int) - 1) g ORDER BY ${GROUP_ORDER_SQL("g", "$2")}, g`,
    [bits, seed],
  );
  return rows.map((r) => ({ low: Number(r.low), high: Number(r.high) }));
}

/**
 * The exact member count of the plan's classes that may be cut into groups (the cached counts can be 30 s old;
 * classes far below the first threshold are not asked for), as group bits per class position.
 */
async function classGroupBits(plan: JobPlan, positions: readonly number[]) {
  const bits = new Map<number, number>(positions.map((i) => [i, 0]));
  const large = positions.filter((i) => plan.classes[i].members >= drawSettings.groupSize / 2);
  if (large.length === 0) return bits;
  const rows = await sql<{ rank: number; members: number }>(
    `SELECT c."rank", sum(s."members")::int AS "members" FROM "MatchingSkillSet" s
     JOIN unnest($1::int[], $2::int[]) AS c("id", "rank") ON c."id" = s."id" GROUP BY c."rank"`,
    [large.flatMap((i) => plan.classes[i].setIds), large.flatMap((i) => plan.classes[i].setIds.map(() => i))],
  );
  for (const row of rows) bits.set(row.rank, groupBits(row.members));
  return bits;
}

// ---------------------------------------------------------------------------------------------------------------
// The job

type LoadedJob = JobForMatching & Pick<JobPost, "status" | "region" | "workMode" | "languages">;

// The job, its skills (required first, then by id, the order of the breakdown) and, per skill, the best tier at
// which a course certifies it (archived courses included: their credentials still count).
const JOB_SQL = `
  SELECT j."id", j."status", j."region", j."workMode", j."languages", j."minTier",
         coalesce((
           SELECT json_agg(json_build_object(
                    'skillId', s."skillId",
                    'required', s."required",
                    'bestTier', (SELECT max(c."tier") FROM "CourseSkill" cs JOIN "Course" c ON c."id" = cs."courseId"
                                 WHERE cs."skillId" = s."skillId"))
                  ORDER BY s."required" DESC, s."skillId" COLLATE "C")
           FROM "JobSkill" s WHERE s."jobId" = j."id"), '[]'::json) AS "skills"
  FROM "JobPost" j
  WHERE j."id" = ANY($1::text[])`;

// Typed from the Prisma schema: a renamed column or enum value fails tsc here (docs/decisions/028-raw-sql-typed-from-the-schema.md).
type JobRow = Pick<JobPost, "id" | "status" | "region" | "workMode" | "languages" | "minTier"> & { skills: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJobSkills(value: unknown): JobForMatching["skills"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.skillId !== "string" || typeof entry.required !== "boolean") return [];
    return [{ skillId: entry.skillId, required: entry.required, bestTier: typeof entry.bestTier === "number" ? entry.bestTier : null }];
  });
}

async function loadJobs(jobIds: readonly string[]): Promise<LoadedJob[]> {
  if (jobIds.length === 0) return [];
  const rows = await sql<JobRow>(JOB_SQL, [[...jobIds]]);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    region: row.region,
    workMode: row.workMode,
    languages: row.languages,
    minTier: row.minTier,
    skills: parseJobSkills(row.skills),
  }));
}

async function loadJob(jobId: string): Promise<LoadedJob | null> {
  const [job] = await loadJobs([jobId]);
  return job ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Listing filters

type ListingFilter = { region: string | null; remoteOnly: boolean; languages: string[] };

function listingFilterOf(job: LoadedJob): ListingFilter {
  const languages = [...new Set(job.languages)].sort();
  if (job.workMode === "REMOTE") return { region: null, remoteOnly: true, languages };
  return { region: job.region, remoteOnly: false, languages };
}

/** The filter as SQL on MatchingCandidate `m`, its values numbered from `firstParam`. */
function filterSql(filter: ListingFilter, firstParam: number) {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (filter.region !== null) {
    values.push(filter.region);
    clauses.push(`(m."region" = $${firstParam + values.length - 1} OR m."region" IS NULL)`);
  }
  if (filter.remoteOnly) clauses.push(`m."openToRemote"`);
  if (filter.languages.length > 0) {
    values.push(filter.languages);
    clauses.push(`(m."languages" @> $${firstParam + values.length - 1}::text[] OR coalesce(cardinality(m."languages"), 0) = 0)`);
  }
  return { clause: clauses.length > 0 ? clauses.join(" AND ") : "true", values };
}

export type ExclusionCode =
  /** The job does not exist or is a draft. (A closed job lists nobody; its candidates are explained as if it were open.) */
  | "job_not_published"
  /** The candidate has not opted in to the job board, or withdrew. */
  | "not_on_job_board"
  /** No evidence (verified or declared) for any of the job's skills: never listed, never given a score. */
  | "no_relevant_skill"
  /** On-site or hybrid job in a region the candidate did not choose. */
  | "region"
  /** Remote job; the candidate is not open to remote work. */
  | "remote"
  /** The candidate gave languages, and not every language the job needs. */
  | "languages";

type FilterableProfile = { region: string | null; openToRemote: boolean; languages: string[] | null };

function filterExclusions(filter: ListingFilter, profile: FilterableProfile): ExclusionCode[] {
  const exclusions: ExclusionCode[] = [];
  if (filter.region !== null && profile.region !== null && profile.region !== filter.region) exclusions.push("region");
  if (filter.remoteOnly && !profile.openToRemote) exclusions.push("remote");
  const spoken = profile.languages ?? [];
  if (filter.languages.length > 0 && spoken.length > 0 && !filter.languages.every((l) => spoken.includes(l))) exclusions.push("languages");
  return exclusions;
}

/** A rough share of candidates a filter keeps, for planning only (how many rows to expect), never for results. */
function estimatedPassRate(filter: ListingFilter) {
  let rate = 1;
  if (filter.region !== null) rate *= 0.3;
  if (filter.remoteOnly) rate *= 0.6;
  rate *= 0.85 ** filter.languages.length;
  return rate;
}

// ---------------------------------------------------------------------------------------------------------------
// Skill sets (MatchingSkillSet), cached per process

type SkillSet = { id: number; evidence: SkillEvidence[]; members: number };

/** "ai-concepts:v1,prompting:d" → evidence. The format is written by the view matching_candidate_skills. */
export function parseSkillSet(text: string): SkillEvidence[] {
  if (text === "") return [];
  return text.split(",").flatMap((entry): SkillEvidence[] => {
    const at = entry.lastIndexOf(":");
    if (at <= 0) return [];
    const skillId = entry.slice(0, at);
    const level = entry.slice(at + 1);
    if (level === "d") return [{ skillId, verified: false, tier: null }];
    const tier = Number(level.slice(1));
    if (!level.startsWith("v") || !Number.isInteger(tier)) return [];
    return [{ skillId, verified: true, tier: tier === 0 ? null : tier }];
  });
}

// Sets are never deleted, and a set's skills never change: only its member count moves. Every FULL_RELOAD_MS the
// counts of all sets are re-read (two integers a set), in between each request reads only the newest sets. Ids come
// from a sequence and may commit out of order, so the incremental read starts RECENT_WINDOW ids below the highest
// one seen, and the periodic re-read picks up any set it still missed (its members would otherwise be missing from
// rankings: at most FULL_RELOAD_MS, and only for a set whose creating transaction was open that long).
const FULL_RELOAD_MS = 30_000;
const RECENT_WINDOW = 64;

// `version` changes when sets are added (a job's classes must be rebuilt), `countsVersion` when member counts move
// (only the classes' sizes must be summed again).
const skillSetCache = { sets: new Map<number, SkillSet>(), loadedAt: 0, maxId: 0, version: 0, countsVersion: 0 };

type SkillSetRow = { id: number; skills: string; members: number };

function storeSkillSets(rows: SkillSetRow[]) {
  let added = 0;
  for (const row of rows) {
    if (skillSetCache.sets.has(row.id)) continue;
    skillSetCache.sets.set(row.id, { id: row.id, evidence: parseSkillSet(row.skills), members: row.members });
    skillSetCache.maxId = Math.max(skillSetCache.maxId, row.id);
    added += 1;
  }
  if (added > 0) skillSetCache.version += 1;
  return added;
}

function storeMemberCounts(rows: Array<{ id: number; members: number }>) {
  let moved = 0;
  for (const row of rows) {
    const known = skillSetCache.sets.get(row.id);
    if (known && known.members !== row.members) {
      known.members = row.members;
      moved += 1;
    }
  }
  return moved;
}

async function currentSkillSets() {
  const now = Date.now();
  if (now - skillSetCache.loadedAt > FULL_RELOAD_MS) {
    const counts = await sql<{ id: number; members: number }>(`SELECT "id", "members" FROM "MatchingSkillSet"`);
    // Sets are never deleted: if some did disappear, the database was emptied or restored underneath, and ids may
    // since mean other sets. Start over.
    const present = new Set(counts.map((c) => c.id));
    if ([...skillSetCache.sets.keys()].some((id) => !present.has(id))) {
      skillSetCache.sets = new Map();
      skillSetCache.maxId = 0;
      skillSetCache.version += 1;
    }
    const unknown = counts.filter((c) => !skillSetCache.sets.has(c.id)).map((c) => c.id);
    const added =
      unknown.length > 0
        ? storeSkillSets(await sql<SkillSetRow>(`SELECT "id", "skills", "members" FROM "MatchingSkillSet" WHERE "id" = ANY($1::int[])`, [unknown]))
        : 0;
    if (storeMemberCounts(counts) > 0 || added > 0) skillSetCache.countsVersion += 1;
    skillSetCache.loadedAt = now;
  } else {
    const rows = await sql<SkillSetRow>(`SELECT "id", "skills", "members" FROM "MatchingSkillSet" WHERE "id" > $1`, [skillSetCache.maxId - RECENT_WINDOW]);
    const added = storeSkillSets(rows);
    if (storeMemberCounts(rows) > 0 || added > 0) skillSetCache.countsVersion += 1;
  }
  return skillSetCache;
}

/** Forgets the caches (tests that rebuild the database underneath, the benchmark between databases). */
export function forgetMatchingCaches() {
  skillSetCache.sets = new Map();
  skillSetCache.loadedAt = 0;
  skillSetCache.maxId = 0;
  skillSetCache.version += 1;
  skillSetCache.countsVersion += 1;
  jobPlans.clear();
}

// ---------------------------------------------------------------------------------------------------------------
// A job's classes: skill sets of equal rank key, best first

type MatchClass = { key: MatchKey; setIds: number[]; members: number };
type JobPlan = { version: number; countsVersion: number; classes: MatchClass[]; keyBySet: Map<number, MatchKey> };

const jobPlans = new Map<string, JobPlan>();
const MAX_JOB_PLANS = 500;

function planJob(job: LoadedJob, cache: typeof skillSetCache): JobPlan {
  const signature = JSON.stringify([job.id, job.minTier, job.skills]);
  const cached = jobPlans.get(signature);
  if (cached && cached.version === cache.version) {
    // Member counts move between reloads; the classes do not.
    if (cached.countsVersion !== cache.countsVersion) {
      for (const c of cached.classes) c.members = c.setIds.reduce((sum, id) => sum + (cache.sets.get(id)?.members ?? 0), 0);
      cached.countsVersion = cache.countsVersion;
    }
    return cached;
  }
  const compiled = compileJob(job);
  const byKey = new Map<string, MatchClass>();
  const keyBySet = new Map<number, MatchKey>();
  for (const set of cache.sets.values()) {
    const key = compiled.keyOf(set.evidence);
    if (!key) continue;
    keyBySet.set(set.id, key);
    const name = `${key.group}|${key.points}|${key.verifiedCount}`;
    const entry = byKey.get(name) ?? { key, setIds: [], members: 0 };
    entry.setIds.push(set.id);
    entry.members += set.members;
    byKey.set(name, entry);
  }
  const plan: JobPlan = {
    version: cache.version,
    countsVersion: cache.countsVersion,
    classes: [...byKey.values()].sort((a, b) => compareMatchKeys(a.key, b.key)),
    keyBySet,
  };
  if (jobPlans.size >= MAX_JOB_PLANS) jobPlans.clear();
  jobPlans.set(signature, plan);
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the top rows

type CandidateRow = { userId: string; skillSetId: number; groupOrder: number; draw: number; handle: string };

/**
 * Listed members of classes in rank order (class, the job's order of groups, the draw, then the account id in byte
 * order, as compareMatches), at most `limit` rows: when `limit` rows come back, the list may go on. `classes` gives
 * each class's set ids, its position in the rank order and its group bits; `range`, when given, keeps only the
 * tiebreaks of some groups (one large class read group by group).
 */
async function readRows({
  filter,
  classes,
  range,
  seed,
  limit,
}: {
  filter: ListingFilter;
  classes: Array<{ rank: number; setIds: number[]; bits: number }>;
  range?: Array<{ low: number; high: number }>;
  seed: string;
  limit: number;
}): Promise<CandidateRow[]> {
  const setIds = classes.flatMap((c) => c.setIds);
  if (setIds.length === 0) return [];
  const ranks = classes.flatMap((c) => c.setIds.map(() => c.rank));
  const bits = classes.flatMap((c) => c.setIds.map(() => c.bits));
  const f = filterSql(filter, 6);
  // One tiebreak range per group read: the skill-set index (set id, tiebreak, …) reads just those rows. The bounds
  // are integers computed here, written into the statement.
  const inRange = range
    ? `AND (${range.map((g) => `m."tiebreak" BETWEEN ${Math.trunc(g.low)} AND ${Math.trunc(g.high)}`).join(" OR ")})`
    : "";
  const rows = await sql<{ userId: string; skillSetId: number; groupOrder: string; draw: string; handle: string | null }>(
    `SELECT r."userId", r."skillSetId", r."groupOrder", r."draw",
            (SELECT p."handle" FROM "CandidateProfile" p WHERE p."userId" = r."userId" AND p."active") AS "handle"
     FROM (SELECT m."userId", m."skillSetId", c."rank",
                  ${GROUP_ORDER_SQL(GROUP_SQL(`m."tiebreak"`, `c."bits"`), "$4")} AS "groupOrder", ${DRAW_SQL(`m."userId"`, "$4")} AS "draw"
           FROM "MatchingCandidate" m
           JOIN unnest($1::int[], $2::int[], $3::int[]) AS c("id", "rank", "bits") ON c."id" = m."skillSetId"
           WHERE m."skillSetId" = ANY($1::int[]) ${inRange} AND ${f.clause}
           ORDER BY c."rank", "groupOrder", "draw", m."userId" COLLATE "C" LIMIT $5) r`,
    [setIds, ranks, bits, seed, limit, ...f.values],
  );
  // A row without an active profile cannot happen (the triggers remove it in the same transaction); it is skipped.
  return rows.flatMap(({ handle, draw, groupOrder, ...row }): CandidateRow[] =>
    handle === null ? [] : [{ ...row, groupOrder: Number(groupOrder), draw: Number(draw), handle }],
  );
}

/**
 * The first `need` listed candidates of the job in rank order (or all of them, when fewer), and how many are
 * listed in all when that came out exactly (every class read whole).
 */
async function selectTop({ job, filter, plan, need }: { job: LoadedJob; filter: ListingFilter; plan: JobPlan; need: number }) {
  const seed = drawSeed(job.id);
  const passRate = estimatedPassRate(filter);
  const collected: CandidateRow[] = [];
  let next = 0;
  let isComplete = true;
  // The classes that may be read: until the cached counts promise four times the places needed.
  const candidates: number[] = [];
  for (let i = 0, promised = 0; i < plan.classes.length && promised < 4 * need; i++) {
    candidates.push(i);
    promised += plan.classes[i].members * passRate;
  }
  const bitsOf = await classGroupBits(plan, candidates);
  const classAt = async (rank: number) => ({
    rank,
    setIds: plan.classes[rank].setIds,
    bits: bitsOf.get(rank) ?? (await classGroupBits(plan, [rank])).get(rank) ?? 0,
  });
  reading: while (next < plan.classes.length && collected.length < need) {
    const stillNeeded = need - collected.length;
    // The classes expected to fill the places still needed (member counts times the filters' estimated pass rate),
    // read whole; a large class that would complete the list is read group by group instead.
    const whole: Array<Awaited<ReturnType<typeof classAt>>> = [];
    let expected = 0;
    while (next < plan.classes.length && expected < stillNeeded) {
      const current = await classAt(next);
      const rows = plan.classes[next].members * passRate;
      if (current.bits > 0 && expected + rows > stillNeeded && whole.length > 0) break;
      if (current.bits > 0 && expected + rows > stillNeeded) {
        // Its groups in the job's order, a few at a time (about as many as the places still needed call for).
        const groups = await groupsInOrder(current.bits, seed);
        const perGroup = Math.max(rows / groups.length, 1);
        let from = 0;
        while (from < groups.length) {
          const wanted = need - collected.length;
          const take = Math.min(groups.length - from, Math.ceil((1.5 * wanted) / perGroup));
          const read = await readRows({ filter, classes: [current], range: groups.slice(from, from + take), seed, limit: wanted });
          collected.push(...read);
          from += take;
          if (read.length >= wanted) {
            isComplete = false;
            break reading;
          }
        }
        next += 1;
        continue reading;
      }
      whole.push(current);
      expected += rows;
      next += 1;
    }
    if (whole.length === 0) continue;
    const rows = await readRows({ filter, classes: whole, seed, limit: stillNeeded });
    collected.push(...rows);
    // Cut at `stillNeeded` rows: enough for the list, but not every listed candidate was read.
    if (rows.length >= stillNeeded) {
      isComplete = false;
      break;
    }
  }
  if (next < plan.classes.length) isComplete = false;
  return { rows: collected, total: isComplete ? collected.length : null };
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

export type RankCandidatesOptions = {
  jobId: string;
  limit?: number;
  offset?: number;
  now?: Date;
  /** Also count, for each candidate, the other listed candidates tied with them (reads their whole classes). */
  withTies?: boolean;
};

const MAX_LIMIT = 500;

/**
 * The listed candidates of a published job in rank order, each with their breakdown; `total` is the number of
 * listed candidates when it is known without extra work (small lists), else null. Nothing for a draft or closed job.
 */
export async function rankCandidates({ jobId, limit = 50, offset = 0, now = new Date(), withTies = false }: RankCandidatesOptions): Promise<{
  candidates: RankedCandidate[];
  total: number | null;
}> {
  const take = Math.min(Math.max(Math.floor(limit), 0), MAX_LIMIT);
  const skip = Math.max(Math.floor(offset), 0);
  const [job] = await Promise.all([loadJob(jobId), refreshExpiredVerifiedSkills({ now })]);
  if (!job || job.status !== "PUBLISHED" || job.skills.length === 0) return { candidates: [], total: 0 };
  const cache = await currentSkillSets();
  const plan = planJob(job, cache);
  const filter = listingFilterOf(job);
  const { rows, total } = await selectTop({ job, filter, plan, need: skip + take });
  const ranked = rows
    .flatMap((row) => {
      const key = plan.keyBySet.get(row.skillSetId);
      return key ? [{ ...row, key }] : [];
    })
    .sort(compareMatches)
    .slice(skip, skip + take);
  const classOf = (key: MatchKey) => plan.classes.findIndex((c) => compareMatchKeys(c.key, key) === 0);
  const listed = withTies ? await countListedByClass({ filter, plan, classIndexes: ranked.map((row) => classOf(row.key)) }) : null;
  const candidates = ranked.flatMap((row, index): RankedCandidate[] => {
    const breakdown = scoreCandidate(job, cache.sets.get(row.skillSetId)?.evidence ?? []);
    if (!breakdown) return [];
    const tiedWith = listed ? Math.max(0, (listed.get(classOf(row.key)) ?? 1) - 1) : undefined;
    return [{ userId: row.userId, handle: row.handle, rank: skip + index + 1, breakdown, ...(tiedWith === undefined ? {} : { tiedWith }) }];
  });
  return { candidates, total };
}

/** How many candidates are listed in each of the given classes (positions in the plan's rank order). */
async function countListedByClass({ filter, plan, classIndexes }: { filter: ListingFilter; plan: JobPlan; classIndexes: number[] }) {
  const wanted = [...new Set(classIndexes)].filter((i) => i >= 0);
  const setIds = wanted.flatMap((i) => plan.classes[i].setIds);
  const ranks = wanted.flatMap((i) => plan.classes[i].setIds.map(() => i));
  if (setIds.length === 0) return new Map<number, number>();
  const f = filterSql(filter, 3);
  const rows = await sql<{ rank: number; listed: number }>(
    `SELECT c."rank", count(*)::int AS "listed" FROM "MatchingCandidate" m
     JOIN unnest($1::int[], $2::int[]) AS c("id", "rank") ON c."id" = m."skillSetId"
     WHERE m."skillSetId" = ANY($1::int[]) AND ${f.clause} GROUP BY c."rank"`,
    [setIds, ranks, ...f.values],
  );
  return new Map(rows.map((r) => [r.rank, r.listed]));
}

type CandidateStateRow = {
  active: boolean;
  region: string | null;
  openToRemote: boolean;
  languages: string[] | null;
  skills: unknown;
  listedSkills: string | null;
  tiebreak: number | null;
  verifiedUntil: Date | null;
};

// The candidate's profile, their skills (CandidateSkill, the source of truth) and their matching row, if listed.
const CANDIDATE_SQL = `
  SELECT p."active", p."region", p."openToRemote", p."languages",
         coalesce((SELECT json_agg(json_build_object('skillId', s."skillId", 'verified', s."verified", 'tier', s."tier"))
                   FROM "CandidateSkill" s WHERE s."userId" = p."userId"), '[]'::json) AS "skills",
         ms."skills" AS "listedSkills", m."tiebreak", m."verifiedUntil"
  FROM "CandidateProfile" p
  LEFT JOIN "MatchingCandidate" m ON m."userId" = p."userId"
  LEFT JOIN "MatchingSkillSet" ms ON ms."id" = m."skillSetId"
  WHERE p."userId" = $1`;

function parseEvidence(value: unknown): SkillEvidence[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown): SkillEvidence[] => {
    if (!isRecord(entry) || typeof entry.skillId !== "string" || typeof entry.verified !== "boolean") return [];
    return [{ skillId: entry.skillId, verified: entry.verified, tier: typeof entry.tier === "number" ? entry.tier : null }];
  });
}

async function loadCandidate(userId: string, now: Date) {
  const [row] = await sql<CandidateStateRow>(CANDIDATE_SQL, [userId]);
  if (row?.verifiedUntil && row.verifiedUntil <= now) {
    await refreshVerifiedSkills(userId, { now });
    const [fresh] = await sql<CandidateStateRow>(CANDIDATE_SQL, [userId]);
    return fresh ?? null;
  }
  return row ?? null;
}

export type ListingExplanation = {
  jobStatus: JobPost["status"] | null;
  /** Listed for the job now: the job is published and nothing in `exclusions`. */
  isListed: boolean;
  /** The breakdown under the current rules, also when a filter keeps the candidate off the list; null when they have
   * no evidence for any of the job's skills (or no profile). */
  breakdown: MatchBreakdown | null;
  /** Why the candidate is not listed, apart from the job's own status (empty: listed, or would be were the job open). */
  exclusions: ExclusionCode[];
  /** 1-based place in the job's list, when asked for and listed. */
  rank: number | null;
  /** With the rank: how many other listed candidates have exactly the same standing (their order is the job's draw). */
  tiedWith: number | null;
};

/**
 * Why a candidate is or is not listed for a job, with their breakdown (the candidate's "why" page and objections).
 * `withRank` counts the candidates ranked above, which reads their rows: ask for it on a single page, not in a list.
 */
export async function explainListing({
  jobId,
  userId,
  withRank = false,
  now = new Date(),
}: {
  jobId: string;
  userId: string;
  withRank?: boolean;
  now?: Date;
}): Promise<ListingExplanation> {
  const [job, candidate] = await Promise.all([loadJob(jobId), loadCandidate(userId, now)]);
  const explanation = explainLoaded(job, candidate);
  if (withRank && job && candidate && candidate.tiebreak !== null && explanation.isListed && explanation.breakdown) {
    const filter = listingFilterOf(job);
    const key = matchKeyOf(explanation.breakdown);
    const place = await placeOf({ job, filter, key, userId });
    explanation.rank = place.above + 1;
    explanation.tiedWith = place.tied;
  }
  return explanation;
}

function explainLoaded(job: LoadedJob | null, candidate: CandidateStateRow | null): ListingExplanation {
  if (!job || job.status === "DRAFT") {
    return { jobStatus: job?.status ?? null, isListed: false, breakdown: null, exclusions: ["job_not_published"], rank: null, tiedWith: null };
  }
  if (!candidate) return { jobStatus: job.status, isListed: false, breakdown: null, exclusions: ["not_on_job_board"], rank: null, tiedWith: null };
  // A listed candidate is explained from the skill set the ranking read, so the two always agree.
  const evidence = candidate.listedSkills !== null ? parseSkillSet(candidate.listedSkills) : parseEvidence(candidate.skills);
  const breakdown = scoreCandidate(job, evidence);
  const exclusions: ExclusionCode[] = [];
  if (!candidate.active) exclusions.push("not_on_job_board");
  if (!breakdown) exclusions.push("no_relevant_skill");
  exclusions.push(...filterExclusions(listingFilterOf(job), candidate));
  return { jobStatus: job.status, isListed: exclusions.length === 0 && job.status === "PUBLISHED", breakdown, exclusions, rank: null, tiedWith: null };
}

/**
 * explainCandidate for many jobs at once (a candidate's "jobs for me" list): two queries whatever the number of
 * jobs. Jobs that do not exist are absent from the map.
 */
export async function explainCandidateForJobs({ userId, jobIds, now = new Date() }: { userId: string; jobIds: readonly string[]; now?: Date }) {
  const explanations = await explainListingsForJobs({ userId, jobIds, now });
  return new Map([...explanations].map(([jobId, e]): [string, MatchBreakdown | null] => [jobId, e.exclusions.length === 0 ? e.breakdown : null]));
}

/** explainListing for several jobs at once (without ranks): the candidate's list of jobs, listed or kept off and why. */
export async function explainListingsForJobs({ userId, jobIds, now = new Date() }: { userId: string; jobIds: readonly string[]; now?: Date }) {
  const [jobs, candidate] = await Promise.all([loadJobs(jobIds), loadCandidate(userId, now)]);
  return new Map(jobs.map((job) => [job.id, explainLoaded(job, candidate)]));
}

/** The candidate's place: listed candidates ranked above them, and listed candidates tied with them. */
async function placeOf({ job, filter, key, userId }: { job: LoadedJob; filter: ListingFilter; key: MatchKey; userId: string }) {
  const plan = planJob(job, await currentSkillSets());
  const better = plan.classes.filter((c) => compareMatchKeys(c.key, key) < 0).flatMap((c) => c.setIds);
  const own = plan.classes.findIndex((c) => compareMatchKeys(c.key, key) === 0);
  const same = own >= 0 ? plan.classes[own].setIds : [];
  const bits = own >= 0 ? ((await classGroupBits(plan, [own])).get(own) ?? 0) : 0;
  const f = filterSql(filter, 6);
  const order = (tiebreak: string, id: string) => `${GROUP_ORDER_SQL(GROUP_SQL(tiebreak, "$5::int"), "$3")}, ${DRAW_SQL(id, "$3")}, ${id} COLLATE "C"`;
  // Above: every better class, and in the candidate's own class those before them in the job's draw (group order,
  // hash, then the account id in byte order), as compareMatches orders them.
  const [row] = await sql<{ above: number; same: number }>(
    `SELECT count(*) FILTER (WHERE m."skillSetId" = ANY($1::int[])
                              OR (${order(`m."tiebreak"`, `m."userId"`)}) < (SELECT ${order(`me."tiebreak"`, "$4::text")} FROM "MatchingCandidate" me WHERE me."userId" = $4))::int AS "above",
            count(*) FILTER (WHERE m."skillSetId" = ANY($2::int[]))::int AS "same"
     FROM "MatchingCandidate" m
     WHERE ${f.clause} AND (m."skillSetId" = ANY($1::int[]) OR m."skillSetId" = ANY($2::int[]))`,
    [better, same, drawSeed(job.id), userId, bits, ...f.values],
  );
  return { above: row?.above ?? 0, tied: Math.max(0, (row?.same ?? 1) - 1) };
}

/**
 * The candidate's breakdown for the job when they are listed (for a closed job: would be, were it open), else null
 * (draft job, not on the job board, no relevant skill, or kept off by a filter). See explainListing for the reasons.
 */
export async function explainCandidate({ jobId, userId, now = new Date() }: { jobId: string; userId: string; now?: Date }): Promise<MatchBreakdown | null> {
  const explanation = await explainListing({ jobId, userId, now });
  return explanation.exclusions.length === 0 ? explanation.breakdown : null;
}

export type RankingChannel = "employer_page" | "api" | "candidate_page";

/** Records a ranking as shown (audit): who saw which candidates, scored how, under which rules version. */
export async function logRanking({
  jobId,
  viewerId,
  channel,
  candidates,
  now = new Date(),
}: {
  jobId: string;
  viewerId: string | null;
  channel: RankingChannel;
  candidates: readonly RankedCandidate[];
  now?: Date;
}) {
  const entries = candidates.map((c) => ({
    userId: c.userId,
    rank: c.rank,
    score: c.breakdown.score,
    group: c.breakdown.group,
    points: c.breakdown.points,
    maxPoints: c.breakdown.maxPoints,
    contributions: c.breakdown.contributions,
  }));
  const id = newId();
  await sql(
    `INSERT INTO "RankingLog" ("id", "jobId", "viewerId", "channel", "rulesVersion", "entries", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::timestamp)`,
    [id, jobId, viewerId, channel, SCORING_RULES_VERSION, JSON.stringify(entries), now.toISOString()],
  );
  return { id };
}
