#!/usr/bin/env node
// Adds up packages/*/reports/jest.json into one closing line: "N passed, N failed, N skipped".
// A package whose tests did not produce a report counts as a failure: nothing passes silently.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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
  console.log(`${name.padEnd(12)} ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped`);
}
for (const name of missing) console.log(`${name.padEnd(12)} no test report (its tests did not run)`);
console.log(`\n${passed} passed, ${failed + missing.length} failed, ${skipped} skipped`);
process.exit(failed + missing.length + skipped > 0 ? 1 : 0);
