// The certification module's front door for other modules, safe in the browser bundle: its pure functions and types.
// Server code imports "~/modules/certification/index.server" instead (docs/decisions/029-module-front-doors.md).
export { ISSUER_NAME } from "./achievements";
