import OpenAI from "openai";
import { getEnv } from "~/lib/env.server";

let client: OpenAI | undefined;

/**
 * The OpenAI SDK client for any OpenAI-compatible server (OPENAI_BASE_URL, e.g. one run on-premises), or null when
 * no OPENAI_API_KEY is configured: callers then use their local default, so the platform runs offline.
 * One retry only: the grading assistant falls back to its local suggester rather than keep a reviewer waiting.
 */
export function getAiClient(): OpenAI | null {
  const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_TIMEOUT_MS } = getEnv();
  if (!OPENAI_API_KEY) return null;
  client ??= new OpenAI({ apiKey: OPENAI_API_KEY, baseURL: OPENAI_BASE_URL, timeout: OPENAI_TIMEOUT_MS, maxRetries: 1 });
  return client;
}
