// Reading a stored breakdown back (MatchObjection.snapshot is JSON written at the time of the objection): checked
// against the shape of MatchBreakdown rather than cast, so an older or damaged snapshot renders as "not listed"
// instead of breaking the queue.
import { z } from "zod";
import type { MatchBreakdown } from "~/modules/matching";

const ContributionSchema = z.object({
  skillId: z.string(),
  required: z.boolean(),
  evidence: z.enum(["verified", "declared", "missing"]),
  tier: z.number().nullable(),
  points: z.number(),
  maxPoints: z.number(),
  reason: z.literal("below_min_tier").optional(),
});

const BreakdownSchema = z.object({
  group: z.enum(["verified", "declared"]),
  score: z.number(),
  points: z.number(),
  maxPoints: z.number(),
  contributions: z.array(ContributionSchema),
  rulesVersion: z.string(),
});

export function parseBreakdown(value: unknown): MatchBreakdown | null {
  const parsed = BreakdownSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
