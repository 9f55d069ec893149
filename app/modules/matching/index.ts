// The matching module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/matching/index.server" instead (docs/decisions/029-module-front-doors.md).
export type { MatchBreakdown } from "./types";
