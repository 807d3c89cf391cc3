// Sums the jest results every package wrote (jest-results.json) into
// `.ci/results/<run>.json`, or, with --print, prints the totals of all runs
// as the one line CI reads: "N passed, N failed".
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.ci/results');
const [command, run] = process.argv.slice(2);

/** Every workspace's jest-results.json (workspaces as package.json lists them: folders, or `folder/*`). */
async function packageResultFiles() {
  const { workspaces } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const folders = [];
  for (const workspace of workspaces) {
    if (!workspace.endsWith('/*')) folders.push(workspace);
    else {
      const parent = workspace.slice(0, -2);
      for (const entry of await readdir(join(root, parent), { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'node_modules') folders.push(join(parent, entry.name));
      }
    }
  }
  return folders.map((folder) => join(root, folder, 'jest-results.json')).filter((file) => existsSync(file));
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
