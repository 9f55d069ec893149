// The catalog module's front door for other modules' server code: its server API, and everything index.ts offers
// (docs/decisions/029-module-front-doors.md).
export * from "./index";
export { LESSONS_FINGERPRINT_SQL, lessonsFingerprint } from "./fingerprint.server";
export { listSkillTaxonomy, skillLabelMap } from "./skills.server";
