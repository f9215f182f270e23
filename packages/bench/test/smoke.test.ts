// README command 2 runs this: every benchmark end to end with tiny sizes (SMOKE_CONFIG), so the
// benchmark cannot rot. It checks what was measured and how the figures relate, never how fast.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/report';
import { SMOKE_CONFIG, runBenchmarks, writeReport } from '../src/run';

let report: Report;
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  report = await runBenchmarks({ mode: 'smoke' });
  writeReport(report, out);
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

test('build: cold executes everything, warm is all cached, the edit rebuilds the bundle, the revert is cached', () => {
  const build = report.build!;
  expect(build.filter).toEqual(SMOKE_CONFIG.build.filter);
  expect(build.cold).toMatchObject({ cached: 0, executed: build.cold.tasks });
  expect(build.cold.rebuilt).toEqual(['@codearts-pipeline/openapi']);
  expect(build.warm.runs).toHaveLength(SMOKE_CONFIG.build.warmRuns);
  expect(build.warm.allCached).toBe(true);
  expect(build.warm.seconds.n).toBe(SMOKE_CONFIG.build.warmRuns);
  expect(build.edit.rebuilt).toEqual(['@codearts-pipeline/openapi']);
  expect(build.edit.executed).toBe(1);
  expect(build.revert).toMatchObject({ executed: 0, cached: build.revert.tasks });
});

test('client: five clients in both modes, each with one sample per round and ratios against (a) and (b)', () => {
  const client = report.client!;
  for (const mode of [client.inMemory, client.loopback]) {
    expect(mode.variants.map((v) => v.id)).toEqual(['rawFetch', 'openapiFetch', 'clientAkSk', 'clientToken', 'sdk']);
    for (const v of mode.variants) {
      expect(v.opsPerSecond.n).toBe(SMOKE_CONFIG.client.rounds);
      expect(v.ratioToRawFetch.n).toBe(SMOKE_CONFIG.client.rounds);
      expect(v.opsPerSecond.median).toBeGreaterThan(0);
      expect(v.microsecondsPerCall).toBeGreaterThan(0);
    }
    const [raw, bare] = mode.variants;
    expect(raw!.ratioToRawFetch).toMatchObject({ median: 1, min: 1, max: 1 });
    expect(bare!.ratioToOpenapiFetch).toMatchObject({ median: 1, min: 1, max: 1 });
  }
  expect(client.checks.clientAkSk.authentication).toContain('SDK-HMAC-SHA256');
  expect(client.checks.clientToken.authentication).toBe('X-Auth-Token');
  expect(client.diagnostics.map((d) => d.id)).toEqual(['authorizer', 'signRequest', 'nodeCryptoEquivalent', 'timeoutSignals', 'requestCopy']);
});

test('size: every client bundled, with its runtime package closure', () => {
  const byId = Object.fromEntries(report.size!.clients.map((c) => [c.id, c]));
  expect(byId.client!.bundled).toEqual(['@codearts-pipeline/signer', 'openapi-fetch']);
  expect(byId.client!.runtimePackages.map((p) => p.replace(/@[^@]+$/, ''))).toEqual([
    '@codearts-pipeline/client',
    '@codearts-pipeline/signer',
    'openapi-fetch',
    'openapi-typescript-helpers',
  ]);
  // the SDK runs on the client's transport: its closure is the client's plus itself
  expect(byId.sdk!.runtimePackages.map((p) => p.replace(/@[^@]+$/, ''))).toEqual([
    '@codearts-pipeline/client',
    '@codearts-pipeline/sdk',
    '@codearts-pipeline/signer',
    'openapi-fetch',
    'openapi-typescript-helpers',
  ]);
  expect(byId.openapiFetch!.runtimePackages.map((p) => p.replace(/@[^@]+$/, ''))).toEqual(['openapi-fetch', 'openapi-typescript-helpers']);
  for (const c of report.size!.clients) expect(c.gzipBytes).toBeLessThan(c.minifiedBytes);
  // the client's budget (issue 7): all entry points with runtime dependencies, ≤ 8 kB min+gzip — or, as the
  // issue allows, a miss the report states by how much and explains with the bundle's largest parts
  expect(byId.client!.largestParts.map((part) => part.file)).toEqual(expect.arrayContaining([expect.stringContaining('openapi-fetch')]));
  const target = report.targets.find((t: { id: string }) => t.id === 'clientSize')!;
  expect(target.met).toBe(byId.client!.gzipBytes <= 8 * 1024);
  if (!target.met) {
    expect(target.missedBy).toBe(`${(byId.client!.gzipBytes - 8 * 1024).toLocaleString('en-US')} B over`);
    expect(target.note).toContain(`${byId.client!.largestParts[0]!.minifiedBytes.toLocaleString('en-US')} B`);
  }
});

