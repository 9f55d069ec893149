// The accounts module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/accounts/index.server" instead (docs/decisions/029-module-front-doors.md).
export { nameOnCertificates } from "./names";
export { hasAnyRole } from "./roles";
export type { Role } from "./roles";
