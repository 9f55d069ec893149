// `npm run content:check [contentDir] [--banks dir]`: validates the curriculum (content/FORMAT.md), prints each problem as
// `file:line: message` on stderr and a summary on stdout, and exits 1 when there is any problem.
import path from "node:path";
import { formatProblems, formatSummary } from "../app/modules/catalog/content/check";
import { loadCurriculum } from "../app/modules/catalog/content/load";

// Private exam banks (README "Private exam banks") are checked the same way: EXAM_BANKS_DIR, or --banks <dir>.
const args = process.argv.slice(2);
const banksFlag = args.indexOf("--banks");
const examBanksDir = banksFlag >= 0 ? args[banksFlag + 1] : process.env.EXAM_BANKS_DIR;
const positional = args.filter((_, index) => banksFlag < 0 || (index !== banksFlag && index !== banksFlag + 1));
const contentDir = path.resolve(positional[0] ?? "content");
const { curriculum, problems } = await loadCurriculum(contentDir, { examBanksDir });
if (problems.length > 0) process.stderr.write(`${formatProblems(problems)}\n`);
process.stdout.write(`${formatSummary(curriculum, problems)}\n`);
process.exitCode = problems.length > 0 ? 1 : 0;
