// In a scratch copy of the repository (so the real tree and its turbo cache are untouched):
// a second build with no change is entirely cached and starts no JVM, and editing a description under
// spec/ rebuilds what depends on it — the new text reaches the types, the SDK and the docs page.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
let copy: string;
/** Every `java` started during a build appends a line here (a shim first on PATH wraps the real one). */
let javaLog: string;
let shimDir: string;

function sh(command: string, args: string[]) {
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', PATH: `${shimDir}:${process.env.PATH}` };
  const result = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout + result.stderr;
}

/** turbo's closing lines: "Tasks: 4 successful, 4 total" / "Cached: 4 cached, 4 total". */
function turboBuild() {
  rmSync(javaLog, { force: true });
  const started = Date.now();
  const output = sh('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=hash-only', '--ui=stream']);
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  if (!cached) throw new Error(`no turbo summary in:\n${output}`);
  const rebuilt = [...output.matchAll(/(@codearts-pipeline\/[\w-]+):build: cache miss/g)].map((m) => m[1]).sort();
  const javaStarts = existsSync(javaLog) ? readFileSync(javaLog, 'utf8').trim().split('\n').length : 0;
  return { cached: Number(cached[1]), total: Number(cached[2]), rebuilt, javaStarts, seconds: (Date.now() - started) / 1000 };
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'codearts-regen-'));
  // Tracked and new-but-not-ignored files: what a fresh clone would have, plus local work.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file));
  }
  // The generator jar lives in the ignored .tools/ (scripts/setup.sh); share the real one.
  symlinkSync(join(repoRoot, '.tools'), join(copy, '.tools'));
  shimDir = join(copy, '.java-shim');
  javaLog = join(shimDir, 'java-starts.log');
  const realJava = execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
  mkdirSync(shimDir);
  writeFileSync(join(shimDir, 'java'), `#!/bin/sh\necho "$*" >> '${javaLog}'\nexec '${realJava}' "$@"\n`);
  chmodSync(join(shimDir, 'java'), 0o755);
  sh('pnpm', ['install', '--offline', '--frozen-lockfile']);
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

test('a second build is entirely cached; a spec description edit regenerates types and docs', () => {
  const cold = turboBuild();
  expect(cold.cached).toBe(0);
  expect(cold.total).toBeGreaterThanOrEqual(5);
  expect(cold.javaStarts).toBeGreaterThan(0); // the shim does see the generator's JVM

  const warm = turboBuild();
  expect(warm.cached).toBe(warm.total);
  expect(warm.rebuilt).toEqual([]);
  expect(warm.javaStarts).toBe(0);

  const marker = `Pipeline display name (edited ${Date.now()})`;
  const schemaFile = join(copy, 'spec/components/schemas/BatchRunResult.yaml');
  const original = readFileSync(schemaFile, 'utf8');
  expect(original).toContain('description: Pipeline name.');
  writeFileSync(schemaFile, original.replace('description: Pipeline name.', `description: ${marker}`));

  const edited = turboBuild();
  expect(edited.rebuilt).toEqual(
    expect.arrayContaining(['@codearts-pipeline/client', '@codearts-pipeline/docs', '@codearts-pipeline/openapi', '@codearts-pipeline/sdk']),
  );
  expect(edited.javaStarts).toBeGreaterThan(0);
  expect(readFileSync(join(copy, 'packages/sdk/src/generated/models/BatchRunResult.ts'), 'utf8')).toContain(marker);
  expect(readFileSync(join(copy, 'packages/client/src/generated/schema.ts'), 'utf8')).toContain(marker);
  expect(readFileSync(join(copy, 'packages/client/dist/esm/generated/schema.d.ts'), 'utf8')).toContain(marker);
  expect(readFileSync(join(copy, 'packages/docs/dist/index.html'), 'utf8')).toContain(marker);

  // And back: restoring the file restores the cached outputs (no stale marker survives).
  writeFileSync(schemaFile, original);
  const restored = turboBuild();
  expect(restored.cached).toBe(restored.total);
  expect(readFileSync(join(copy, 'packages/client/src/generated/schema.ts'), 'utf8')).not.toContain(marker);
  expect(readFileSync(join(copy, 'packages/docs/dist/index.html'), 'utf8')).not.toContain(marker);
  expect(readFileSync(join(copy, 'packages/sdk/src/generated/models/BatchRunResult.ts'), 'utf8')).not.toContain(marker);
  expect(restored.javaStarts).toBe(0);

  // The figures, for the record (not asserted: timings belong in benchmarks).
  const figures = { cold, warm, edited, restored };
  process.stdout.write(
    `build figures: ${Object.entries(figures).map(([name, f]) => `${name} ${f.seconds.toFixed(1)} s, ${f.cached}/${f.total} cached, java starts ${f.javaStarts}`).join('; ')}\n`,
  );
});
