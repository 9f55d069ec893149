import { pino } from "pino";
import { getEnv } from "~/lib/env.server";

/** Structured JSON logs (one line per event); secrets and cookies are redacted. */
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  redact: {
    paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "password", "*.password"],
    censor: "[redacted]",
  },
  base: { service: "maharat" },
});
