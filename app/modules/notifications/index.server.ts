// The notifications module's front door for other modules' server code: its server API
// (docs/decisions/029-module-front-doors.md).
export { notify } from "./notify.server";
