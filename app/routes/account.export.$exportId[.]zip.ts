import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth.server";
import { exportArchive } from "~/modules/privacy/export.server";

/** The ZIP of one of my ready exports (anyone else's, or an expired one: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const archive = await exportArchive({ userId: user.id, exportId: params.exportId ?? "" });
  if (!archive) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const day = archive.createdAt.toISOString().slice(0, 10);
  return new Response(new Uint8Array(archive.bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="maharat-my-data-${day}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
