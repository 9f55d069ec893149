// Exam windows are typed and shown in the centre's wall-clock time. Morocco's offset has changed (UTC+1 with UTC+0
// during Ramadan until 2026-09-20, UTC+0 since), so the conversion asks Intl (the IANA database shipped with Node)
// rather than adding a fixed hour.

export const CENTRE_TIME_ZONE = "Africa/Casablanca";

// IANA tzdata 2026c (July 2026): Morocco and Western Sahara moved to permanent UTC+0 on 2026-09-20 at 02:00 local
// (01:00 UTC). Node 20 reached end of life with tzdata 2025c and still says UTC+1 after that date, so with data older
// than 2026c the change is applied here. Node 22 and later carry it themselves (process.versions.tz).
const MOROCCO_PERMANENT_UTC = Date.UTC(2026, 8, 20, 1);
const MOROCCO_ZONES = new Set(["Africa/Casablanca", "Africa/El_Aaiun"]);
const tzDataBefore2026c = typeof process !== "undefined" && (process.versions?.tz ?? "9999") < "2026c";

function offsetMinutes(instant: Date, timeZone: string) {
  if (tzDataBefore2026c && MOROCCO_ZONES.has(timeZone) && instant.getTime() >= MOROCCO_PERMANENT_UTC) return 0;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** "2026-12-01T09:00" in `timeZone` → the instant. Null for anything else. */
export function fromLocalDateTime(value: string, timeZone = CENTRE_TIME_ZONE): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(guess)) return null;
  // Two passes settle the offset around a change of offset.
  let instant = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The instant as "YYYY-MM-DDTHH:mm" in `timeZone`, for a datetime-local field. */
export function toLocalDateTime(instant: Date, timeZone = CENTRE_TIME_ZONE): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
