import type { LoaderFunctionArgs } from "@remix-run/node";
import { studySearch } from "~/modules/study/api.server";

/** GET /api/study/search?q=&lang= — lesson passages for a question (app/modules/study/api.server.ts). */
export const loader = ({ request }: LoaderFunctionArgs) => studySearch(request);
