import { pino } from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const configured = process.env.LOG_LEVEL ?? "info";

/** Structured JSON logs (one line per event); secrets and cookies are redacted. */
export const logger = pino({
  // The logger must work even when the rest of the environment is invalid (to report it), so it reads only this.
  level: LEVELS.includes(configured) ? configured : "info",
  redact: {
    paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "password", "*.password"],
    censor: "[redacted]",
  },
  base: { service: "maharat" },
});
