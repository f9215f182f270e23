#!/usr/bin/env node
// `pnpm test` in a package: runs jest there and keeps a machine-readable result in reports/jest.json,
// which scripts/test.sh adds up into the suite's closing "N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const packageDir = process.cwd();
const require = createRequire(join(packageDir, 'package.json'));
const jestBin = require.resolve('jest/bin/jest');
mkdirSync(join(packageDir, 'reports'), { recursive: true });
const result = spawnSync(
  process.execPath,
  [jestBin, '--ci', '--json', '--outputFile', join(packageDir, 'reports', 'jest.json'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: packageDir },
);
process.exit(result.status ?? 1);
