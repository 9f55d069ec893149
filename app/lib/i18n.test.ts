import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resources, supportedLanguages } from "./i18n";

type Tree = { [key: string]: string | Tree };
const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"] as const;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** "teach.learners_one" → base "teach.learners", form "one"; other keys have no form. */
function splitPlural(key: string) {
  const match = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
  return match ? { base: match[1], form: match[2] } : { base: key, form: null };
}

const catalogues = Object.fromEntries(supportedLanguages.map((l) => [l, flatten(resources[l].common as Tree)]));

describe("message catalogues", () => {
  it("have the same keys in fr, ar and en (plural forms aside)", () => {
    const bases = Object.fromEntries(
      supportedLanguages.map((l) => [l, new Set([...catalogues[l].keys()].map((k) => splitPlural(k).base))]),
    );
    const all = new Set(supportedLanguages.flatMap((l) => [...bases[l]]));
    const missing: string[] = [];
    for (const key of all) for (const l of supportedLanguages) if (!bases[l].has(key)) missing.push(`${l}: ${key}`);
    expect(missing).toEqual([]);
  });

  it("give every plural key all the forms its language needs (Intl.PluralRules)", () => {
    const problems: string[] = [];
    for (const l of supportedLanguages) {
      const needed = new Intl.PluralRules(l).resolvedOptions().pluralCategories;
      const pluralBases = new Set([...catalogues[l].keys()].map(splitPlural).filter((p) => p.form).map((p) => p.base));
      for (const base of pluralBases) {
        for (const form of needed) if (!catalogues[l].has(`${base}_${form}`)) problems.push(`${l}: ${base}_${form}`);
      }
      for (const key of catalogues[l].keys()) {
        const { form } = splitPlural(key);
        if (form && !PLURAL_SUFFIXES.includes(form as (typeof PLURAL_SUFFIXES)[number])) problems.push(`${l}: ${key}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("have no empty message and keep the same {{placeholders}} in every language", () => {
    const problems: string[] = [];
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(",");
    for (const [key, fr] of catalogues.fr) {
      const base = splitPlural(key).base;
      for (const l of supportedLanguages) {
        const candidates = [...catalogues[l].entries()].filter(([k]) => splitPlural(k).base === base);
        for (const [k, v] of candidates) {
          if (v.trim() === "") problems.push(`${l}: ${k} is empty`);
          // Arabic singular/dual forms spell the number out ("فوج واحد"), so only non-plural keys are compared.
          if (!splitPlural(k).form && placeholders(v) !== placeholders(fr)) problems.push(`${l}: ${k} placeholders differ`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("contain every key the code asks for with a literal t(\"…\")", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "generated" && entry.name !== "locales") walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.includes(".test.")) files.push(full);
      }
    };
    walk(path.resolve("app"));
    const used = new Set<string>();
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]);
      for (const m of source.matchAll(/pageMeta\(matches, "([a-zA-Z0-9_.]+)"\)/g)) used.add(m[1]);
      // Validation messages are keys carried by the Zod schemas.
      for (const m of source.matchAll(/"(validation\.[a-zA-Z]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const bases = new Set([...catalogues.fr.keys()].map((k) => splitPlural(k).base));
    const missing = [...used].filter((k) => !bases.has(k));
    expect(missing).toEqual([]);
  });
});

describe("numbers follow the language", () => {
  it("writes hours with the language's decimal mark", async () => {
    const { formatHours } = await import("./i18n");
    expect(formatHours(252, "fr")).toBe("4,2");
    expect(formatHours(252, "en")).toBe("4.2");
    expect(formatHours(240, "fr")).toBe("4");
  });
});
