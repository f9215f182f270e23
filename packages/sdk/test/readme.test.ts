// The README's code blocks show a call of every operation, each in the block of its tag's Api class and
// under a `// OperationId — METHOD /path` comment that matches the document; every block compiles against
// the built package.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

const document = JSON.parse(readFileSync(require.resolve('@codearts-pipeline/openapi/openapi.json', { paths: [packageDir] }), 'utf8'));
const operations: Array<{ operationId: string; method: string; path: string; apiClass: string }> = Object.entries<any>(document.paths).flatMap(([path, item]) =>
  ['get', 'put', 'post', 'delete', 'patch']
    .filter((method) => item[method])
    .map((method) => ({
      operationId: item[method].operationId as string,
      method: method.toUpperCase(),
      path,
      // openapi-generator names the class after the operation's first tag
      apiClass: `${(item[method].tags[0] as string).replace(/[^A-Za-z0-9]/g, '')}Api`,
    })),
);
const call = (operationId: string) => `api.${operationId[0]!.toLowerCase()}${operationId.slice(1)}(`;

test('the README shows a call of each operation of the bundle', () => {
  expect(operations.length).toBeGreaterThan(0);
  for (const { operationId } of operations) expect(snippets.join('\n')).toContain(call(operationId));
});

test('each call is in the block of its Api class, under a comment naming the operation, its method and path', () => {
  for (const { operationId, method, path, apiClass } of operations) {
    const block = snippets.find((snippet) => snippet.includes(`new ${apiClass}(`));
    expect([operationId, block === undefined]).toEqual([operationId, false]);
    const comment = `// ${operationId} — ${method} ${path}`;
    const commentAt = block!.search(new RegExp(`^\\s*${comment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm'));
    const callAt = block!.indexOf(call(operationId));
    expect([operationId, commentAt >= 0, callAt > commentAt]).toEqual([operationId, true, true]);
  }
  // and no comment names an operation the document does not have, or a wrong method or path
  const known = new Set(operations.map(({ operationId, method, path }) => `${operationId} — ${method} ${path}`));
  for (const [, comment] of snippets.join('\n').matchAll(/^\s*\/\/ ([A-Z]\w+ — [A-Z]+ \/\S*)/gm)) expect(known).toContain(comment);
});

test('the README says the legacy /v3 operations are deprecated', () => {
  expect(readme).toMatch(/`\/v3` operations[^.]*deprecated/);
});

test('the README code compiles with tsc against the package', () => {
  expect(snippets.length).toBeGreaterThan(0);
  const dir = mkdtempSync(join(packageDir, 'test', '.readme-'));
  try {
    // one module per block: each block stands alone, as a reader would paste it
    snippets.forEach((snippet, index) =>
      writeFileSync(join(dir, `snippet${index + 1}.ts`), `${snippet.replace("from '@codearts-pipeline/sdk'", "from '../../src/index.js'")}\nexport {};\n`),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: ['node'], module: 'NodeNext', target: 'ES2022' }, include: ['snippet*.ts'] }),
    );
    const tsc = require.resolve('typescript/bin/tsc', { paths: [packageDir] });
    const run = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
