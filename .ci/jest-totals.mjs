// Sums the jest results every package wrote (jest-results.json) into
// `.ci/results/<run>.json`, or, with --print, prints the totals of all runs
// as the one line CI reads: "N passed, N failed".
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.ci/results');
const [command, run] = process.argv.slice(2);

async function packageResultFiles() {
  const files = [];
  for (const parent of ['.', 'packages', 'subgraphs']) {
    for (const entry of await readdir(join(root, parent), { withFileTypes: true })) {
      const file = join(root, parent, entry.name, 'jest-results.json');
      if (entry.isDirectory() && entry.name !== 'node_modules' && existsSync(file)) files.push(file);
    }
  }
  return files;
}

if (command === '--collect') {
  const totals = { passed: 0, failed: 0, suitesFailed: 0, packages: 0 };
  for (const file of await packageResultFiles()) {
    const result = JSON.parse(await readFile(file, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.suitesFailed += result.numRuntimeErrorTestSuites;
    totals.packages += 1;
  }
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, `${run}.json`), JSON.stringify(totals));
  console.log(`${run}: ${totals.passed} passed, ${totals.failed} failed (${totals.packages} packages)`);
} else if (command === '--print') {
  let passed = 0;
  let failed = 0;
  for (const file of existsSync(resultsDir) ? await readdir(resultsDir) : []) {
    const totals = JSON.parse(await readFile(join(resultsDir, file), 'utf8'));
    passed += totals.passed;
    // A suite that could not run counts as a failure, so it cannot pass unnoticed.
    failed += totals.failed + totals.suitesFailed;
  }
  console.log(`${passed} passed, ${failed} failed`);
} else {
  console.error('usage: jest-totals.mjs --collect <run> | --print');
  process.exit(2);
}
