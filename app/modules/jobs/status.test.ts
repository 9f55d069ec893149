import { describe, expect, it } from "vitest";
import { applyJobCommand } from "./status";

describe("a job post's life: draft → published → closed", () => {
  it("saving keeps the status; publishing stamps the date only the first time", () => {
    expect(applyJobCommand("DRAFT", "save")).toEqual({ ok: true, status: "DRAFT", setPublishedAt: false, setClosedAt: false });
    expect(applyJobCommand("PUBLISHED", "save")).toEqual({ ok: true, status: "PUBLISHED", setPublishedAt: false, setClosedAt: false });
    expect(applyJobCommand("DRAFT", "publish")).toEqual({ ok: true, status: "PUBLISHED", setPublishedAt: true, setClosedAt: false });
    expect(applyJobCommand("PUBLISHED", "publish")).toEqual({ ok: true, status: "PUBLISHED", setPublishedAt: false, setClosedAt: false });
  });

  it("closes a draft or a published post, and a closed post never changes again", () => {
    expect(applyJobCommand("DRAFT", "close")).toMatchObject({ ok: true, status: "CLOSED", setClosedAt: true });
    expect(applyJobCommand("PUBLISHED", "close")).toMatchObject({ ok: true, status: "CLOSED", setClosedAt: true });
    for (const command of ["save", "publish", "close"] as const) expect(applyJobCommand("CLOSED", command)).toEqual({ ok: false, reason: "closed" });
  });
});
