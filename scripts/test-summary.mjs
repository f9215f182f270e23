#!/usr/bin/env node
// Adds up packages/*/reports/jest.json into one closing line: "N passed, N failed, N skipped".
// A package whose tests did not produce a report counts as a failure: nothing passes silently.
// Before that, it searches everything the tests printed or reported for the test credentials of
// scripts/test-secrets.json: a secret key, token or security token found anywhere fails the run.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function scanForSecrets() {
  const { token, secretKey, securityToken } = JSON.parse(readFileSync(join(process.cwd(), 'scripts', 'test-secrets.json'), 'utf8'));
  const packages = readdirSync(join(process.cwd(), 'packages'));
  const files = [
    ...filesUnder(join(process.cwd(), 'reports')),
    ...packages.flatMap((name) => [...filesUnder(join('packages', name, 'reports')), ...filesUnder(join('packages', name, '.turbo'))]),
  ].filter((file) => !/\.(png|jpe?g)$/.test(file));
  const leaks = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [name, value] of Object.entries({ token, secretKey, securityToken })) {
      if (text.includes(value)) leaks.push(`${file}: contains the test ${name}`);
    }
  }
  console.log(`credential scan: ${files.length} output files searched, ${leaks.length} leaks${leaks.length ? `:\n  ${leaks.join('\n  ')}` : ''}`);
  return leaks.length;
}
const leaks = scanForSecrets();

const packagesDir = join(process.cwd(), 'packages');
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const name of readdirSync(packagesDir).sort()) {
  const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8'));
  if (!manifest.scripts?.test) continue;
  const report = join(packagesDir, name, 'reports', 'jest.json');
  if (!existsSync(report)) {
    missing.push(name);
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
  skipped += result.numPendingTests + result.numTodoTests;
  const suiteErrors = result.numRuntimeErrorTestSuites ? ` (+${result.numRuntimeErrorTestSuites} suite(s) failed to run)` : '';
  console.log(`${name.padEnd(12)} ${result.numPassedTests} passed, ${result.numFailedTests + result.numRuntimeErrorTestSuites} failed, ${result.numPendingTests} skipped${suiteErrors}`);
}
for (const name of missing) console.log(`${name.padEnd(12)} no test report (its tests did not run)`);
console.log(`\n${passed} passed, ${failed + missing.length + leaks} failed, ${skipped} skipped`);
process.exit(failed + missing.length + skipped + leaks > 0 ? 1 : 0);
