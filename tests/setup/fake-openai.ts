// A local OpenAI-compatible server for tests of the real `openai` SDK path: POST /v1/chat/completions is answered
// with the current `reply` (a completion, an HTTP error, or no answer at all), and every request is recorded.
// A request with `"stream": true` gets the completion as server-sent chunks (with usage when asked), as OpenAI does;
// `kind: "stream"` sends given chunks, then stops mid-way when `hang` is set.
import http from "node:http";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll } from "vitest";

export type FakeReply =
  | { kind: "json"; content: string; model?: string }
  | { kind: "stream"; chunks: string[]; model?: string; hang?: boolean; finish?: string; delayMs?: number }
  | { kind: "status"; status: number }
  | { kind: "hang" };
export type FakeRequest = { path: string; authorization: string | undefined; body: unknown };

function completion(content: string, model: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_790_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return { id: "chatcmpl-test", object: "chat.completion.chunk", created: 1_790_000_000, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
}

/** Writes `pieces` as a chat completion stream; stops before the end when `hang` (the connection stays open). */
async function writeStream(res: http.ServerResponse, body: unknown, model: string, pieces: string[], { hang = false, finish = "stop", delayMs = 0 } = {}) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (value: unknown) => res.write(`data: ${JSON.stringify(value)}\n\n`);
  send(chunk(model, { role: "assistant", content: "" }, null));
  for (const piece of pieces) {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    send(chunk(model, { content: piece }, null));
  }
  if (hang) return;
  send(chunk(model, {}, finish));
  const wantsUsage = isObject(body) && isObject(body.stream_options) && body.stream_options.include_usage === true;
  if (wantsUsage) send({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 1_790_000_000, model, choices: [], usage: { prompt_tokens: 900, completion_tokens: 120, total_tokens: 1020 } });
  res.end("data: [DONE]\n\n");
}

/** Starts the server for this test file (closed after it); `defaultModel` names the model a JSON reply reports. */
export function useFakeOpenAiServer(defaultModel: string) {
  let server: http.Server;
  let baseURL = "";
  const fake = {
    reply: { kind: "hang" } as FakeReply,
    received: [] as FakeRequest[],
    /** An SDK client pointed at the server, without retries. */
    client({ timeout = 5_000 }: { timeout?: number } = {}) {
      return new OpenAI({ apiKey: "test-key", baseURL, timeout, maxRetries: 0 });
    },
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        fake.received.push({ path: req.url ?? "", authorization: req.headers.authorization, body: text ? JSON.parse(text) : null });
        if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
          res.writeHead(404).end();
          return;
        }
        const reply = fake.reply;
        if (reply.kind === "hang") return;
        if (reply.kind === "status") {
          res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "boom", type: "server_error" } }));
          return;
        }
        const body = fake.received.at(-1)?.body;
        const streamed = isObject(body) && body.stream === true;
        if (reply.kind === "stream") {
          void writeStream(res, body, reply.model ?? defaultModel, reply.chunks, reply);
          return;
        }
        if (streamed) {
          void writeStream(res, body, reply.model ?? defaultModel, reply.content.match(/\S+\s*/g) ?? []);
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(reply.content, reply.model ?? defaultModel)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    baseURL = `http://127.0.0.1:${address.port}/v1`;
  });

  afterEach(() => {
    fake.received.length = 0;
    server.closeAllConnections();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  return fake;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The chat messages of a recorded request body. */
export function messagesOf(body: unknown): Array<{ role: string; content: string }> {
  if (!isObject(body) || !Array.isArray(body.messages)) throw new Error("no messages");
  return body.messages.map((m: unknown) => {
    if (!isObject(m) || typeof m.role !== "string" || typeof m.content !== "string") throw new Error("bad message");
    return { role: m.role, content: m.content };
  });
}
