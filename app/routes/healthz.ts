import { prisma } from "~/lib/db.server";

/** Liveness and database reachability for load balancers and monitors. */
export async function loader() {
  const started = Date.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "up", latencyMs: Date.now() - started });
  } catch {
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
