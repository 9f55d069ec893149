// The employers' bulk check on /verify: a CSV of credential links in, one verified row per link out.
import type { VerificationStatus } from "../../../credentials/index";
import { prisma } from "~/lib/db.server";
import { issuerIdentity } from "./keys.server";
import type { ProblemView } from "./public-verify.server";
import { verifyIssuedCredential } from "./verify.server";
import { credentialIdFromLink, linksFromCsv } from "./sharing";

/** Rows checked per file; the rest are reported as not checked. */
export const MAX_BULK_ROWS = 200;

export type BulkRow = {
  line: number;
  link: string;
  /** A verification status, or: no credential of ours has that id / the link is not one of our credential links. */
  status: VerificationStatus | "not_found" | "not_ours";
  achievement: string | null;
  holder: string | null;
  reasons: ProblemView[];
};

export type BulkResult = { rows: BulkRow[]; totalRows: number; isTruncated: boolean };

/**
 * Verifies every credential link of a CSV (see linksFromCsv), the first MAX_BULK_ROWS of them. Links are looked up
 * in one query; each stored credential is then verified like any presented one (signature, key, status list).
 */
export async function verifyCsvOfLinks({ csv }: { csv: string }): Promise<BulkResult> {
  const links = linksFromCsv(csv);
  const checked = links.slice(0, MAX_BULK_ROWS);
  const identity = issuerIdentity();
  const ourHosts = [new URL(identity.appOrigin).host, new URL(identity.idBase).host];
  const targets = checked.map((entry) => ({ ...entry, target: credentialIdFromLink(entry.link, ourHosts) }));
  const ids = [...new Set(targets.flatMap(({ target }) => (target.kind === "ours" ? [target.id] : [])))];
  const stored = ids.length
    ? await prisma.issuedCredential.findMany({ where: { id: { in: ids } }, select: { id: true, json: true } })
    : [];
  const byId = new Map(stored.map((row) => [row.id, row.json]));

  const rows: BulkRow[] = [];
  // One after another: each verification is CPU-bound, so running them at once gains nothing on one core.
  for (const { line, link, target } of targets) {
    const base = { line, link, achievement: null, holder: null, reasons: [] };
    if (target.kind === "not_ours") {
      rows.push({ ...base, status: "not_ours" });
      continue;
    }
    const json = byId.get(target.id);
    if (json === undefined) {
      rows.push({ ...base, status: "not_found" });
      continue;
    }
    const result = await verifyIssuedCredential(json);
    rows.push({
      line,
      link,
      status: result.status,
      achievement: result.summary?.achievement.name ?? null,
      holder: result.summary?.subject.name ?? null,
      reasons: result.errors.map((problem) => ({ code: problem.code, message: problem.message })),
    });
  }
  return { rows, totalRows: links.length, isTruncated: links.length > MAX_BULK_ROWS };
}
