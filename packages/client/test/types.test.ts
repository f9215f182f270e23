// Runs tsc on test/types/, whose @ts-expect-error lines encode what must not compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const tscBin = require.resolve('typescript/bin/tsc', { paths: [packageDir] });

function tsc(project: string) {
  return spawnSync(process.execPath, [tscBin, '-p', project, '--pretty', 'false'], { encoding: 'utf8' });
}

describe('generated types', () => {
  test('the type contract in test/types compiles', () => {
    const result = tsc(join(packageDir, 'test', 'types'));
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('without the @ts-expect-error markers, exactly the marked lines fail to compile', () => {
    // Proves each marker sits on a real error (and not, say, on a line tsc ignores).
    const source = readFileSync(join(packageDir, 'test', 'types', 'batch-run-result.ts'), 'utf8');
    const markedLines = source
      .split('\n')
      .map((line, index) => (/^\s*\/\/ @ts-expect-error/.test(line) ? index + 2 : 0))
      .filter(Boolean);
    const dir = mkdtempSync(join(packageDir, 'test', 'types', '.unmarked-'));
    try {
      writeFileSync(join(dir, 'batch-run-result.ts'), source.replace(/@ts-expect-error/g, 'expected error:').replace("'../../src/index.js'", "'../../../src/index.js'"));
      cpSync(join(packageDir, 'test', 'types', 'tsconfig.json'), join(dir, 'tsconfig.json'));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        readFileSync(join(dir, 'tsconfig.json'), 'utf8').replace('../../../../tsconfig.base.json', '../../../../../tsconfig.base.json'),
      );
      const result = tsc(dir);
      const errorLines = [...result.stdout.matchAll(/batch-run-result\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1]));
      expect(result.status).not.toBe(0);
      expect([...new Set(errorLines)].sort((a, b) => a - b)).toEqual(markedLines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
