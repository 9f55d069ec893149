// Every route in app/routes, as every kind of account, with generated bad input (fast-check): missing, duplicated and
// oversized fields, wrong types, NUL bytes, lone surrogates, right-to-left overrides, unknown intents, other users'
// ids, JSON, text and broken multipart bodies sent to forms. Any 5xx fails the test and is listed with the request
// that caused it (a fixed seed keeps runs reproducible), and so does losing the exam answer a learner saved before.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Role } from "~/modules/accounts/roles";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { saveResponses, startAttempt } from "~/modules/exams/attempts.server";
import { makeCurriculum } from "../curriculum";
import { createOrganisation, createUser, sessionCookieHeader } from "../factories";
import { useTestServer } from "../setup/test-server";

const server = useTestServer();

const routesDir = path.resolve("app/routes");
const routeFiles = fs.readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file));

/** A Remix flat-route file name as a URL pattern with `:param` segments ("courses.$courseId._index.tsx" → "/courses/:courseId"). */
function patternOf(file: string) {
  const name = file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000");
  const segments = name
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => (segment === "$" ? ":splat" : segment.startsWith("$") ? `:${segment.slice(1)}` : segment.replace(/_$/, "")))
    .filter((segment) => !segment.startsWith("_"));
  return `/${segments.join("/")}`.replace(/\u0000/g, ".");
}

/** Field names a route reads: form.get("x"), name="x", and schema keys, so generated posts reach real code. */
function fieldsOf(file: string) {
  const source = fs.readFileSync(path.join(routesDir, file), "utf8");
  const names = new Set<string>(["intent", "redirectTo", "id"]);
  for (const match of source.matchAll(/(?:form(?:Data)?\.get(?:All)?\(|name=)["'`]([A-Za-z][\w.-]{0,40})["'`]/g)) names.add(match[1]);
  return { names: [...names], hasAction: /export async function action/.test(source) };
}

const routes = routeFiles.map((file) => ({ file, pattern: patternOf(file), ...fieldsOf(file) }));

const nasty = fc.oneof(
  fc.constantFrom("", " ", "0", "-1", "1e309", "NaN", "null", "[]", "{}", "true", "..", "../../etc/passwd", "%", "%ZZ", "\u202Eevil\u202C", "\uD800", "\uDFFF", "a\u0000b", "ذكاء", "x".repeat(100_000), "/\t/evil.example", "https://evil.example"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/** A saved exam answer the fuzzing must leave as it is. */
const SAVED_ANSWER = { text: "réponse enregistrée avant le fuzz" };

type Cast = { cookies: Record<string, string | undefined>; params: Record<string, string[]>; attemptId: string };

async function makeCast(): Promise<Cast> {
  await syncCurriculum({ prisma, curriculum: makeCurriculum() });
  const centre = await createOrganisation({ kind: "TRAINING_CENTRE", name: "Centre A" });
  const employer = await createOrganisation({ kind: "EMPLOYER", name: "Employeur B" });
  const cookies: Record<string, string | undefined> = { anonymous: undefined };
  const ids: string[] = [];
  for (const role of ["LEARNER", "INSTRUCTOR", "CENTRE_ADMIN", "EMPLOYER", "PLATFORM_ADMIN"] satisfies Role[]) {
    const user = await createUser({ role, centreId: centre.id, employerId: employer.id });
    ids.push(user.id);
    cookies[role] = await sessionCookieHeader(user.id);
  }
  // The learner has an exam in progress with a saved answer: no bad request, by anyone, may lose it.
  const { attemptId } = await startAttempt({ courseId: "t1-course", userId: ids[0], language: "fr" });
  const { itemIds } = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemIds: true } });
  await saveResponses({ attemptId, userId: ids[0], responses: { [itemIds[0]]: SAVED_ANSWER } });
  const known = ["t1-course", "t2-course", "l1", centre.slug, centre.id, employer.id, attemptId, ...ids, "00000000-0000-4000-8000-000000000000"];
  return { cookies, params: { known }, attemptId };
}

function urlFor(pattern: string, values: string[]) {
  let index = 0;
  return pattern.replace(/:[A-Za-z]+/g, () => encodeURIComponent(values[index++ % values.length] ?? "x"));
}

const bodyKinds = ["urlencoded", "multipart", "json", "text", "broken-multipart", "none"] as const;

async function send({ url, method, cookie, kind, fields }: { url: string; method: string; cookie?: string; kind: (typeof bodyKinds)[number]; fields: Array<[string, string]> }) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  let body: BodyInit | undefined;
  if (method === "POST") {
    if (kind === "urlencoded") body = new URLSearchParams(fields);
    else if (kind === "multipart") {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      body = form;
    } else if (kind === "json") {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(Object.fromEntries(fields));
    } else if (kind === "text") {
      headers.set("Content-Type", "text/plain");
      body = fields.map(([name, value]) => `${name}=${value}`).join("\n");
    } else if (kind === "broken-multipart") {
      headers.set("Content-Type", "multipart/form-data; boundary=zz");
      body = `--zz\r\nContent-Disposition: form-data; name="${fields[0]?.[0] ?? "x"}"\r\n\r\nno end`;
    }
  }
  const res = await server.request(url, { method, headers, body });
  await res.arrayBuffer();
  return res.status;
}

describe("route fuzz: no input gives a 5xx", () => {
  for (const actor of ["anonymous", "LEARNER", "INSTRUCTOR", "CENTRE_ADMIN", "EMPLOYER", "PLATFORM_ADMIN"]) {
    it(`every route, as ${actor}`, async () => {
      const cast = await makeCast();
      const cookie = cast.cookies[actor];
      const failures: string[] = [];
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.oneof(fc.constantFrom(...cast.params.known), nasty), { minLength: 1, maxLength: 3 }),
            fc.constantFrom(...(route.hasAction ? (["GET", "POST", "POST", "POST"] as const) : (["GET", "POST"] as const))),
            fc.constantFrom(...bodyKinds),
            fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.names), fc.string({ maxLength: 8 })), fc.oneof(nasty, fc.constantFrom(...cast.params.known))), { maxLength: 8 }),
            fc.array(fc.tuple(fc.constantFrom("q", "lng", "id", "redirectTo", "cohort", "page", "status"), nasty), { maxLength: 3 }),
            async (values, method, kind, fields, query) => {
              const search = new URLSearchParams(query).toString();
              const url = `${urlFor(route.pattern, values)}${search ? `?${search}` : ""}`;
              const status = await send({ url, method, cookie, kind, fields });
              if (status >= 500) failures.push(`${status} ${method} ${url} (${kind}) ${JSON.stringify(fields).slice(0, 300)}`);
              return status < 500;
            },
          ),
          { numRuns: 12, endOnFailure: true, seed: 20261206 },
        ).catch((error: unknown) => {
          // A property failure is already in `failures`; anything else (a network error) is reported too.
          if (failures.length === 0) failures.push(`${route.file}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
        });
      }
      expect(failures).toEqual([]);
      const saved = await prisma.attemptResponse.findMany({ where: { attemptId: cast.attemptId }, select: { response: true } });
      expect(saved.map((row) => row.response)).toContainEqual(SAVED_ANSWER);
    }, 240_000);
  }
});
