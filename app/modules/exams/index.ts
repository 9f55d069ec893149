// The exams module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/exams/index.server" instead (docs/decisions/029-module-front-doors.md).
export { MAX_EXTRA_ATTEMPTS, TIME_FACTORS } from "./accommodations";
export { parseStoredExam } from "./definition";
export { isContentLanguage } from "./items";
