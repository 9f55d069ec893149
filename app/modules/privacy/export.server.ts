// The data export (right of access): the person asks on /account/privacy (or POST /account/export), the job queue
// prepares a ZIP of everything held about them (personal-data.server.ts) with their credentials as JSON, PNG and PDF,
// keeps it for DATA_EXPORT_DAYS and announces it by e-mail. GET /account/export.json tells where it stands.
import { strToU8, zipSync, type Zippable } from "fflate";
import { prisma } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import { appOrigin } from "~/lib/origin.server";
import { credentialPdf, credentialPng } from "~/modules/certification/index.server";
import { notify } from "~/modules/notifications/index.server";
import { collectPersonalData, credentialsOf, SECTIONS } from "./personal-data.server";

const DAY_MS = 86_400_000;

export type ExportStatus = { id: string; state: "pending" | "ready" | "failed"; progress: number; total: number; createdAt: Date; expiresAt: Date | null };

/** Starts an export, unless one is being prepared already (then that one). */
export async function requestExport({ userId }: { userId: string }) {
  const pending = await prisma.dataExport.findFirst({ where: { userId, state: "PENDING" }, select: { id: true } });
  if (pending) return { id: pending.id, started: false };
  const created = await prisma.dataExport.create({ data: { userId }, select: { id: true } });
  return { id: created.id, started: true };
}

/** The person's latest export that is still of use (pending, failed, or ready and not expired), or null. */
export async function latestExport({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<ExportStatus | null> {
  const row = await prisma.dataExport.findFirst({
    where: { userId, OR: [{ state: { in: ["PENDING", "FAILED"] } }, { state: "READY", expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, state: true, progress: true, total: true, createdAt: true, expiresAt: true },
  });
  if (!row) return null;
  return { ...row, state: row.state === "READY" ? "ready" : row.state === "FAILED" ? "failed" : "pending" };
}

/** The ZIP of a ready, unexpired export of this person (anyone else's: null). */
export async function exportArchive({ userId, exportId, now = new Date() }: { userId: string; exportId: string; now?: Date }) {
  const row = await prisma.dataExport.findFirst({
    where: { id: exportId, userId, state: "READY", expiresAt: { gt: now } },
    select: { archive: true, createdAt: true },
  });
  return row?.archive ? { bytes: row.archive, createdAt: row.createdAt } : null;
}

export const exportDownloadPath = (exportId: string) => `/account/export/${exportId}.zip`;

const json = (value: unknown) => strToU8(`${JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);

/** The archive's own explanation, in the person's language. */
async function readme(language: string, sections: readonly string[]) {
  const t = await getFixedT(language);
  return strToU8(`${[t("privacy.archive.title"), "", t("privacy.archive.body"), "", ...sections.map((s) => `- ${s}.json`), "- credentials/"].join("\n")}\n`);
}

/**
 * Prepares one export (the job queue's handler): progress is written as each part is done, so the page can show it.
 * Ends READY with the archive and its expiry, or FAILED (the queue retries the job first).
 */
export async function buildExport({ exportId, now = () => new Date() }: { exportId: string; now?: () => Date }) {
  const job = await prisma.dataExport.findUnique({ where: { id: exportId }, select: { userId: true, state: true } });
  if (!job || job.state !== "PENDING") return;
  const user = await prisma.user.findUnique({ where: { id: job.userId }, select: { name: true, email: true, locale: true, deletedAt: true } });
  if (!user || user.deletedAt) {
    await prisma.dataExport.update({ where: { id: exportId }, data: { state: "FAILED", error: "account_deleted" } });
    return;
  }
  const credentials = await credentialsOf(job.userId);
  const total = SECTIONS.length + credentials.length;
  await prisma.dataExport.update({ where: { id: exportId }, data: { total, progress: 0 } });
  const files: Zippable = {};
  const data = await collectPersonalData(job.userId);
  for (const section of SECTIONS) files[`${section}.json`] = json(data[section]);
  await prisma.dataExport.update({ where: { id: exportId }, data: { progress: SECTIONS.length } });
  const folder: Zippable = {};
  for (const [index, credential] of credentials.entries()) {
    const [png, pdf] = await Promise.all([credentialPng({ credential }), credentialPdf({ credential, language: user.locale, fallbackName: user.name })]);
    // PNG and PDF are compressed already: stored as they are.
    folder[`${credential.id}.json`] = json(credential.json);
    folder[`${credential.id}.png`] = [new Uint8Array(png), { level: 0 }];
    folder[`${credential.id}.pdf`] = [new Uint8Array(pdf), { level: 0 }];
    await prisma.dataExport.update({ where: { id: exportId }, data: { progress: SECTIONS.length + index + 1 } });
  }
  files.credentials = folder;
  files["README.txt"] = await readme(user.locale, SECTIONS);
  const archive = zipSync(files, { level: 6, mtime: now() });
  const readyAt = now();
  const expiresAt = new Date(readyAt.getTime() + getEnv().DATA_EXPORT_DAYS * DAY_MS);
  await prisma.dataExport.update({
    where: { id: exportId },
    data: { state: "READY", archive: Buffer.from(archive), sizeBytes: archive.byteLength, readyAt, expiresAt, progress: total },
  });
  const t = await getFixedT(user.locale);
  await notify({
    userId: job.userId,
    kind: "export_ready",
    values: {},
    href: "/account/privacy#export",
    email: {
      to: user.email,
      subject: t("privacy.email.exportReady.subject"),
      text: t("privacy.email.exportReady.text", { name: user.name, days: getEnv().DATA_EXPORT_DAYS, url: `${appOrigin()}/account/privacy#export` }),
    },
  });
}

/** An export whose job gave up: the person sees it failed and may ask again. */
export async function failExport({ exportId, error }: { exportId: string; error: string }) {
  await prisma.dataExport.updateMany({ where: { id: exportId, state: "PENDING" }, data: { state: "FAILED", error: error.slice(0, 500) } });
}

/** Exports waiting for the queue, oldest first (the worker's poll). */
export async function pendingExportIds(limit = 20) {
  const rows = await prisma.dataExport.findMany({ where: { state: "PENDING" }, orderBy: { createdAt: "asc" }, take: limit, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Removes archives past their expiry (they hold personal data: not kept longer than announced). */
export async function purgeExpiredExports(now = new Date()) {
  const { count } = await prisma.dataExport.updateMany({ where: { state: "READY", expiresAt: { lte: now }, archive: { not: null } }, data: { archive: null } });
  return count;
}
