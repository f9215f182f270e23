#!/usr/bin/env node
// Lints spec/ and bundles it into dist/openapi.{yaml,json}.
// Both files are written to a staging folder and renamed into place only when lint and both bundles
// have succeeded, so a broken spec never leaves a half-written bundle or a mix of old and new files.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRedocly } from '../../../scripts/lib/redocly.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(packageDir, 'dist');
const API = 'codearts-pipeline@v5';

function step(description, args) {
  process.stderr.write(`openapi: ${description}\n`);
  const { status } = runRedocly(args, { fromDir: packageDir, echo: true });
  if (status !== 0) throw new Error(`${description} failed (exit ${status}); dist/ was left untouched.`);
}

const stagingDir = mkdtempSync(join(packageDir, '.bundle-'));
try {
  step('linting spec/ (redocly.yaml policy)', ['lint', API, '--format', 'stylish']);
  step('bundling to YAML', ['bundle', API, '-o', join(stagingDir, 'openapi.yaml')]);
  step('bundling to JSON', ['bundle', API, '-o', join(stagingDir, 'openapi.json'), '--ext', 'json']);
  mkdirSync(distDir, { recursive: true });
  for (const file of ['openapi.yaml', 'openapi.json']) renameSync(join(stagingDir, file), join(distDir, file));
  process.stderr.write('openapi: wrote dist/openapi.yaml and dist/openapi.json\n');
} catch (error) {
  process.stderr.write(`openapi: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(stagingDir, { recursive: true, force: true });
}