test('scale: each size linted, bundled, typed and type-checked, with a growth figure between sizes', () => {
  const scale = report.scale!;
  expect(scale.sizes.map((s) => s.operations)).toEqual(SMOKE_CONFIG.scale.sizes);
  for (const size of scale.sizes) {
    expect(size.steps.map((s) => s.name)).toEqual(['lint', 'bundle', 'types', 'typecheck']);
    expect(size.typesLines).toBeGreaterThan(0);
  }
  expect(scale.sizes[1]!.bundleBytes).toBeGreaterThan(scale.sizes[0]!.bundleBytes);
  expect(scale.growth).toHaveLength(1);
  expect(scale.growth[0]).toMatchObject({ from: 3, to: 7, sizeRatio: 2.33 });
});

test('batch: every configuration sent ⌈pairs / chunk⌉ requests; speed-ups relate to the naive loop', () => {
  const batch = report.batch!;
  const { pairs, chunkSizes, concurrencies, naivePairs } = SMOKE_CONFIG.batch;
  expect(batch.configurations).toHaveLength(chunkSizes.length * concurrencies.length);
  for (const c of batch.configurations) {
    expect(c.requests).toBe(Math.ceil(pairs / c.chunkSize));
    // speed-up = naive time for all pairs / this time (within the rounding of the stored figures)
    expect(Math.abs((c.speedUp * c.seconds) / batch.naive.extrapolatedSecondsForAllPairs - 1)).toBeLessThan(0.05);
  }
  expect(batch.naive).toMatchObject({ measuredPairs: naivePairs, requests: naivePairs, extrapolated: true });
  expect(batch.naive.extrapolatedSecondsForAllPairs).toBeCloseTo((batch.naive.measuredSeconds * pairs) / naivePairs, 2);
  expect(batch.default).toMatchObject({ chunkSize: 100, concurrency: 4 });
});

test('the report: every target evaluated, misses explained, written as Markdown and JSON', () => {
  expect(report.mode).toBe('smoke');
  const share = report.environment.load.otherProcessesCpuShare;
  if (process.platform === 'linux') {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }
  expect(report.targets.map((t) => t.id)).toEqual(['warmBuild', 'clientOverhead', 'clientOverheadToken', 'clientSize', 'scale', 'batchSpeedUp']);
  for (const target of report.targets.filter((t) => !t.met)) {
    expect(target.missedBy).toBeTruthy();
    expect(target.note).toBeTruthy();
  }
  // Smoke sizes are not the sizes: that target cannot be met by a smoke run.
  expect(report.targets.find((t) => t.id === 'scale')!.met).toBe(false);
  expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  const markdown = readFileSync(join(out, 'REPORT.md'), 'utf8');
  expect(markdown).toContain('--smoke');
  for (const label of report.client!.inMemory.variants.map((v) => v.label)) expect(markdown).toContain(label);
  expect(existsSync(join(out, 'REPORT.md'))).toBe(true);
});
