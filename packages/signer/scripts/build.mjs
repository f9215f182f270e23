#!/usr/bin/env node
// Compiles src/ to dist/esm and dist/cjs; staged, swapped in only when both compiled.
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileEsmAndCjs, replaceFolder } from '../../../scripts/lib/compile.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const staging = mkdtempSync(join(packageDir, '.build-'));
try {
  compileEsmAndCjs(packageDir, staging);
  replaceFolder(join(staging, 'dist'), join(packageDir, 'dist'));
  process.stderr.write('signer: wrote dist/esm and dist/cjs\n');
} catch (error) {
  process.stderr.write(`signer: build failed: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
