// Size budget of the built client (minified + gzip, runtime dependencies included) and its runtime
// dependency list: the figures the README reports.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');

test('the client bundles to at most 8 kB minified + gzip, with only openapi-fetch and the signer', () => {
  const run = spawnSync(process.execPath, ['scripts/size.mjs'], { cwd: packageDir, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const size = JSON.parse(run.stdout) as { minifiedBytes: number; gzipBytes: number; bundled: string[] };
  expect(size.gzipBytes).toBeLessThanOrEqual(8 * 1024);
  expect(size.bundled.sort()).toEqual(['@codearts-pipeline/signer', 'openapi-fetch']);
  process.stdout.write(`client size: ${size.minifiedBytes} B minified, ${size.gzipBytes} B minified + gzip\n`);
});

test('runtime dependencies: openapi-fetch plus the signer, nothing else', () => {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  expect(Object.keys(manifest.dependencies).sort()).toEqual(['@codearts-pipeline/signer', 'openapi-fetch']);
});
