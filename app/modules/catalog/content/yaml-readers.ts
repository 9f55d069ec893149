// Typed readers over YAML nodes with file lines, shared by the curriculum loader (load.ts) and the practice loader
// (practice.ts). Each reader reports what is wrong as `file:line: message` and returns undefined.
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from "yaml";
import { CONTENT_LANGUAGES, type ContentLanguage, type ContentProblem, type Localized } from "./types";

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// ---------------------------------------------------------------------------------------------------------------
// YAML sources: turning node offsets into file lines

export type Problems = ContentProblem[];

/** One parsed YAML text, and how to turn its node offsets into lines of the file on disk. */
export class YamlSource {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    /** Lines of the file before the YAML text (the opening `---` of a lesson's front-matter). */
    private readonly lineOffset: number,
    private readonly problems: Problems,
  ) {}

  lineOf(node: Node | null | undefined): number {
    const start = node?.range?.[0];
    const line = start === undefined ? 1 : this.lineCounter.linePos(start).line;
    return Math.max(line, 1) + this.lineOffset;
  }

  report(node: Node | null | undefined, message: string): void {
    this.problems.push({ file: this.file, line: this.lineOf(node), message });
  }
}

export function parseYaml(file: string, text: string, problems: Problems, lineOffset = 0): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // Only the first error is reported: the parser's later errors are mostly consequences of the first one.
  const error = doc.errors[0];
  if (error) {
    const line = Math.max(lineCounter.linePos(error.pos[0]).line, 1) + lineOffset;
    problems.push({ file, line, message: `YAML syntax error: ${error.message}` });
    return undefined;
  }
  return new YamlSource(file, doc, lineCounter, lineOffset, problems);
}

export async function readText(absolutePath: string): Promise<string | undefined> {
  try {
    return await readFile(absolutePath, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** Entries sorted by name (problems and courses come out in a stable order); none when the folder is absent. */
export async function listDir(absolutePath: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(absolutePath, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if (isErrnoException(error) && (error.code === "ENOENT" || error.code === "ENOTDIR")) return [];
    throw error;
  }
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

/** Reads and parses a YAML file; reports it when missing (unless optional) or unparseable. */
export async function loadYamlFile(contentDir: string, file: string, problems: Problems, optional = false) {
  const text = await readText(path.join(contentDir, file));
  if (text === undefined) {
    if (!optional) problems.push({ file, line: 1, message: "file is missing" });
    return undefined;
  }
  return parseYaml(file, stripBom(text), problems);
}

export const stripBom = (text: string) => text.replace(/^\uFEFF/, "");

// ---------------------------------------------------------------------------------------------------------------
// Typed readers over YAML nodes. Each reports what is wrong and returns undefined, so callers only combine results.

/** Reads one value; `at` is where problems about the whole value go (its key's line, easier to find than the value's). */
export type Read<T> = (src: YamlSource, node: Node, label: string, at: Node) => T | undefined;

export const prefix = (scope: string) => (scope ? `${scope}: ` : "");
export const labelOf = (scope: string, key: string) => (scope ? `${scope} ${key}` : key);

export function deref(src: YamlSource, value: unknown): Node | undefined {
  if (isAlias(value)) return value.resolve(src.doc) ?? undefined;
  return isNode(value) ? value : undefined;
}

export function isNullScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

export function pairOf(map: YAMLMap, key: string) {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

export function keyNode(map: YAMLMap, key: string): Node {
  const pair = pairOf(map, key);
  return pair && isNode(pair.key) ? pair.key : map;
}

export function valueNode(src: YamlSource, map: YAMLMap, key: string): Node {
  const pair = pairOf(map, key);
  return deref(src, pair?.value) ?? keyNode(map, key);
}

/** Describes a value for "(got …)" in messages. */
export function describe(node: Node): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return JSON.stringify(node.value) ?? String(node.value);
  return "an alias";
}

/**
 * Reads `key` of `map` with `reader`. A missing required key is reported at the mapping's line; an optional key
 * may be absent or null.
 */
export function read<T>(src: YamlSource, map: YAMLMap, key: string, scope: string, reader: Read<T>, optional = false) {
  const pair = pairOf(map, key);
  if (!pair) {
    if (!optional) src.report(map, `${prefix(scope)}missing required key "${key}"`);
    return undefined;
  }
  const at = isNode(pair.key) ? pair.key : map;
  const value = deref(src, pair.value);
  if (value === undefined || isNullScalar(value)) {
    if (!optional) src.report(at, `${labelOf(scope, key)} has no value`);
    return undefined;
  }
  return reader(src, value, labelOf(scope, key), at);
}

export function checkKeys(src: YamlSource, map: YAMLMap, allowed: readonly string[], scope: string): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === "string" && allowed.includes(key)) continue;
    const at = isNode(pair.key) ? pair.key : map;
    src.report(at, `${prefix(scope)}unknown key ${JSON.stringify(key)} (allowed: ${allowed.join(", ")})`);
  }
}

export function asMap(src: YamlSource, node: Node, label: string, what = "a mapping"): YAMLMap | undefined {
  if (isMap(node)) return node;
  src.report(node, `${label} must be ${what} (got ${describe(node)})`);
  return undefined;
}

export const str: Read<string> = (src, node, label) => {
  if (isScalar(node) && typeof node.value === "string" && node.value.trim() !== "") return node.value;
  src.report(node, `${label} must be a non-empty string (got ${describe(node)})`);
  return undefined;
};

export const kebabId: Read<string> = (src, node, label, at) => {
  const value = str(src, node, label, at);
  if (value === undefined || KEBAB_ID.test(value)) return value;
  src.report(node, `${label} must be a kebab-case id (got ${JSON.stringify(value)})`);
  return undefined;
};

/** A date and time with an explicit time zone, e.g. 2027-01-15T09:00:00+01:00 (kept as written, in ISO form). */
export const dateTime: Read<string> = (src, node, label) => {
  const value = isScalar(node) ? node.value : undefined;
  const text = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : undefined;
  if (text && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Date(text).toISOString();
  }
  src.report(node, `${label} must be a date and time with a time zone, e.g. 2027-01-15T09:00:00+01:00 (got ${describe(node)})`);
  return undefined;
};

export const bool: Read<boolean> = (src, node, label) => {
  if (isScalar(node) && typeof node.value === "boolean") return node.value;
  src.report(node, `${label} must be true or false (got ${describe(node)})`);
  return undefined;
};

export function int(min: number, max = Number.POSITIVE_INFINITY): Read<number> {
  const expected = Number.isFinite(max) ? `an integer from ${min} to ${max}` : `an integer of at least ${min}`;
  return (src, node, label) => {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    src.report(node, `${label} must be ${expected} (got ${describe(node)})`);
    return undefined;
  };
}

/** A finite number, optionally bounded below (`exclusive`: strictly greater than `min`). */
export function num(bound?: { min: number; exclusive: boolean }): Read<number> {
  const expected = !bound
    ? "a number"
    : bound.exclusive
    ? `a number greater than ${bound.min}`
    : `a number of at least ${bound.min}`;
  return (src, node, label) => {
    const value = isScalar(node) ? node.value : undefined;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (!bound || (bound.exclusive ? value > bound.min : value >= bound.min));
    if (ok) return value;
    src.report(node, `${label} must be ${expected} (got ${describe(node)})`);
    return undefined;
  };
}

export function oneOf<T extends string>(values: readonly T[]): Read<T> {
  return (src, node, label) => {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === "string" && (values as readonly string[]).includes(value)) return value as T;
    src.report(node, `${label} must be one of ${values.join(", ")} (got ${describe(node)})`);
    return undefined;
  };
}

