// One YAML file of the curriculum: its data (validated with the Zod schemas of schema.ts) and the way back from a path
// in that data to a line of the file, so every problem comes out as `file:line: message`.
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { isLanguage, isRecord, kebabId, text } from "./schema";
import type { ContentProblem } from "./types";

export type Problems = ContentProblem[];
export type Path = ReadonlyArray<string | number>;

/** How messages name the entries of a file's lists: `item "q-001"`, or `item #3` when the entry has no id. */
export type Naming = {
  /** Entry kind per list, keyed by the list's path without indices: "items", "items.options". */
  entries: Readonly<Record<string, string>>;
  /** Lists whose ids may be any text (ids are kebab-case otherwise): only a valid id names an entry. */
  textIds?: readonly string[];
  /** Words added after an entry's name for one of its keys (an exam item's type, for its type's own keys). */
  qualify?: (list: string, entry: Record<string, unknown>, key: string) => string;
};

const NO_NAMING: Naming = { entries: {} };

/** `label message`, or `label: message` unless the message says what the value must be or has. */
export function phrase(label: string, message: string): string {
  const predicate = /^(must|has) /.test(message);
  if (!label) return predicate ? `the file ${message}` : message;
  return predicate ? `${label} ${message}` : `${label}: ${message}`;
}

const spaced = (a: string, b: string) => (a ? `${a} ${b}` : b);

