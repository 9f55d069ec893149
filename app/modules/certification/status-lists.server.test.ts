import { describe, expect, it } from "vitest";
import { isStatusListCredential, readStatus } from "../../../credentials/index";
import { prisma } from "~/lib/db.server";
import { getIssuerKey } from "./keys.server";
import {
  STATUS_LIST_LENGTH,
  allocateStatusIndex,
  getStatusListCredential,
  loadOwnStatusList,
  parseStatusListUrl,
  statusListUrl,
} from "./status-lists.server";
import { TEST_APP_URL, TEST_DID, useCredentialTestEnv } from "./test-fixtures";

useCredentialTestEnv();

async function allocate() {
  const { key } = await getIssuerKey();
  return allocateStatusIndex({ signer: key.signer });
}

describe("status list URLs", () => {
  it("are stable URLs under the app's origin, and only ours parse", () => {
    expect(statusListUrl("abc-1")).toBe(`${TEST_APP_URL}/credentials/status/abc-1`);
    expect(parseStatusListUrl(`${TEST_APP_URL}/credentials/status/abc-1`)).toBe("abc-1");
    expect(parseStatusListUrl("https://elsewhere.example/credentials/status/abc-1")).toBeNull();
    expect(parseStatusListUrl(`${TEST_APP_URL}/credentials/status/abc/../x`)).toBeNull();
  });
});

describe("allocateStatusIndex", () => {
  it("creates a signed list on first use and hands out indexes in order", async () => {
    const first = await allocate();
    const second = await allocate();
    const third = await allocate();
    expect([first.index, second.index, third.index]).toEqual([0, 1, 2]);
    expect(second.listId).toBe(first.listId);
    expect(first.statusListCredential).toBe(statusListUrl(first.listId));

    const list = await getStatusListCredential({ listId: first.listId });
    expect(isStatusListCredential(list)).toBe(true);
    if (!isStatusListCredential(list)) return;
    expect(list).toMatchObject({ id: first.statusListCredential, issuer: TEST_DID, credentialSubject: { statusPurpose: "revocation" } });
    expect(await readStatus({ statusList: list, index: 0 })).toBe(false);
    const row = await prisma.credentialStatusList.findUniqueOrThrow({ where: { id: first.listId }, select: { length: true, nextIndex: true } });
    expect(row).toEqual({ length: STATUS_LIST_LENGTH, nextIndex: 3 });
  });

  it("never hands out one index twice, even concurrently", async () => {
    await allocate();
    const results = await Promise.all(Array.from({ length: 12 }, () => allocate()));
    const indexes = results.map((r) => r.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.listId)).size).toBe(1);
  });

  it("starts a new list when the open one is full", async () => {
    const first = await allocate();
    await prisma.credentialStatusList.update({ where: { id: first.listId }, data: { nextIndex: STATUS_LIST_LENGTH } });
    const next = await allocate();
    expect(next.listId).not.toBe(first.listId);
    expect(next.index).toBe(0);
    expect(await prisma.credentialStatusList.count()).toBe(2);
  });
});

describe("loadOwnStatusList", () => {
  it("answers our lists from the database and nothing else", async () => {
    const { statusListCredential } = await allocate();
    const loaded = await loadOwnStatusList(statusListCredential);
    expect(loaded?.credential).toMatchObject({ id: statusListCredential });
    expect(loaded?.revokedAt?.(0)).toBeUndefined();
    expect(await loadOwnStatusList("https://elsewhere.example/credentials/status/1")).toBeNull();
    expect(await loadOwnStatusList(`${TEST_APP_URL}/credentials/status/unknown`)).toBeNull();
  });
});
