// The README's code block shows a call of every operation, and it compiles against the built package.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

test('the README shows a call of each operation of the bundle', () => {
  const document = JSON.parse(readFileSync(require.resolve('@codearts-pipeline/openapi/openapi.json', { paths: [packageDir] }), 'utf8'));
  const operationIds: string[] = Object.values<any>(document.paths).flatMap((item) =>
    ['get', 'put', 'post', 'delete', 'patch'].filter((m) => item[m]).map((m) => item[m].operationId),
  );
  expect(operationIds.length).toBeGreaterThan(0);
  for (const id of operationIds) expect(snippet).toContain(`api.${id[0]!.toLowerCase()}${id.slice(1)}(`);
});

test('the README code compiles with tsc against the package', () => {
  const dir = mkdtempSync(join(packageDir, 'test', '.readme-'));
  try {
    writeFileSync(join(dir, 'snippet.ts'), `${snippet.replace("from '@codearts-pipeline/sdk'", "from '../../src/index.js'")}\nexport {};\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: ['node'], module: 'NodeNext', target: 'ES2022' }, include: ['snippet.ts'] }),
    );
    const tsc = require.resolve('typescript/bin/tsc', { paths: [packageDir] });
    const run = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