export class YamlFile {
  readonly data: unknown;
  /** Entries left out of further checks (repeated ids): problems inside them would only be noise. */
  private readonly skipped: Path[] = [];

  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    /** Lines of the file before the YAML text (the opening `---` of a lesson's front-matter). */
    private readonly lineOffset: number,
    private readonly problems: Problems,
    private readonly naming: Naming,
  ) {
    this.data = doc.toJS();
  }

  valueAt(at: Path): unknown {
    let value = this.data;
    for (const segment of at) {
      if (typeof segment === "number") value = Array.isArray(value) ? value[segment] : undefined;
      else value = isRecord(value) ? value[segment] : undefined;
    }
    return value;
  }

  /** The list at a path (empty when there is none: its schema reports that). */
  list(at: Path): unknown[] {
    const value = this.valueAt(at);
    return Array.isArray(value) ? value : [];
  }

  /**
   * The line of a path: its key's line for a value in a mapping ("title: missing translation" belongs to `title:`),
   * its own line otherwise. A path below the last node (a missing key) falls back to the nearest node above it.
   */
  lineOf(at: Path, of: "key" | "node" = "key"): number {
    for (let depth = at.length; depth >= 0; depth--) {
      const prefix = at.slice(0, depth);
      const parent = depth > 0 && of === "key" ? this.doc.getIn(prefix.slice(0, -1), true) : undefined;
      const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === prefix.at(-1)) : undefined;
      const node = pair ? pair.key : this.doc.getIn(prefix, true);
      if (isNode(node) && node.range) return this.lineCounter.linePos(node.range[0]).line + this.lineOffset;
    }
    return 1 + this.lineOffset;
  }

  report(at: Path, message: string, of: "key" | "node" = "key"): void {
    this.problems.push({ file: this.file, line: this.lineOf(at, of), message });
  }

  /**
   * How messages name the value at a path (`label`: `item "q-001" (single) options`) and the mapping it belongs to,
   * with the key's qualifier (`scope`: `item "q-001" (single)`).
   */
  names(at: Path): { scope: string; label: string } {
    let value = this.data;
    let scope = "";
    let label = "";
    let entry = ""; // the innermost entry's name: entries of a nested list are named after it
    let atEntry = true; // whether `value` is the root or an entry of a list, whose keys extend `entry`
    const keys: string[] = [];
    for (const segment of at) {
      const parent = value;
      if (typeof segment === "number") {
        value = Array.isArray(parent) ? parent[segment] : undefined;
        const list = keys.join(".");
        const kind = this.naming.entries[list];
        const idSchema = this.naming.textIds?.includes(list) ? text : kebabId;
        const id = idSchema.safeParse(isRecord(value) ? value.id : undefined).data;
        scope = kind ? entry : label;
        label = kind ? spaced(entry, id ? `${kind} "${id}"` : `${kind} #${segment + 1}`) : `${label}[${segment + 1}]`;
        if (kind) entry = label;
        atEntry = kind !== undefined;
      } else {
        value = isRecord(parent) ? parent[segment] : undefined;
        if (isLanguage(segment)) {
          // A translation in a localized map: `title (fr)`.
          scope = label;
          label = `${label} (${segment})`;
        } else {
          const qualifier = atEntry && isRecord(parent) ? (this.naming.qualify?.(keys.join("."), parent, segment) ?? "") : "";
          scope = label + qualifier;
          label = spaced(scope, segment);
          if (atEntry) entry = scope;
          keys.push(segment);
        }
        atEntry = false;
      }
    }
    return { scope, label };
  }

  /** Validates the file's data with its schema and reports each issue (but none inside a skipped entry). */
  check(schema: z.ZodType): void {
    if (this.data === null || this.data === undefined) {
      this.report([], "file is empty");
      return;
    }
    for (const issue of z.safeParse(schema, this.data).error?.issues ?? []) {
      const at = issue.path.filter((segment) => typeof segment !== "symbol");
      if (!this.isSkipped(at)) this.reportIssue(issue, at);
    }
  }

  private isSkipped(at: Path): boolean {
    return this.skipped.some((skip) => skip.every((segment, index) => at[index] === segment));
  }

  private reportIssue(issue: z.core.$ZodIssue, at: Path): void {
    if (issue.code === "unrecognized_keys") {
      const { label } = this.names(at);
      for (const key of issue.keys) this.report([...at, key], phrase(label, issue.message.replace("%s", JSON.stringify(key))));
      return;
    }
    const key = at.at(-1);
    const owner = at.slice(0, -1);
    const map = this.valueAt(owner);
    if (typeof key === "string" && isRecord(map) && !(key in map)) {
      // Reported at the mapping that lacks the key.
      this.report(owner, phrase(this.names(at).scope, `missing required key "${key}"`), "node");
    } else if (typeof key === "string" && isRecord(map) && map[key] === null) {
      this.report(at, `${this.names(at).label} has no value`);
    } else {
      const namesList = issue.code === "custom" && issue.params?.namesList === true;
      this.report(at, phrase(this.names(namesList ? owner : at).label, issue.message));
    }
  }

  /** The entries of a list with their paths, without those left out (repeated ids). */
  entries(list: Path): Array<{ value: unknown; at: Path }> {
    return this.list(list).flatMap((value, index) => (this.isSkipped([...list, index]) ? [] : [{ value, at: [...list, index] }]));
  }

  /**
   * Reports each id of the lists seen earlier in them, at its line, as `message(id) (first defined at line n)`, and
   * leaves that entry out of further checks. `idKey` names the id in each entry; without it the items are the ids.
   * Called before `check`, so that problems inside the repeated entries are not reported.
   */
  repeats(lists: Path[], message: (id: string) => string, idKey?: string): void {
    const firstLines = new Map<string, number>();
    for (const { at } of lists.flatMap((list) => this.entries(list))) {
      const idPath = idKey === undefined ? at : [...at, idKey];
      const id = this.valueAt(idPath);
      if (typeof id !== "string" && typeof id !== "number") continue;
      const first = firstLines.get(String(id));
      if (first === undefined) firstLines.set(String(id), this.lineOf(idPath));
      else {
        this.report(idPath, `${message(String(id))} (first defined at line ${first})`);
        this.skipped.push(at);
      }
    }
  }

  /**
   * Ids are unique within each list of entries the naming declares (outer lists first): `item "q-002" (multiple):
   * duplicate option id "a" (first defined at line 43)`.
   */
  repeatedIds(): void {
    for (const [list, kind] of Object.entries(this.naming.entries)) {
      // The concrete lists: "items.options" is ["items", i, "options"] for each item i.
      let lists: Path[] = [[]];
      list.split(".").forEach((key, depth, keys) => {
        lists = lists.map((at) => [...at, key]);
        const isEntries = depth < keys.length - 1 && this.naming.entries[keys.slice(0, depth + 1).join(".")];
        if (isEntries) lists = lists.flatMap((at) => this.entries(at).map((entry) => entry.at));
      });
      for (const at of lists) this.repeats([at], (id) => phrase(this.names(at).scope, `duplicate ${kind} id "${id}"`), "id");
    }
  }
}

/**
 * Parses YAML text; a syntax error is reported (only the first: the parser's later ones mostly follow from it), and
 * so are repeated ids.
 */
export function parseYaml(file: string, text: string, problems: Problems, naming = NO_NAMING, lineOffset = 0) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = Math.max(lineCounter.linePos(error.pos[0]).line, 1) + lineOffset;
    problems.push({ file, line, message: `YAML syntax error: ${error.message}` });
    return undefined;
  }
  const yaml = new YamlFile(file, doc, lineCounter, lineOffset, problems, naming);
  yaml.repeatedIds();
  return yaml;
}

/** Reads and parses a YAML file; reports it when missing (unless optional) or unparseable. */
export async function loadYamlFile(
  contentDir: string,
  file: string,
  problems: Problems,
  { naming = NO_NAMING, optional = false }: { naming?: Naming; optional?: boolean } = {},
) {
  const text = await readText(path.join(contentDir, file));
  if (text === undefined) {
    if (!optional) problems.push({ file, line: 1, message: "file is missing" });
    return undefined;
  }
  return parseYaml(file, stripBom(text), problems, naming);
}

export const stripBom = (text: string) => text.replace(/^\uFEFF/, "");

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

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}
