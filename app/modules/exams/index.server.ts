// The exams module's front door for other modules' server code: its server API, and everything index.ts offers
// (docs/decisions/029-module-front-doors.md).
export * from "./index";
export { StaffActionError, grantAccommodation } from "./accommodations.server";
export { hasExamInProgress } from "./in-progress.server";
