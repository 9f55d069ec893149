// The matching module's front door for other modules' server code: its server API, and everything index.ts offers
// (docs/decisions/029-module-front-doors.md).
export * from "./index";
export { explainListing, explainListingsForJobs, logRanking, rankCandidates } from "./ranking.server";
export type { ExclusionCode } from "./ranking.server";
export { refreshVerifiedSkills, refreshVerifiedSkillsOfCredential } from "./verified-skills.server";
