// In a scratch copy of the repository (so the real tree and its turbo cache are untouched):
// a second build with no change is entirely cached and starts no JVM, and editing a description under
// spec/ rebuilds what depends on it — the new text reaches the types, the SDK and the docs page.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { copyRepository, installOffline } = require('../../../scripts/lib/scratch-copy.cjs') as {
  copyRepository: (prefix: string) => string;
  installOffline: (copy: string) => void;
};
import { join } from 'node:path';

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
  copy = copyRepository('codearts-regen-');
  shimDir = join(copy, '.java-shim');
  javaLog = join(shimDir, 'java-starts.log');
  const realJava = execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
  mkdirSync(shimDir);
  writeFileSync(join(shimDir, 'java'), `#!/bin/sh\necho "$*" >> '${javaLog}'\nexec '${realJava}' "$@"\n`);
  chmodSync(join(shimDir, 'java'), 0o755);
  installOffline(copy);
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

/** Polls `check` every 250 ms until it returns true; fails with `what` after `ms`. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 180_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the dev loop regenerates types, SDK and served docs on a spec edit, and survives a lint error', async () => {
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', PATH: `${shimDir}:${process.env.PATH}` };
  const dev: ChildProcess = spawn(process.execPath, ['scripts/dev.mjs', '--port', '0'], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  dev.stdout!.on('data', (chunk) => (output += chunk));
  dev.stderr!.on('data', (chunk) => (output += chunk));
  const count = (pattern: RegExp) => (output.match(pattern) ?? []).length;
  const builds = () => count(/dev: build done/g);
  const idle = () => count(/: building\n/g) === builds() + count(/dev: build FAILED/g);
  const schemaFile = join(copy, 'spec/components/schemas/BatchRunResult.yaml');
  const original = readFileSync(schemaFile, 'utf8');
  try {
    await until('the first build and the docs server', () => builds() >= 1 && /http:\/\/127\.0\.0\.1:\d+\//.test(output));
    const docsUrl = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;

    // add an optional response field
    const doneBeforeEdit = builds();
    writeFileSync(
      schemaFile,
      original.replace('  reason:\n', '  trigger_type:\n    type: string\n    description: What started the run (added by the dev-loop test).\n  reason:\n'),
    );
    await until('the rebuild after the edit, with no build still running', () => builds() > doneBeforeEdit && idle());
    expect(await (await fetch(docsUrl)).text()).toContain('trigger_type');
    expect(readFileSync(join(copy, 'packages/client/src/generated/schema.ts'), 'utf8')).toContain('trigger_type?: string;');
    expect(readFileSync(join(copy, 'packages/sdk/src/generated/models/BatchRunResult.ts'), 'utf8')).toContain('trigger_type?: string;');

    // a lint error is shown with its file and line, and the loop keeps running
    const examples = join(copy, 'spec/components/examples/ShowBatchRunResultResponse.yaml');
    const example = readFileSync(examples, 'utf8');
    // as editors and `sed -i` do: a new file renamed over the old one; later saves must still be seen
    writeFileSync(`${examples}.swap`, example.replace('pipeline_name: Pipeline 1\n', 'pipeline_name: 12345\n'));
    renameSync(`${examples}.swap`, examples);
    await until('the failed build', () => output.includes('dev: build FAILED'));
    expect(output).toMatch(/spec\/components\/examples\/ShowBatchRunResultResponse\.yaml[\s\S]*?\d+:\d+\s+error\s+no-invalid-media-type-examples/);
    expect(dev.exitCode).toBeNull();
    const doneBefore = builds();
    writeFileSync(examples, example); // in place, into the file that replaced the original
    await until('the build after the fix', () => builds() > doneBefore);
  } finally {
    writeFileSync(schemaFile, original);
    dev.kill('SIGTERM');
    await until('the dev loop to stop', () => dev.exitCode !== null || dev.signalCode !== null, 10_000);
  }
});

test('a removed response field is named by the breaking-change gate', () => {
  const schemaFile = join(copy, 'spec/components/schemas/BatchRunResult.yaml');
  const examples = join(copy, 'spec/components/examples/ShowBatchRunResultResponse.yaml');
  const [schema, example] = [readFileSync(schemaFile, 'utf8'), readFileSync(examples, 'utf8')];
  try {
    writeFileSync(schemaFile, schema.replace(/  pipeline_name:\n    type: string\n    description: Pipeline name\.\n/, ''));
    writeFileSync(examples, example.replace(/^ {4}pipeline_name: .*\n/gm, ''));
    turboBuild();
    // against no pending changeset (the repository may hold some): the bump must be missing
    const noChangesets = mkdtempSync(join(tmpdir(), 'no-changesets-'));
    const gate = spawnSync(process.execPath, ['packages/openapi/scripts/check-breaking.mjs', '--changesets', noChangesets], { cwd: copy, encoding: 'utf8' });
    rmSync(noChangesets, { recursive: true });
    expect(gate.status).toBe(1);
    expect(gate.stderr).toContain('BREAKING  Property `pipeline_name` of `BatchRunResult` was removed.');
    expect(gate.stderr).toContain('these need a minor version bump from 0.1.0, but none is recorded.');
  } finally {
    writeFileSync(schemaFile, schema);
    writeFileSync(examples, example);
  }
});

test('the release command applies a changeset: versions, changelogs, info.version, tarballs, new baseline', () => {
  // Runs last: it changes the copy for good.
  writeFileSync(
    join(copy, '.changeset', 'quiet-otters-dance.md'),
    '---\n"@codearts-pipeline/openapi": minor\n"@codearts-pipeline/client": minor\n---\n\nAdd trigger_type to batch run results.\n',
  );
  const release = spawnSync('bash', ['scripts/release.sh'], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', PATH: `${shimDir}:${process.env.PATH}` },
  });
  expect(`${release.stdout}${release.stderr}`).toContain('released 0.2.0');
  expect(release.status).toBe(0);

  const version = (name: string) => JSON.parse(readFileSync(join(copy, 'packages', name, 'package.json'), 'utf8')).version;
  for (const name of ['openapi', 'signer', 'client', 'sdk', 'simulator', 'docs']) expect([name, version(name)]).toEqual([name, '0.2.0']);
  expect(version('e2e')).toBe('0.0.0');
  expect(readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8')).toMatch(/^info:\n(?: {2}.*\n)*? {2}version: 0\.2\.0$/m);
  expect(readFileSync(join(copy, 'packages', 'client', 'CHANGELOG.md'), 'utf8')).toContain('Add trigger_type to batch run results.');
  expect(readdirSync(join(copy, 'release')).sort()).toEqual(
    ['client', 'openapi', 'sdk', 'signer', 'simulator'].map((name) => `codearts-pipeline-${name}-0.2.0.tgz`),
  );
  const released = JSON.parse(readFileSync(join(copy, 'packages', 'openapi', 'released', 'openapi.json'), 'utf8'));
  expect(released.info.version).toBe('0.2.0');
  expect(existsSync(join(copy, '.changeset', 'quiet-otters-dance.md'))).toBe(false);
});
