// Compiling a package to dist/esm + dist/cjs (both with .d.ts), shared by the generated packages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function tsc(packageDir, project, outDir) {
  const require = createRequire(join(packageDir, 'package.json'));
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project, '--outDir', outDir], {
    cwd: packageDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`tsc -p ${project} failed`);
}

/** Compiles src/ with tsconfig.build.json (ESM) and tsconfig.build.cjs.json (CommonJS) into stagingDir/dist. */
export function compileEsmAndCjs(packageDir, stagingDir) {
  tsc(packageDir, 'tsconfig.build.json', join(stagingDir, 'dist', 'esm'));
  tsc(packageDir, 'tsconfig.build.cjs.json', join(stagingDir, 'dist', 'cjs'));
  // dist/cjs holds CommonJS files although the package is "type": "module".
  writeFileSync(join(stagingDir, 'dist', 'cjs', 'package.json'), '{\n  "type": "commonjs"\n}\n');
}

/** Replaces `target` with `source` (a folder), keeping the old one until the new one is in place. */
export function replaceFolder(source, target) {
  const parent = join(target, '..');
  const aside = existsSync(target) ? mkdtempSync(join(parent, '.old-')) : null;
  if (aside) renameSync(target, join(aside, 'old'));
  renameSync(source, target);
  if (aside) rmSync(aside, { recursive: true, force: true });
}
