#!/usr/bin/env node
// `pnpm test` in a package: type-checks it, runs jest there and keeps a machine-readable result in
// reports/jest.json, which scripts/test.sh adds up into the suite's closing "N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const packageDir = process.cwd();
const require = createRequire(join(packageDir, 'package.json'));
const jestBin = require.resolve('jest/bin/jest');
mkdirSync(join(packageDir, 'reports'), { recursive: true });

// ts-jest only transpiles (isolatedModules): type-check sources and tests first, with tsconfig.json.
if (existsSync(join(packageDir, 'tsconfig.json'))) {
  const typecheck = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], {
    stdio: 'inherit',
    cwd: packageDir,
  });
  if (typecheck.status !== 0) {
    process.stderr.write('jest.mjs: type errors (above); tests not run\n');
    process.exit(typecheck.status ?? 1);
  }
}
const result = spawnSync(
  process.execPath,
  [jestBin, '--ci', '--json', '--outputFile', join(packageDir, 'reports', 'jest.json'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: packageDir },
);
process.exit(result.status ?? 1);
