// Bitstring Status Lists for revocation: one bit per issued credential. Indexes are handed out in order and never
// reused; a list is published (signed) at /credentials/status/<id> and re-signed on every revocation.
import type pg from "pg";
import {
  type CredentialSigner,
  type StatusListLoadResult,
  MIN_STATUS_LIST_LENGTH,
  createStatusListCredential,
  isStatusListCredential,
  setStatus,
} from "../../../credentials/index";
import type { CredentialStatusList } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { newId, sqlTransaction } from "~/lib/sql.server";
import { type IssuerIdentity, issuerIdentity } from "./keys.server";

export const STATUS_LIST_LENGTH = MIN_STATUS_LIST_LENGTH;
const STATUS_PATH = "/credentials/status/";

export function statusListUrl(listId: string, identity: IssuerIdentity = issuerIdentity()) {
  return `${identity.idBase}${STATUS_PATH}${encodeURIComponent(listId)}`;
}

/** The list id in one of our status list URLs, or null for any other URL. */
export function parseStatusListUrl(url: string, identity: IssuerIdentity = issuerIdentity()): string | null {
  const prefix = `${identity.idBase}${STATUS_PATH}`;
  if (!url.startsWith(prefix)) return null;
  const rest = url.slice(prefix.length);
  return /^[A-Za-z0-9_-]+$/.test(rest) ? rest : null;
}

export type StatusAllocation = { listId: string; index: number; statusListCredential: string };

/**
 * The next free index. Allocation is serialised by a transaction-scoped advisory lock (every instance and process
 * agree on it): the open list's `nextIndex` is bumped with UPDATE … RETURNING, and when no list has room a new one
 * is signed and inserted with its first index taken. The transaction waits on no other connection (signing is CPU
 * only), as the embedded database requires.
 */
export async function allocateStatusIndex({
  signer,
  identity = issuerIdentity(),
  now = new Date(),
}: {
  signer: CredentialSigner;
  identity?: IssuerIdentity;
  now?: Date;
}): Promise<StatusAllocation> {
  return sqlTransaction(async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('maharat.credential-status-allocation'))`);
    const { rows } = await client.query<Pick<CredentialStatusList, "id"> & { index: number }>(
      `UPDATE "CredentialStatusList" SET "nextIndex" = "nextIndex" + 1, "updatedAt" = $1
       WHERE "id" = (SELECT "id" FROM "CredentialStatusList" WHERE "purpose" = 'revocation' AND "nextIndex" < "length"
                     ORDER BY "createdAt", "id" LIMIT 1)
       RETURNING "id", "nextIndex" - 1 AS "index"`,
      [now.toISOString()],
    );
    const [open] = rows;
    if (open) return { listId: open.id, index: open.index, statusListCredential: statusListUrl(open.id, identity) };

    const listId = newId();
    const url = statusListUrl(listId, identity);
    const credential = await createStatusListCredential({ id: url, issuer: identity.did, signer, length: STATUS_LIST_LENGTH, now });
    await client.query(
      `INSERT INTO "CredentialStatusList" ("id", "purpose", "length", "nextIndex", "credential", "createdAt", "updatedAt")
       VALUES ($1, 'revocation', $2, 1, $3::jsonb, $4, $4)`,
      [listId, STATUS_LIST_LENGTH, JSON.stringify(credential), now.toISOString()],
    );
    return { listId, index: 0, statusListCredential: url };
  });
}

/**
 * Sets the revocation bit of `index` and stores the re-signed list, inside the caller's transaction (the row is
 * locked first, so two revocations in one list never overwrite each other's bit).
 */
export async function setRevokedBit(
  client: pg.PoolClient,
  { listId, index, signer, now }: { listId: string; index: number; signer: CredentialSigner; now: Date },
) {
  const { rows } = await client.query<Pick<CredentialStatusList, "credential">>(
    `SELECT "credential" FROM "CredentialStatusList" WHERE "id" = $1 FOR UPDATE`,
    [listId],
  );
  const current = rows[0]?.credential;
  if (!isStatusListCredential(current)) throw new Error(`Status list ${listId} is missing or malformed`);
  const next = await setStatus({ statusList: current, index, revoked: true, signer, now });
  await client.query(`UPDATE "CredentialStatusList" SET "credential" = $2::jsonb, "updatedAt" = $3 WHERE "id" = $1`, [
    listId,
    JSON.stringify(next),
    now.toISOString(),
  ]);
  return next;
}

/** The signed status list credential as published, or null. */
export async function getStatusListCredential({ listId }: { listId: string }) {
  const row = await prisma.credentialStatusList.findUnique({ where: { id: listId }, select: { credential: true } });
  return row?.credential ?? null;
}

/**
 * For verifyCredential: our own status lists, read from the database (never fetched), with the date each revoked
 * entry was revoked. Any other URL is unknown (null).
 */
export async function loadOwnStatusList(url: string, identity: IssuerIdentity = issuerIdentity()): Promise<StatusListLoadResult | null> {
  const listId = parseStatusListUrl(url, identity);
  if (!listId) return null;
  const row = await prisma.credentialStatusList.findUnique({
    where: { id: listId },
    select: {
      credential: true,
      credentials: { where: { revokedAt: { not: null } }, select: { statusIndex: true, revokedAt: true } },
    },
  });
  if (!row || !isStatusListCredential(row.credential)) return null;
  const revoked = new Map(row.credentials.flatMap((c) => (c.revokedAt ? [[c.statusIndex, c.revokedAt] as const] : [])));
  return { credential: row.credential, revokedAt: (index) => revoked.get(index) };
}
