// The accounts module's front door for other modules' server code: its server API, and everything index.ts offers
// (docs/decisions/029-module-front-doors.md).
export * from "./index";
export { AI_CONSENT_KIND, aiConsentStatus, giveAiConsent, mayProcessTextWithAi, withdrawAiConsent } from "./ai-consent.server";
export { getCurrentUser, getUserFromCookieHeader, requireUser } from "./auth.server";
export type { CurrentUser } from "./auth.server";
export { INVITATION_LIFETIME_DAYS, createInvitationLink } from "./invitations.server";
export { verifyPassword } from "./password.server";
export { liveSessionUserIdSql, sessionTokenFromCookieHeader } from "./session.server";
export { hashToken } from "./tokens.server";
