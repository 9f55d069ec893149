import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/lib/i18n.server";
import { publicJsonLdHeaders } from "~/lib/negotiation.server";
import { getAchievement } from "~/modules/certification/public-pages.server";

/** The achievement as JSON-LD (OBv3 Achievement with the VC v2 and OBv3 contexts), for anyone. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const achievement = await getAchievement({ courseId: params.courseId ?? "", language: await getLanguage(request) });
  if (!achievement) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(`${JSON.stringify(achievement.document, null, 2)}\n`, {
    headers: publicJsonLdHeaders({ "Cache-Control": "public, max-age=300", "Content-Language": achievement.view.language }),
  });
}
