import { describe, expect, it } from "vitest";
import { AppError, isUniqueViolation } from "./errors";
import { orErrorPage } from "./errors.server";

class ShelfError extends AppError<"empty" | "full"> {}

describe("expected failures", () => {
  it("carry a code and a status, and keep their class name", () => {
    const error = new ShelfError("full", 409);
    expect(error).toBeInstanceOf(AppError);
    expect([error.code, error.status, error.name, error.message]).toEqual(["full", 409, "ShelfError", "full"]);
  });

  it("become the error page's response in a loader; anything else stays a bug", async () => {
    const refused = await orErrorPage(Promise.reject(new ShelfError("empty", 404))).catch((thrown: unknown) => thrown);
    expect(refused).toMatchObject({ type: "DataWithResponseInit", data: { error: "empty" }, init: { status: 404 } });
    await expect(orErrorPage(Promise.reject(new TypeError("boom")))).rejects.toThrow(TypeError);
    expect(await orErrorPage(Promise.resolve(7))).toBe(7);
  });

  it("recognise a unique-constraint refusal from Prisma or from plain SQL", () => {
    expect(isUniqueViolation(Object.assign(new Error("dup"), { code: "P2002" }))).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error("dup"), { code: "23505" }))).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error("fk"), { code: "P2003" }))).toBe(false);
    expect(isUniqueViolation("P2002")).toBe(false);
  });
});
