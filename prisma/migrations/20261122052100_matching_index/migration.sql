-- Matching index (issue 7, app/modules/matching): what the ranking reads instead of aggregating CandidateSkill for a
-- million candidates on every request. Kept in step with CandidateSkill and CandidateProfile by the triggers below,
-- in the same transaction as the change, whoever writes those tables (the candidate pages, the verified-skill
-- refresh, an admin's SQL).
--
-- MatchingSkillSet: one row per distinct skill set (a candidate's evidence per skill). Candidates share few sets
-- (a credential proves a course's whole skill list), so the ranking scores each set once per job in TypeScript,
-- with the same rules as the breakdown, and then reads candidates by set.
-- MatchingCandidate: one row per active candidate with at least one skill: their set, their tiebreak hash and the
-- listing filters (region, remote, languages), so the top of a job is read from one narrow table.
--
-- The PL/pgSQL bodies are E'...' strings with \073 (octal for the semicolon) ending their statements: the Prisma
-- CLI's driver adapter (adapter-pg 6.19.3, executeScript) splits a migration at every semicolon, quoted or not, when
-- `prisma migrate dev` replays it on its shadow database. So no semicolon may appear in this file except at the end
-- of a top-level statement, comments included.

-- CreateTable
CREATE TABLE "MatchingSkillSet" (
    "id" SERIAL NOT NULL,
    "skills" TEXT NOT NULL,
    "members" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MatchingSkillSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchingCandidate" (
    "userId" TEXT NOT NULL,
    "skillSetId" INTEGER NOT NULL,
    "tiebreak" INTEGER NOT NULL,
    "region" TEXT,
    "openToRemote" BOOLEAN NOT NULL,
    "languages" TEXT[],
    "verifiedUntil" TIMESTAMP(3),

    CONSTRAINT "MatchingCandidate_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "MatchingSkillSet_skills_key" ON "MatchingSkillSet"("skills");

-- CreateIndex
-- Both indexes carry every column the ranking reads, so PostgreSQL answers from the index alone (index-only scans,
-- no visit to the table): walking candidates in tiebreak order, and reading a skill set's members.
CREATE INDEX "MatchingCandidate_tiebreak_covering_idx" ON "MatchingCandidate"("tiebreak", "skillSetId", "openToRemote", "region", "languages", "userId");

-- CreateIndex
CREATE INDEX "MatchingCandidate_skillSetId_covering_idx" ON "MatchingCandidate"("skillSetId", "tiebreak", "openToRemote", "region", "languages", "userId");

-- CreateIndex
CREATE INDEX "MatchingCandidate_verifiedUntil_idx" ON "MatchingCandidate"("verifiedUntil");

-- `validUntil` of a signed VC 2.0 credential as a UTC timestamp, or null when it has none (or an unreadable one,
-- which the platform never writes: our credentials are signed with a well-formed date or none).
CREATE FUNCTION matching_valid_until(credential JSONB) RETURNS TIMESTAMP(3) LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN credential->>'validUntil' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$'
    THEN ((credential->>'validUntil')::timestamptz AT TIME ZONE 'UTC')::timestamp(3)
  END
$$;

-- Each candidate's skill set as MatchingSkillSet.skills spells it: "skillId:d" (declared) or "skillId:v<tier>"
-- (verified by a credential of that tier, v0 = tier unknown), one entry per skill keeping the best evidence,
-- sorted by skill id, comma-separated, and when the earliest credential behind a verified skill expires.
-- Filtering this view by "userId" reaches the CandidateSkill primary key (the condition is pushed below both
-- groupings).
CREATE VIEW "matching_candidate_skills" AS
SELECT e."userId",
       string_agg(e."skillId" || ':' || CASE WHEN e."level" < 0 THEN 'd' ELSE 'v' || e."level" END, ',' ORDER BY e."skillId" COLLATE "C") AS "skills",
       min(e."until") AS "verifiedUntil"
FROM (
  SELECT cs."userId", cs."skillId",
         max(CASE WHEN cs."verified" THEN coalesce(cs."tier", 0) ELSE -1 END) AS "level",
         min(matching_valid_until(ic."json")) AS "until"
  FROM "CandidateSkill" cs
  LEFT JOIN "IssuedCredential" ic ON cs."verified" AND ic."id" = cs."credentialId"
  GROUP BY cs."userId", cs."skillId"
) e
GROUP BY e."userId";

-- Recomputes the matching rows of these candidates from CandidateSkill and CandidateProfile.
CREATE FUNCTION matching_refresh_candidates(user_ids TEXT[]) RETURNS VOID LANGUAGE plpgsql AS E'
DECLARE
  ids TEXT[]\073
  lock_key INTEGER\073
  wanted "MatchingCandidate"[]\073
BEGIN
  SELECT array_agg(DISTINCT u) INTO ids FROM unnest(user_ids) AS u WHERE u IS NOT NULL\073
  IF ids IS NULL THEN
    RETURN\073
  END IF\073
  -- One refresh per candidate at a time: a concurrent change then waits and reads the other''s committed rows, so
  -- the last refresh always sees everything. Small refreshes (a learner''s own changes) lock their candidates, in
  -- key order so that two refreshes cannot deadlock. A large one (a sweep, a bulk import) locks the whole index
  -- instead: one advisory lock per candidate would overflow the server''s lock table. Small ones take the
  -- compatible table lock first, so the two kinds wait for each other before reading anything.
  IF cardinality(ids) > 500 THEN
    LOCK TABLE "MatchingCandidate" IN SHARE ROW EXCLUSIVE MODE\073
  ELSE
    LOCK TABLE "MatchingCandidate" IN ROW EXCLUSIVE MODE\073
    FOR lock_key IN SELECT DISTINCT hashtext(u) AS k FROM unnest(ids) AS u ORDER BY k LOOP
      PERFORM pg_advisory_xact_lock(7370, lock_key)\073
    END LOOP\073
  END IF\073

  INSERT INTO "MatchingSkillSet" ("skills")
  SELECT DISTINCT v."skills" FROM "matching_candidate_skills" v
  WHERE v."userId" = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM "MatchingSkillSet" s WHERE s."skills" = v."skills")
  ON CONFLICT ("skills") DO NOTHING\073

  -- Listed: an active profile with at least one skill.
  SELECT array_agg(ROW(p."userId", s."id", (''x'' || substr(md5(p."userId"), 1, 8))::bit(32)::int, p."region",
                       p."openToRemote", p."languages", v."verifiedUntil")::"MatchingCandidate")
  INTO wanted
  FROM "CandidateProfile" p
  JOIN "matching_candidate_skills" v ON v."userId" = p."userId"
  JOIN "MatchingSkillSet" s ON s."skills" = v."skills"
  -- The condition is repeated on the view: the planner does not carry "= ANY" across the join, and without it would
  -- group every candidate''s skills.
  WHERE p."userId" = ANY(ids) AND v."userId" = ANY(ids) AND p."active"\073

  -- Member counts follow the candidates (the ranking plans with them). Rows are locked in id order first, so two
  -- refreshes moving candidates between the same sets cannot deadlock.
  PERFORM 1 FROM "MatchingSkillSet" s
  WHERE s."id" IN (SELECT w."skillSetId" FROM unnest(wanted) w
                   UNION SELECT m."skillSetId" FROM "MatchingCandidate" m WHERE m."userId" = ANY(ids))
  ORDER BY s."id" FOR UPDATE\073
  UPDATE "MatchingSkillSet" s SET "members" = s."members" + d."delta"
  FROM (
    SELECT x."skillSetId", sum(x."n")::int AS "delta"
    FROM (SELECT w."skillSetId", 1 AS "n" FROM unnest(wanted) w
          UNION ALL SELECT m."skillSetId", -1 FROM "MatchingCandidate" m WHERE m."userId" = ANY(ids)) x
    GROUP BY x."skillSetId"
  ) d
  WHERE s."id" = d."skillSetId" AND d."delta" <> 0\073

  DELETE FROM "MatchingCandidate" m
  WHERE m."userId" = ANY(ids) AND NOT EXISTS (SELECT 1 FROM unnest(wanted) w WHERE w."userId" = m."userId")\073

  INSERT INTO "MatchingCandidate" ("userId", "skillSetId", "tiebreak", "region", "openToRemote", "languages", "verifiedUntil")
  SELECT w."userId", w."skillSetId", w."tiebreak", w."region", w."openToRemote", w."languages", w."verifiedUntil" FROM unnest(wanted) w
  ON CONFLICT ("userId") DO UPDATE SET
    "skillSetId" = EXCLUDED."skillSetId",
    "region" = EXCLUDED."region",
    "openToRemote" = EXCLUDED."openToRemote",
    "languages" = EXCLUDED."languages",
    "verifiedUntil" = EXCLUDED."verifiedUntil"
  WHERE ("MatchingCandidate"."skillSetId", "MatchingCandidate"."region", "MatchingCandidate"."openToRemote",
         "MatchingCandidate"."languages", "MatchingCandidate"."verifiedUntil")
        IS DISTINCT FROM
        (EXCLUDED."skillSetId", EXCLUDED."region", EXCLUDED."openToRemote", EXCLUDED."languages", EXCLUDED."verifiedUntil")\073
END
';

-- Rebuilds every matching row in one pass (after a bulk load with triggers off, or to repair), keeping the set ids.
CREATE FUNCTION matching_rebuild() RETURNS VOID LANGUAGE plpgsql AS E'
BEGIN
  LOCK TABLE "MatchingCandidate", "MatchingSkillSet" IN EXCLUSIVE MODE\073
  CREATE TEMP TABLE matching_rebuild_sets ON COMMIT DROP AS SELECT * FROM "matching_candidate_skills"\073
  INSERT INTO "MatchingSkillSet" ("skills")
  SELECT DISTINCT r."skills" FROM matching_rebuild_sets r
  WHERE NOT EXISTS (SELECT 1 FROM "MatchingSkillSet" s WHERE s."skills" = r."skills")
  ON CONFLICT ("skills") DO NOTHING\073
  TRUNCATE "MatchingCandidate"\073
  INSERT INTO "MatchingCandidate" ("userId", "skillSetId", "tiebreak", "region", "openToRemote", "languages", "verifiedUntil")
  SELECT p."userId", s."id", (''x'' || substr(md5(p."userId"), 1, 8))::bit(32)::int, p."region", p."openToRemote",
         p."languages", r."verifiedUntil"
  FROM "CandidateProfile" p
  JOIN matching_rebuild_sets r ON r."userId" = p."userId"
  JOIN "MatchingSkillSet" s ON s."skills" = r."skills"
  WHERE p."active"\073
  UPDATE "MatchingSkillSet" SET "members" = 0 WHERE "members" <> 0\073
  UPDATE "MatchingSkillSet" s SET "members" = c."n"
  FROM (SELECT "skillSetId", count(*)::int AS "n" FROM "MatchingCandidate" GROUP BY "skillSetId") c
  WHERE s."id" = c."skillSetId"\073
END
';

-- Statement-level triggers: one refresh per statement for the candidates it touched (a bulk insert of declared
-- skills refreshes each candidate once, not once per row).
CREATE FUNCTION matching_after_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM matching_refresh_candidates(ARRAY(SELECT DISTINCT n."userId" FROM new_rows n))\073
  ELSIF TG_OP = ''DELETE'' THEN
    PERFORM matching_refresh_candidates(ARRAY(SELECT DISTINCT o."userId" FROM old_rows o))\073
  ELSE
    PERFORM matching_refresh_candidates(ARRAY(SELECT n."userId" FROM new_rows n UNION SELECT o."userId" FROM old_rows o))\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER "CandidateSkill_matching_insert" AFTER INSERT ON "CandidateSkill"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_after_change();
CREATE TRIGGER "CandidateSkill_matching_update" AFTER UPDATE ON "CandidateSkill"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_after_change();
CREATE TRIGGER "CandidateSkill_matching_delete" AFTER DELETE ON "CandidateSkill"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_after_change();
CREATE TRIGGER "CandidateProfile_matching_insert" AFTER INSERT ON "CandidateProfile"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_after_change();
CREATE TRIGGER "CandidateProfile_matching_update" AFTER UPDATE ON "CandidateProfile"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_after_change();
CREATE TRIGGER "CandidateProfile_matching_delete" AFTER DELETE ON "CandidateProfile"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_after_change();

-- Rows that existed before this migration.
SELECT matching_rebuild();
