import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
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

/** The model answered, but not with what was asked (no JSON object, wrong shape, nothing known in it). */
export class UnusableAnswerError extends Error {}

export type AiFailure = "timeout" | "unreachable" | "http_error" | "unusable";

/** What went wrong with a call to the model, for fallbacks and logs (never the server's own text). */
export function aiFailureOf(error: unknown): AiFailure {
  if (error instanceof APIConnectionTimeoutError) return "timeout";
  if (error instanceof APIConnectionError) return "unreachable";
  if (error instanceof APIError) return "http_error";
  // An UnusableAnswerError, or anything unexpected from the SDK: the answer cannot be used.
  return "unusable";
}

/** The JSON object in a completion: some compatible servers wrap it in a ``` fence despite JSON mode. */
function parseJsonObject(content: string): unknown {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  if (start === -1 || end < start) throw new UnusableAnswerError("no JSON object");
  try {
    return JSON.parse(content.slice(start, end + 1));
  } catch {
    throw new UnusableAnswerError("invalid JSON");
  }
}

/**
 * One deterministic JSON-mode chat completion (system instructions, then the user's data). Returns the parsed JSON
 * object and the model that answered; throws the SDK's errors or UnusableAnswerError. Callers validate the shape.
 */
export async function askForJsonObject({ client, model, system, user }: { client: OpenAI; model: string; system: string; user: string }) {
  const completion = await client.chat.completions.create({
    model,
    temperature: 0,
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
  });
  const content = completion.choices[0]?.message?.content;
  if (typeof content !== "string" || content.trim() === "") throw new UnusableAnswerError("empty answer");
  return { value: parseJsonObject(content), model: completion.model || model };
}
