// The jobs module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/jobs/index.server" instead (docs/decisions/029-module-front-doors.md).
export { REGIONS, WORK_LANGUAGES, isRegion, regionLabel } from "./regions";
export type { RegionId, WorkLanguage } from "./regions";
