// Zod building blocks for the curriculum files (content/FORMAT.md). Each one words its problem the way content:check
// always has ("must be an integer from 1 to 100 (got 0)"); yaml-file.ts puts the value's label and line in front.
import { z } from "zod";
import { CONTENT_LANGUAGES, type ContentLanguage } from "./types";

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isLanguage(value: unknown): value is ContentLanguage {
  return typeof value === "string" && (CONTENT_LANGUAGES as readonly string[]).includes(value);
}

/** A value as messages show it after "got". */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return "a mapping";
  return JSON.stringify(value) ?? String(value);
}

/** The `error` option saying what a value must be; the same text whether the type or the range is wrong. */
export const must = (expected: string) => ({
  error: (issue: { input?: unknown }) => `must be ${expected} (got ${describe(issue.input)})`,
});

/** Custom issues about one entry of a plain list that name the list: `skills: unknown skill "x"`, not `skills[2]: …`. */
export const NAMES_LIST = { namesList: true };

/** For a check that only makes sense on a value that passed the checks before it: one problem per value. */
export const ifValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const text = z
  .string(must("a non-empty string"))
  .refine((value) => value.trim() !== "", must("a non-empty string"));

export const kebabId = text.refine((value) => KEBAB_ID.test(value), { ...must("a kebab-case id"), ...ifValid });

export function int(min: number, max = Number.POSITIVE_INFINITY) {
  const expected = must(Number.isFinite(max) ? `an integer from ${min} to ${max}` : `an integer of at least ${min}`);
  return z.number(expected).refine((value) => Number.isInteger(value) && value >= min && value <= max, expected);
}

/** A finite number (zod refuses NaN and Infinity), optionally bounded below; `exclusive`: strictly greater. */
export function num(bound?: { min: number; exclusive: boolean }) {
  const expected = must(
    !bound ? "a number" : bound.exclusive ? `a number greater than ${bound.min}` : `a number of at least ${bound.min}`,
  );
  return z.number(expected).refine((value) => !bound || (bound.exclusive ? value > bound.min : value >= bound.min), expected);
}

export const bool = z.boolean(must("true or false"));

export const oneOf = <const T extends readonly string[]>(values: T) => z.enum(values, must(`one of ${values.join(", ")}`));

const isList = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

export function list<T extends z.ZodType>(item: T, min = 0) {
  return z.array(item, must("a list")).min(min, {
    ...isList, // zod would otherwise also measure a string given for a list
    error: (issue) => {
      const count = Array.isArray(issue.input) ? issue.input.length : 0;
      return `must list at least ${min} ${min === 1 ? "entry" : "entries"} (got ${count})`;
    },
  });
}

/** A mapping with exactly these keys; an unknown key is reported with the allowed ones (`%s`: the key, see yaml-file.ts). */
export function mapping<S extends z.core.$ZodLooseShape>(shape: S, what = "a mapping") {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown key %s (allowed: ${allowed})` : must(what).error(issue),
  });
}

/** A file's top-level mapping. */
export const root = <S extends z.core.$ZodLooseShape>(shape: S) => mapping(shape, "a mapping of keys");

/** Mappings told apart by the value of `key` (an exam item's `type`), each a `mapping` with `key: z.literal(…)`. */
export function byKey<const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  key: string,
  values: readonly string[],
  options: T,
) {
  return z.discriminatedUnion(key, options, {
    // An unknown value is the key's problem (zod reports it at the key, with the whole mapping as input).
    error: (issue) =>
      issue.code === "invalid_union"
        ? must(`one of ${values.join(", ")}`).error({ input: isRecord(issue.input) ? issue.input[key] : undefined })
        : must("a mapping").error(issue),
  });
}

/**
 * A map language → value. Languages outside `required` may be present (a course can carry extra translations); each
 * missing required language is one problem, checked even when a given translation is invalid.
 */
export function localizedOf<T extends z.ZodType>(required: readonly ContentLanguage[], value: T) {
  const shape = { fr: value.optional(), ar: value.optional(), en: value.optional() } satisfies Record<
    ContentLanguage,
    z.ZodType
  >;
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown language %s (expected ${CONTENT_LANGUAGES.join(", ")})`
          : must("a map of language → text").error(issue),
    })
    .superRefine(
      (map, ctx) => {
        for (const language of required) {
          if (!(language in map)) ctx.addIssue({ code: "custom", message: `missing translation (${language})`, input: map });
        }
      },
      { when: (payload) => isRecord(payload.value) },
    );
}

export const localized = (required: readonly ContentLanguage[]) => localizedOf(required, text);

/** Ids of things defined in another file (`known` is null when that file could not be read: then nothing is checked). */
export function knownId(known: ReadonlySet<string> | null, what: (id: string) => string, inList = false) {
  return kebabId.refine((id) => !known || known.has(id), {
    error: (issue) => what(String(issue.input)),
    ...ifValid,
    ...(inList ? { params: NAMES_LIST } : {}),
  });
}

export const unknownSkill = (id: string) => `unknown skill "${id}" (not in skills.yaml)`;

/** The skills a course certifies or a lesson teaches: at least one, each in skills.yaml. */
export const skillIds = (known: ReadonlySet<string> | null) =>
  z.array(knownId(known, unknownSkill, true), must("a list")).min(1, { ...isList, error: "must list at least one skill" });

/**
 * The fields of an object that are valid on their own (the others undefined), for building what could be read from a
 * file that has problems: each field is parsed alone with its own schema.
 */
export function fieldsOf<S extends z.core.$ZodLooseShape>(schema: { shape: S }, value: unknown) {
  const record = isRecord(value) ? value : {};
  const fields = Object.entries(schema.shape).map(([key, field]) => [key, z.safeParse(field, record[key]).data]);
  return Object.fromEntries(fields) as { [K in keyof S]?: z.output<S[K]> };
}
