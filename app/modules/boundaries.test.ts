// The layering rules that are written down (README "Working on the code", docs/decisions/029), checked on the source:
// a module reaches another only through its front door; front doors for the browser hold no server code; components
// import no server code; nothing imports a route; credentials/ imports nothing from the app.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

const isTestFile = (file: string) => /\.test\.tsx?$/.test(file) || path.basename(file).startsWith("test-fixtures");

/** The specifiers a file imports or re-exports from; `values` leaves out `import type` (erased at build). */
function importsOf(file: string, { values = false } = {}): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s)?[^;]*?from\s+"([^"]+)"/g)].flatMap((match) =>
    values && match[2] ? [] : [match[3]],
  );
}

describe("module boundaries", () => {
  it("modules reach each other only through their front doors (index, index.server)", () => {
    const violations = sourceFiles("app/modules")
      .filter((file) => !isTestFile(file))
      .flatMap((file) => {
        const own = file.split(path.sep)[2];
        return importsOf(file)
          .filter((specifier) => {
            const match = /^~\/modules\/([a-z-]+)(\/.*)?$/.exec(specifier);
            return match !== null && match[1] !== own && match[2] !== undefined && match[2] !== "/index.server";
          })
          .map((specifier) => `${file} → ${specifier}`);
      });
    expect(violations).toEqual([]);
  });

  it("a module's browser-safe front door and its pure files' imports of other modules hold no server code", () => {
    const violations = sourceFiles("app/modules")
      .filter((file) => !isTestFile(file) && !file.includes(".server."))
      .flatMap((file) => importsOf(file, { values: true }).filter((specifier) => specifier.includes(".server")).map((specifier) => `${file} → ${specifier}`));
    expect(violations).toEqual([]);
  });

  it("components import types and pure functions only: no server file's values", () => {
    const violations = sourceFiles("app/components").flatMap((file) =>
      importsOf(file, { values: true })
        .filter((specifier) => specifier.includes(".server"))
        .map((specifier) => `${file} → ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it("nothing imports a route, and credentials/ imports nothing from the app", () => {
    const intoRoutes = [...sourceFiles("app/modules"), ...sourceFiles("app/lib"), ...sourceFiles("app/components")]
      .filter((file) => !isTestFile(file))
      .flatMap((file) => importsOf(file).filter((specifier) => specifier.startsWith("~/routes/")).map((specifier) => `${file} → ${specifier}`));
    const intoApp = sourceFiles("credentials").flatMap((file) =>
      importsOf(file).filter((specifier) => specifier.startsWith("~/") || specifier.includes("/app/")).map((specifier) => `${file} → ${specifier}`),
    );
    expect([...intoRoutes, ...intoApp]).toEqual([]);
  });
});
