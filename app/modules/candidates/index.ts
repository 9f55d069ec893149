// The candidates module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/candidates/index.server" instead (docs/decisions/029-module-front-doors.md).
export { JOB_BOARD_CONSENT_KIND } from "./schemas";
