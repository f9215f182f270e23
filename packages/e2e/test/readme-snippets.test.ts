// Every TypeScript example in the READMEs that imports one of our packages compiles, strict, against the
// built packages, as a user's project would (ESM, NodeNext resolution).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const READMES = ['README.md', 'packages/client/README.md', 'packages/sdk/README.md', 'packages/simulator/README.md', 'packages/signer/README.md'];

const snippets = READMES.flatMap((readme) =>
  [...readFileSync(join(repoRoot, readme), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match, index) => ({ name: `${readme}#${index + 1}`, code: match[1]! }))
    .filter((snippet) => /from '@codearts-pipeline\/(client|sdk)'/.test(snippet.code)),
);

test('the READMEs have TypeScript examples of the client and the SDK', () => {
  expect(snippets.map((s) => s.name)).toEqual(expect.arrayContaining(['README.md#1', 'README.md#2', 'packages/client/README.md#1', 'packages/sdk/README.md#1']));
});

test.each(snippets.map((s) => [s.name, s.code]))('%s compiles', (name, code) => {
  const dir = mkdtempSync(join(__dirname, '.readme-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(dir, 'snippet.ts'), `${code}\nexport {};\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'], skipLibCheck: false },
        files: ['snippet.ts'],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
    expect(`${name}\n${run.stdout}${run.stderr}`).toBe(`${name}\n`);
    expect(run.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
