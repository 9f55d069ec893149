// Model calls made for people (tutor, practice lab): a daily limit per learner and a monthly spend cap for the
// whole deployment, both checked before a call and both answered with 429 past them (StudyError).
import { getEnv } from "~/lib/env.server";
import { sql } from "~/lib/sql.server";

export type BudgetRefusal = "daily_limit" | "monthly_cap";

export type UsageSettings = { dailyCalls: number; monthlyCap: number; inputPerMTok: number; outputPerMTok: number };

export function usageSettings(): UsageSettings {
  const env = getEnv();
  return {
    dailyCalls: env.STUDY_DAILY_MODEL_CALLS,
    monthlyCap: env.AI_MONTHLY_SPEND_CAP,
    inputPerMTok: env.AI_PRICE_INPUT_PER_MTOK,
    outputPerMTok: env.AI_PRICE_OUTPUT_PER_MTOK,
  };
}

/** The cost of one call in millionths of the price's currency unit. */
export function costMicros({ inputTokens, outputTokens }: { inputTokens: number; outputTokens: number }, settings: UsageSettings) {
  return Math.round(inputTokens * settings.inputPerMTok + outputTokens * settings.outputPerMTok);
}

/** Null when one more model call is allowed for this learner now; else why not. Days and months are UTC. */
export async function modelBudgetRefusal(userId: string, settings = usageSettings()): Promise<BudgetRefusal | null> {
  const [row] = await sql<{ today: number; month: string }>(
    `SELECT count(*) FILTER (WHERE "userId" = $1 AND "createdAt" >= date_trunc('day', now() AT TIME ZONE 'UTC'))::int AS "today",
            coalesce(sum("costMicros"), 0)::text AS "month"
     FROM "AiUsage" WHERE "createdAt" >= date_trunc('month', now() AT TIME ZONE 'UTC')`,
    [userId],
  );
  if ((row?.today ?? 0) >= settings.dailyCalls) return "daily_limit";
  if (Number(row?.month ?? 0) >= settings.monthlyCap * 1_000_000) return "monthly_cap";
  return null;
}

export async function recordModelUsage({
  userId,
  feature,
  model,
  inputTokens,
  outputTokens,
  settings = usageSettings(),
}: {
  userId: string;
  feature: "tutor" | "practice";
  model: string;
  inputTokens: number;
  outputTokens: number;
  settings?: UsageSettings;
}) {
  await sql(
    `INSERT INTO "AiUsage" ("id", "userId", "feature", "model", "inputTokens", "outputTokens", "costMicros", "createdAt")
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, $6, now())`,
    [userId, feature, model, inputTokens, outputTokens, costMicros({ inputTokens, outputTokens }, settings)],
  );
}

/** A rough token count when a server does not report usage (about four characters per token). */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);