/** A list, reporting (but still returning) one shorter than `min`. */
export function list(min = 0): Read<Node[]> {
  return (src, node, label, at) => {
    if (!isSeq(node)) {
      src.report(at, `${label} must be a list (got ${describe(node)})`);
      return undefined;
    }
    const items = node.items.flatMap((item) => deref(src, item) ?? []);
    if (items.length < min) {
      src.report(at, `${label} must list at least ${min} ${min === 1 ? "entry" : "entries"} (got ${items.length})`);
    }
    return items;
  };
}

/** A list of non-empty strings (e.g. accepted answers, keywords). */
export function stringList(min: number): Read<string[]> {
  return (src, node, label, at) => {
    const items = list(min)(src, node, label, at);
    return items?.flatMap((item, index) => str(src, item, `${label}[${index + 1}]`, item) ?? []);
  };
}

/** A list of ids, each with its node (for later problems such as unknown references), duplicates reported. */
export function idList(what: string): Read<Array<{ id: string; node: Node }>> {
  return (src, node, label, at) => {
    const items = list()(src, node, label, at);
    const unique = uniqueIds(src, what, label);
    return items?.flatMap((item, index) => {
      const id = kebabId(src, item, `${label}[${index + 1}]`, item);
      return id !== undefined && unique(id, item) ? [{ id, node: item }] : [];
    });
  };
}

/** Skill ids that must exist in skills.yaml (`known` is null when skills.yaml itself could not be read). */
export function skillRefs(known: ReadonlySet<string> | null, nonEmpty: boolean): Read<string[]> {
  return (src, node, label, at) => {
    const ids = idList("skill")(src, node, label, at);
    if (ids && nonEmpty && ids.length === 0) src.report(at, `${label} must list at least one skill`);
    return ids?.flatMap(({ id, node: item }) => (checkSkill(src, known, id, item, label) ? [id] : []));
  };
}

