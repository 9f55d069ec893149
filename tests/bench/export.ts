// `npm run bench:export`: how long the data export (privacy issue, right of access) takes to prepare for a learner
// with 10 exam attempts (20 answers each) and 3 credentials, each as JSON, PNG and PDF. Runs in this process on a
// fresh database (DATABASE_URL's server, else the embedded one), builds the export --runs times (default 3) and
// prints each time, the archive's size, and the median; the last line is machine-readable JSON.
// A benchmark, not a test: the time depends on the machine.
import { startBenchDatabase } from "../setup/bench-database";

const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex > 0 ? Math.max(1, Number(process.argv[runsIndex + 1]) || 3) : 3;
const COURSES = ["ai-foundations", "ai-practitioner", "ai-public-services"];

const db = await startBenchDatabase("maharat_bench_export");
try {
  process.env.DATABASE_URL = db.url;
  process.env.ALLOW_LOOPBACK_CREDENTIAL_IDS = "true";
  const { applyMigrations } = await import("../../app/lib/migrate.server");
  await applyMigrations({ databaseUrl: db.url });
  const { disconnectDatabase, prisma } = await import("../../app/lib/db.server");
  const { syncContentFromDisk } = await import("../../app/modules/catalog/sync-content.server");
  const { issueCredentialForEvent } = await import("../../app/modules/certification/issuer.server");
  const { recordCertification } = await import("../../app/modules/exams/attempts.server");
  const { buildExport, requestExport } = await import("../../app/modules/privacy/export.server");
  await syncContentFromDisk({ prisma });

  const user = await prisma.user.create({ data: { email: "bench.export@example.ma", name: "Nour El Houda Bench", locale: "fr", passwordHash: "!" }, select: { id: true } });
  for (let i = 0; i < 10; i++) {
    const courseId = COURSES[i % COURSES.length];
    const version = await prisma.examVersion.findFirstOrThrow({ where: { courseId, archivedAt: null }, select: { id: true, examSlug: true } });
    const attempt = await prisma.examAttempt.create({
      data: {
        userId: user.id, courseId, examSlug: version.examSlug, examVersionId: version.id, number: Math.floor(i / COURSES.length) + 1, state: "GRADED", language: "fr",
        itemIds: [], displayOrders: {}, deadlineAt: new Date(), submittedAt: new Date(), percent: 80, isPassed: true, gradedAt: new Date(),
      },
      select: { id: true },
    });
    await prisma.attemptResponse.createMany({ data: Array.from({ length: 20 }, (_, n) => ({ attemptId: attempt.id, itemId: `item-${n}`, response: { text: `Réponse ${n} de la tentative ${i}`.repeat(5) } })) });
    if (i < COURSES.length) await recordCertification({ attemptId: attempt.id, userId: user.id, courseId, examSlug: version.examSlug, now: new Date() });
  }
  for (const event of await prisma.certificationEvent.findMany({ where: { userId: user.id }, select: { id: true } })) {
    const issued = await issueCredentialForEvent({ eventId: event.id });
    if (issued.outcome !== "issued") throw new Error(`credential not issued: ${issued.outcome}`);
  }

  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < runs; run++) {
    const { id } = await requestExport({ userId: user.id });
    const started = performance.now();
    await buildExport({ exportId: id });
    times.push(performance.now() - started);
    size = (await prisma.dataExport.findUniqueOrThrow({ where: { id }, select: { sizeBytes: true } })).sizeBytes ?? 0;
    console.log(`run ${run + 1}: ${Math.round(times[run])} ms, ${Math.round(size / 1024)} KiB`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  await disconnectDatabase();
  console.log(JSON.stringify({ database: db.kind, attempts: 10, credentials: COURSES.length, runs, export_ms_median: Math.round(median), export_ms_min: Math.round(sorted[0]), export_ms_max: Math.round(sorted[sorted.length - 1]), archive_kib: Math.round(size / 1024) }));
} finally {
  await db.stop();
}
