// CSV enrolment benchmark (issue 6): a centre admin uploads a cohort's list of learners.
//
//   npm run bench:enrol -- --rows 1000
//
// It generates a CSV as a Moroccan centre's French Excel writes it (UTF-8 with BOM, semicolons, CRLF, "Nom;Prénom"
// columns) with Arabic-script and French-script names and about 2 % bad rows (invalid e-mails, duplicates, missing
// names), on a fresh database: with DATABASE_URL, a new database maharat_bench_enrol_<random> on that PostgreSQL
// server (dropped at the end); without it, an in-memory embedded PostgreSQL (PGlite). It creates a centre, a cohort
// following the tier-1 courses of content/, and imports through importEnrolment, the function the upload page calls.
// Then, for information: the preview of the same file, a second import of it (which must change nothing), and the
// time the queued e-mails take to go out through the local outbox.
//
// The last line printed is machine-readable (seconds: the import alone, as the admin waits for it):
//   rows=N imported=… rejected=… seconds=…
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchDatabase } from "../setup/database-url";

function parseArgs(argv: string[]) {
  let rows = 1000;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    if (flag !== "--rows") throw new Error(`unknown option ${argv[i]} (use --rows N)`);
    const value = inline ?? argv[++i];
    rows = Number(value);
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows needs a positive whole number, got ${value}`);
  }
  return { rows };
}

// [French-script spelling, Arabic-script spelling], so an address can be made from an Arabic name too.
const FIRST_NAMES: [string, string][] = [
  ["Mohamed", "محمد"], ["Fatima-Zahra", "فاطمة الزهراء"], ["Youssef", "يوسف"], ["Khadija", "خديجة"],
  ["Mohamed Amine", "محمد أمين"], ["Salma", "سلمى"], ["Omar", "عمر"], ["Meryem", "مريم"], ["Hamza", "حمزة"],
  ["Imane", "إيمان"], ["Yassine", "ياسين"], ["Nadia", "نادية"], ["Ayoub", "أيوب"], ["Hajar", "هاجر"],
  ["Abderrahim", "عبد الرحيم"], ["Soukaina", "سكينة"], ["Othmane", "عثمان"], ["Ilham", "إلهام"], ["Zakaria", "زكرياء"],
  ["Loubna", "لبنى"], ["Réda", "رضا"], ["Hélène", "هيلين"], ["Anaïs", "أنائيس"], ["Jérôme", "جيروم"],
];
const LAST_NAMES: [string, string][] = [
  ["El Idrissi", "الإدريسي"], ["Alaoui", "العلوي"], ["Ben Ali", "بن علي"], ["Tazi", "التازي"], ["Bennani", "بناني"],
  ["Benjelloun", "بنجلون"], ["El Fassi", "الفاسي"], ["Berrada", "برادة"], ["Chraïbi", "الشرايبي"], ["Lahlou", "لحلو"],
  ["Ouazzani", "الوزاني"], ["Aït Ben Haddou", "آيت بن حدو"], ["El Mansouri", "المنصوري"], ["Naciri", "الناصري"],
  ["Amrani", "العمراني"], ["Sqalli", "الصقلي"], ["Ziani", "الزياني"], ["Ouahbi", "الوهبي"],
];
const LANGUAGES = ["Français", "fr", "", "العربية", "ar", "", "en", "Arabe", ""];

/** A small seeded PRNG (mulberry32), so every run imports the same file. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")
    .replace(/^-|-$/g, "");

function quote(cell: string) {
  return /[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The CSV, and how many of its rows were made bad on purpose. */
function generateCsv(rows: number) {
  const next = random(rows);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const lines = ["Nom;Prénom;Email;CNE;Langue"];
  const emails: string[] = [];
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const [firstLatin, firstArabic] = pick(FIRST_NAMES);
    const [lastLatin, lastArabic] = pick(LAST_NAMES);
    const arabicScript = next() < 0.4;
    let first = arabicScript ? firstArabic : firstLatin;
    let last = arabicScript ? lastArabic : lastLatin;
    let email = `${ascii(firstLatin)}.${ascii(lastLatin)}.${i}@${pick(["gmail.com", "ofppt-edu.ma", "outlook.fr", "taalim.ma"])}`;
    const cne = `${pick(["J", "R", "G", "D"])}${String(130_000_000 + i * 7).padStart(9, "0")}`;
    if (next() < 0.02) {
      bad++;
      const kind = pick(["email", "duplicate", "name"] as const);
      if (kind === "email") email = pick([`${ascii(firstLatin)}.${ascii(lastLatin)}@`, `${firstLatin} ${lastLatin}@gmail`, "n/a"]);
      else if (kind === "duplicate" && emails.length > 0) email = pick(emails).toUpperCase();
      else {
        first = "";
        last = "";
      }
    }
    emails.push(email);
    lines.push([last, first, email, cne, pick(LANGUAGES)].map(quote).join(";"));
  }
  return { csv: `\uFEFF${lines.join("\r\n")}\r\n`, bad, emails };
}

const fmt = (seconds: number) => seconds.toFixed(2);
const since = (start: number) => (performance.now() - start) / 1000;

async function main() {
  const { rows } = parseArgs(process.argv.slice(2));
  process.env.LOG_LEVEL ??= "warn";
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
  };
  try {
    // A fresh database, migrated.
    let databaseLabel: string;
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const scratch = await createScratchDatabase({ serverUrl, prefix: "maharat_bench_enrol" });
      cleanups.push(async () => {
        // pg's pool.end() resolves before the server has seen every connection go: give it a moment, or the
        // forced drop terminates a pg-boss connection and pg-boss logs it as an error.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await scratch.drop();
      });
      process.env.DATABASE_URL = scratch.url;
      databaseLabel = `PostgreSQL ${new URL(serverUrl).host}, database ${scratch.name}`;
    } else {
      const { startEmbeddedDb } = await import("../../app/lib/embedded-db.server");
      const embedded = await startEmbeddedDb({ dataDir: undefined, maxConnections: 32 });
      cleanups.push(() => embedded.stop());
      process.env.DATABASE_URL = embedded.url;
      databaseLabel = "embedded PGlite (in memory, hosted by the benchmark process)";
    }
    const databaseUrl = process.env.DATABASE_URL;
    const { applyMigrations } = await import("../../app/lib/migrate.server");
    await applyMigrations({ databaseUrl, migrationsDir: path.join(root, "prisma", "migrations") });

    // App modules read DATABASE_URL when they load: import them only now.
    const { disconnectDatabase, prisma } = await import("../../app/lib/db.server");
    cleanups.push(() => disconnectDatabase());
    const { syncContentFromDisk } = await import("../../app/modules/catalog/sync-content.server");
    const { ensureQueue, startJobWorkers } = await import("../../app/lib/jobs.server");
    const { enrolmentEmailJob, importEnrolment, previewEnrolment } = await import(
      "../../app/modules/cohorts/enrolment.server"
    );

    console.log(`database: ${databaseLabel}`);
    const synced = await syncContentFromDisk({ prisma });
    if (!synced.ok) throw new Error(`content/ has problems: ${synced.message}`);
    const courses = await prisma.course.findMany({ where: { tier: 1, archivedAt: null }, select: { id: true }, orderBy: { position: "asc" } });
    const suffix = crypto.randomBytes(3).toString("hex");
    const centre = await prisma.organisation.create({
      data: { kind: "TRAINING_CENTRE", name: "ISTA NTIC Casablanca", slug: `ista-ntic-casablanca-${suffix}`, city: "Casablanca" },
      select: { id: true },
    });
    const admin = await prisma.user.create({
      data: { email: `admin-${suffix}@ista.ma`, name: "Admin du centre", passwordHash: "", memberships: { create: { organisationId: centre.id, role: "ADMIN" } } },
      select: { id: true },
    });
    const cohort = await prisma.cohort.create({
      data: {
        organisationId: centre.id,
        name: "Développement digital — 2026/2027",
        courses: { create: courses.map((c, i) => ({ courseId: c.id, position: i + 1 })) },
      },
      select: { id: true },
    });
    const { csv, bad, emails } = generateCsv(rows);
    // One learner in twenty already has an account (signed up on their own), as in real cohorts.
    const existing = emails.filter((email, i) => i % 20 === 7 && /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(email));
    await prisma.user.createMany({
      data: existing.map((email) => ({ email: email.toLowerCase(), name: "Compte existant", passwordHash: "not-a-real-hash" })),
      skipDuplicates: true,
    });
    console.log(`CSV: ${rows} rows (${bad} made bad on purpose), ${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB, cohort of ${courses.length} courses`);
    // pg-boss creates its schema on first use in a process; done before the clock starts, as a running server has.
    await ensureQueue(enrolmentEmailJob);

    const origin = "https://maharat.example.ma";
    let started = performance.now();
    const preview = await previewEnrolment({ cohortId: cohort.id, csv });
    const previewSeconds = since(started);
    console.log(
      `preview: ${fmt(previewSeconds)} s — new ${preview.counts.new_account}, existing ${preview.counts.existing_account}, ` +
        `already enrolled ${preview.counts.already_enrolled}, invalid ${preview.counts.invalid}`,
    );

    started = performance.now();
    const result = await importEnrolment({ cohortId: cohort.id, csv, actorId: admin.id, origin });
    const importSeconds = since(started);
    console.log(
      `import: ${fmt(importSeconds)} s — ${result.created} accounts created, ${result.enrolled} enrolled, ` +
        `${result.alreadyEnrolled} already enrolled, ${result.rejected} rejected`,
    );

    const [members, enrolments] = await Promise.all([
      prisma.cohortMember.count({ where: { cohortId: cohort.id, role: "LEARNER" } }),
      prisma.enrolment.count(),
    ]);
    if (members !== result.enrolled || enrolments !== result.enrolled * courses.length) {
      throw new Error(`the database disagrees with the result: ${members} members, ${enrolments} enrolments`);
    }

    started = performance.now();
    const again = await importEnrolment({ cohortId: cohort.id, csv, actorId: admin.id, origin });
    console.log(`same file again: ${fmt(since(started))} s — ${again.created} created, ${again.enrolled} enrolled (both must be 0)`);
    if (again.created !== 0 || again.enrolled !== 0) throw new Error("the second import changed something");

    // The e-mails, sent by the queue's worker as in the server's primary process (local outbox, no SMTP).
    started = performance.now();
    const worker = await startJobWorkers([{ ...enrolmentEmailJob, pollingIntervalSeconds: 0.5 }]);
    cleanups.push(() => worker.stop());
    const deadline = Date.now() + 300_000;
    while ((await prisma.outboxEmail.count()) < result.enrolled) {
      if (Date.now() > deadline) throw new Error("the e-mails did not go out within 5 minutes");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`e-mails: ${result.enrolled} sent through the outbox by the worker in ${fmt(since(started))} s (after the import returned)`);

    console.log(`rows=${rows} imported=${result.enrolled} rejected=${result.rejected} seconds=${fmt(importSeconds)}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