export function checkSkill(src: YamlSource, known: ReadonlySet<string> | null, id: string, node: Node, label: string) {
  if (!known || known.has(id)) return true;
  src.report(node, `${label}: unknown skill "${id}" (not in skills.yaml)`);
  return false;
}

export function isLanguage(value: unknown): value is ContentLanguage {
  return typeof value === "string" && (CONTENT_LANGUAGES as readonly string[]).includes(value);
}

/**
 * A map language → value. Languages outside `required` may be present (a course can carry extra translations);
 * each missing required language is one "missing translation (xx)" problem.
 */
export function localizedOf<T>(
  required: readonly ContentLanguage[],
  readValue: Read<T>,
): Read<Partial<Record<ContentLanguage, T>>> {
  return (src, node, label, at) => {
    if (!isMap(node)) {
      src.report(at, `${label} must be a map of language → text (got ${describe(node)})`);
      return undefined;
    }
    const result: Partial<Record<ContentLanguage, T>> = {};
    for (const pair of node.items) {
      const language = isScalar(pair.key) ? pair.key.value : undefined;
      const languageAt = isNode(pair.key) ? pair.key : node;
      if (!isLanguage(language)) {
        src.report(
          languageAt,
          `${label}: unknown language ${JSON.stringify(language)} (expected ${CONTENT_LANGUAGES.join(", ")})`,
        );
        continue;
      }
      const value = deref(src, pair.value);
      if (value === undefined || isNullScalar(value)) {
        src.report(languageAt, `${label} (${language}) has no value`);
        continue;
      }
      const parsed = readValue(src, value, `${label} (${language})`, languageAt);
      if (parsed !== undefined) result[language] = parsed;
    }
    for (const language of required) {
      if (!pairOf(node, language)) src.report(at, `${label}: missing translation (${language})`);
    }
    return result;
  };
}

export const localized = (required: readonly ContentLanguage[]): Read<Localized> => localizedOf(required, str);

export const languageList: Read<ContentLanguage[]> = (src, node, label, at) => {
  const items = list(1)(src, node, label, at);
  const seen = new Set<ContentLanguage>();
  for (const item of items ?? []) {
    const value = isScalar(item) ? item.value : undefined;
    if (!isLanguage(value))
      src.report(item, `${label}: unknown language ${describe(item)} (expected ${CONTENT_LANGUAGES.join(", ")})`);
    else if (seen.has(value)) src.report(item, `${label}: duplicate language "${value}"`);
    else seen.add(value);
  }
  return [...seen];
};

/** Reports a repeated id; `what` names the kind of id in the message, `scope` where the ids live. */
export function uniqueIds(src: YamlSource, what: string, scope = "") {
  const firstLines = new Map<string, number>();
  return (id: string, node: Node): boolean => {
    const first = firstLines.get(id);
    if (first !== undefined) {
      src.report(node, `${prefix(scope)}duplicate ${what} "${id}" (first defined at line ${first})`);
      return false;
    }
    firstLines.set(id, src.lineOf(node));
    return true;
  };
}

/** The document's top-level mapping. */
export function rootMap(src: YamlSource): YAMLMap | undefined {
  const root = src.doc.contents;
  if (root === null || isNullScalar(root)) {
    src.report(undefined, "file is empty");
    return undefined;
  }
  return asMap(src, root, "the file", "a mapping of keys");
}

/**
 * Reads a list of mappings (`key` of `map`), calling `readEntry` with the entry and a scope for messages
 * (`kind "id"` when the entry has a usable id, `kind #n` otherwise). Entries whose ids repeat are skipped.
 */
export function readEntries<T>(
  src: YamlSource,
  map: YAMLMap,
  key: string,
  scope: string,
  kind: string,
  min: number,
  readEntry: (entry: YAMLMap, scope: string, id: string | undefined) => T | undefined,
  idReader: Read<string> = kebabId,
): T[] {
  const unique = uniqueIds(src, `${kind} id`, scope);
  const entries = read(src, map, key, scope, list(min)) ?? [];
  return entries.flatMap((node, index) => {
    const position = `${scope ? `${scope} ` : ""}${kind} #${index + 1}`;
    const entry = asMap(src, node, position);
    if (!entry) return [];
    const id = read(src, entry, "id", position, idReader);
    if (id !== undefined && !unique(id, valueNode(src, entry, "id"))) return [];
    const entryScope = id === undefined ? position : `${scope ? `${scope} ` : ""}${kind} "${id}"`;
    return readEntry(entry, entryScope, id) ?? [];
  });
}

