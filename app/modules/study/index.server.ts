// The study module's front door for other modules' server code: its server API
// (docs/decisions/029-module-front-doors.md).
export { purgeOldConversations } from "./conversations.server";
