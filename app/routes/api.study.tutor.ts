import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { studyTutor } from "~/modules/study/api.server";

/** POST /api/study/tutor — the tutor's answer, as JSON or streamed (app/modules/study/api.server.ts). */
export const action = ({ request }: ActionFunctionArgs) => studyTutor(request);
export const loader = ({ request }: LoaderFunctionArgs) => studyTutor(request);
