// The command itself (dist/cli.js, what `pnpm bench` runs): options, exit codes, the files it writes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(__dirname, '..', 'dist', 'cli.js');
const bench = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the package first (pnpm turbo run build --filter @codearts-pipeline/bench)`);
});

test('--only size --out DIR writes both files with that one section', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    const run = bench(['--smoke', '--only', 'size', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^(met|MISSED) +Our client runtime/m); // evaluated (met or missed is the smoke test's concern)
    expect(run.stdout).toMatch(/^not run +Warm no-op build/m);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.size.clients).toHaveLength(3);
    expect(report.build).toBeUndefined();
    expect(report.config.sections).toEqual(['size']);
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toContain('## 3. Size');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('an unknown section or option exits 2 with the usage', () => {
  for (const args of [['--only', 'speed'], ['--fast']]) {
    const run = bench(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: pnpm bench');
  }
});
