// `npm run content:check [contentDir]`: validates the curriculum (content/FORMAT.md), prints each problem as
// `file:line: message` on stderr and a summary on stdout, and exits 1 when there is any problem.
import path from "node:path";
import { formatProblems, formatSummary } from "../app/modules/catalog/content/check";
import { loadCurriculum } from "../app/modules/catalog/content/load";

const contentDir = path.resolve(process.argv[2] ?? "content");
const { curriculum, problems } = await loadCurriculum(contentDir);
if (problems.length > 0) process.stderr.write(`${formatProblems(problems)}\n`);
process.stdout.write(`${formatSummary(curriculum, problems)}\n`);
process.exitCode = problems.length > 0 ? 1 : 0;
