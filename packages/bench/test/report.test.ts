// Target evaluation and rendering, on hand-made figures: every target can be met or missed, a miss
// always says by how much and why, and the Markdown shows every section that ran.
import type { BatchBenchResult } from '../src/batch-bench';
import type { BuildBenchResult, TurboRun } from '../src/build-bench';
import type { ClientBenchResult, ModeResult, VariantId } from '../src/client-bench';
import { type Report, evaluateTargets, renderMarkdown } from '../src/report';
import type { ScaleBenchResult } from '../src/scale-bench';
import type { SizeBenchResult } from '../src/size-bench';
import { spread } from '../src/stats';

const run = (seconds: number, executed: number, total = 7): TurboRun => ({
  seconds,
  turboSeconds: seconds / 2,
  tasks: total,
  cached: total - executed,
  executed,
  rebuilt: executed ? ['@codearts-pipeline/openapi'] : [],
});

function build(warmSeconds: number[], warmExecuted = 0): BuildBenchResult {
  const runs = warmSeconds.map((s) => run(s, warmExecuted));
  return {
    command: 'pnpm turbo run build',
    filter: [],
    installSeconds: 2,
    cold: run(40, 7),
    warm: { runs, seconds: spread(runs.map((r) => r.seconds)), turboSeconds: spread(runs.map((r) => r.turboSeconds)), allCached: warmExecuted === 0 },
    edit: { ...run(20, 5), file: 'spec/x.yaml', change: 'a → b' },
    revert: run(0.6, 0),
  };
}

function mode(name: 'inMemory' | 'loopback', microseconds: Record<VariantId, number>): ModeResult {
  const ratio = (value: number) => spread([value, value]);
  return {
    mode: name,
    rounds: 2,
    callsPerRound: 10,
    warmupCalls: 5,
    variants: (Object.keys(microseconds) as VariantId[]).map((id) => ({
      id,
      label: `label of ${id}`,
      what: `what ${id} is`,
      opsPerSecond: spread([1e6 / microseconds[id]]),
      microsecondsPerCall: microseconds[id],
      ratioToRawFetch: ratio(microseconds[id] / microseconds.rawFetch),
      ratioToOpenapiFetch: ratio(microseconds[id] / microseconds.openapiFetch),
    })),
  };
}

function client(akSk: number, token: number): ClientBenchResult {
  const times = { rawFetch: 50, openapiFetch: 100, clientAkSk: akSk, clientToken: token, sdk: 90 };
  const auth = { authentication: 'X-Auth-Token' };
  return {
    call: 'ShowBatchRunResult',
    inMemory: mode('inMemory', times),
    loopback: mode('loopback', times),
    checks: { rawFetch: auth, openapiFetch: auth, clientAkSk: { authentication: 'Authorization' }, clientToken: auth, sdk: auth },
    diagnostics: [
      { id: 'authorizer', what: 'authorizer', microseconds: spread([300]) },
      { id: 'signRequest', what: 'sign', microseconds: spread([250]) },
      { id: 'nodeCryptoEquivalent', what: 'node crypto', microseconds: spread([4]) },
      { id: 'timeoutSignals', what: 'signals', microseconds: spread([10]) },
      { id: 'requestCopy', what: 'copy', microseconds: spread([25]) },
    ],
  };
}

const size = (gzipBytes: number): SizeBenchResult => ({
  method: 'esbuild',
  clients: [
    { id: 'client', label: 'our client', package: '@codearts-pipeline/client', version: '0.1.0', entryPoints: ['.'], minifiedBytes: 18000, gzipBytes, bundled: ['openapi-fetch'], runtimePackages: ['a@1', 'b@1'], largestParts: [{ file: 'node_modules/openapi-fetch/dist/index.mjs', minifiedBytes: 6000 }] },
  ],
});

function scale(sizes: number[], seconds: number[]): ScaleBenchResult {
  const step = (total: number) => (['lint', 'bundle', 'types', 'typecheck'] as const).map((name) => ({ name, seconds: total / 4 }));
  const results = sizes.map((operations, i) => ({
    operations,
    specFiles: operations * 6,
    specFilesExceedOpenFileLimit: false,
    components: {},
    bundleBytes: operations * 5000,
    typesLines: operations * 90,
    steps: step(seconds[i]!),
    totalSeconds: seconds[i]!,
    msPerOperation: (seconds[i]! * 1000) / operations,
  }));
  const growth = results.slice(1).map((to, i) => {
    const from = results[i]!;
    const exponent = Math.log(to.totalSeconds / from.totalSeconds) / Math.log(to.operations / from.operations);
    return {
      from: from.operations,
      to: to.operations,
      sizeRatio: to.operations / from.operations,
      timeRatio: to.totalSeconds / from.totalSeconds,
      exponent,
      marginalMsPerOperation: ((to.totalSeconds - from.totalSeconds) * 1000) / (to.operations - from.operations),
      perStepExponent: { lint: exponent, bundle: exponent, types: exponent, typecheck: exponent },
    };
  });
  return { method: 'steps', openFileLimit: 1024, sizes: results, growth };
}

const batch = (defaultSeconds: number): BatchBenchResult => ({
  pairs: 10000,
  latencyMs: 20,
  naive: { measuredPairs: 500, measuredSeconds: 10, requests: 500, pairsPerSecond: 50, extrapolatedSecondsForAllPairs: 200, extrapolated: true },
  configurations: [{ chunkSize: 100, concurrency: 4, requests: 100, seconds: defaultSeconds, pairsPerSecond: 10000 / defaultSeconds, speedUp: 200 / defaultSeconds, isDefault: true }],
  best: { chunkSize: 100, concurrency: 4, seconds: defaultSeconds, speedUp: 200 / defaultSeconds },
  default: { chunkSize: 100, concurrency: 4, seconds: defaultSeconds, speedUp: 200 / defaultSeconds },
});

const base = {
  title: 'Benchmark report',
  mode: 'full' as const,
  generatedAt: '2026-01-01T00:00:00.000Z',
  durationSeconds: 300,
  environment: { node: '20', platform: 'Linux', cpu: 'CPU', cores: 2, memoryGiB: 24, pnpm: '10.34.9', commit: 'abc1234', dirty: false, load: { averageBefore: 0.1, otherProcessesCpuShare: 0.02 } },
  config: {},
};

const passing = { ...base, build: build([0.8, 0.9, 0.7]), client: client(105, 104), size: size(7000), scale: scale([100, 1000, 5000], [4, 11, 50]), batch: batch(0.5) };

const byId = (targets: ReturnType<typeof evaluateTargets>) => Object.fromEntries(targets.map((t) => [t.id, t]));

test('figures within every limit meet every target', () => {
  const targets = evaluateTargets(passing);
  expect(targets.map((t) => [t.id, t.met])).toEqual([
    ['warmBuild', true],
    ['clientOverhead', true],
    ['clientOverheadToken', true],
    ['clientSize', true],
    ['scale', true],
    ['batchSpeedUp', true],
  ]);
  expect(targets.every((t) => t.missedBy === undefined)).toBe(true);
  expect(byId(targets).batchSpeedUp!.note).toContain('extrapolated');
});

test('each limit crossed is a miss that says by how much and why', () => {
  const targets = byId(
    evaluateTargets({
      ...passing,
      build: build([1.6, 2.0, 1.8]),
      client: client(350, 130),
      size: size(9000),
      scale: scale([100, 1000, 5000], [4, 10, 100]),
      batch: batch(300),
    }),
  );
  expect(targets.warmBuild).toMatchObject({ met: false, missedBy: expect.stringContaining('0.30 s') });
  expect(targets.warmBuild!.note).toContain("turbo itself reported 0.90 s");
  expect(targets.clientOverhead).toMatchObject({ met: false, missedBy: expect.stringContaining('2.40× over') });
  expect(targets.clientOverhead!.note).toContain('the client\'s authorizer takes 300.0 µs and signRequest() 250.0 µs');
  expect(targets.clientOverheadToken).toMatchObject({ met: false, missedBy: expect.stringContaining('0.20× over') });
  expect(targets.clientOverheadToken!.note).toContain('30.0 µs more per call');
  expect(targets.clientSize).toMatchObject({ met: false, missedBy: '808 B over' });
  expect(targets.scale).toMatchObject({ met: false, missedBy: expect.stringContaining('exponent 1.43') });
  expect(targets.batchSpeedUp).toMatchObject({ met: false });
  for (const target of Object.values(targets)) {
    expect(target!.missedBy).toBeTruthy();
    expect(target!.note).toBeTruthy();
  }
});

test('a signing cost beyond what the blocks measured alone explain is called out, not explained away', () => {
  const explained = byId(evaluateTargets({ ...passing, client: client(350, 130) })).clientOverhead!;
  expect(explained.note).not.toContain('do not account for');
  const unexplained = byId(evaluateTargets({ ...passing, client: client(600, 130) })).clientOverhead!;
  expect(unexplained.note).toContain('the blocks measured alone do not account for the difference of 170.0 µs');
});

test('a warm build that executed a task misses even when fast', () => {
  const target = byId(evaluateTargets({ ...passing, build: build([0.5, 0.5], 1) })).warmBuild!;
  expect(target).toMatchObject({ met: false, missedBy: 'not all tasks cached' });
  expect(target.note).toContain('openapi');
});

test('scale sizes other than 100, 1,000 and 5,000 do not meet the scale target', () => {
  const target = byId(evaluateTargets({ ...passing, scale: scale([3, 7], [3, 3.1]) })).scale!;
  expect(target).toMatchObject({ met: false, missedBy: expect.stringContaining('100, 1000, 5000') });
});

test('a section that did not run leaves its targets unmet, saying so', () => {
  const targets = evaluateTargets({ ...base });
  expect(targets).toHaveLength(6);
  for (const target of targets) expect(target).toMatchObject({ met: false, measured: 'not measured' });
});

test('the Markdown says when other processes took a noticeable share of the CPU', () => {
  const render = (share: number | undefined) =>
    renderMarkdown({ ...base, environment: { ...base.environment, load: { averageBefore: 0.1, otherProcessesCpuShare: share } }, targets: [] });
  expect(render(0.02)).toContain("other processes used 2 % of the machine's CPU time");
  expect(render(0.02)).not.toContain('the machine was busy');
  expect(render(0.4)).toContain('the machine was busy');
  expect(render(undefined)).toContain('unknown');
});

test('the Markdown has the targets table and one section per benchmark that ran', () => {
  const report: Report = { ...passing, targets: evaluateTargets(passing) };
  const markdown = renderMarkdown(report);
  for (const heading of ['## Targets (issue 7)', '## 1. Build', '## 2. Client overhead', '## 3. Size', '## 4. Scale', '## 5. Batch throughput']) {
    expect(markdown).toContain(heading);
  }
  expect(markdown).toContain('label of clientAkSk');
  expect(markdown).toContain('**extrapolated**');
  const partial = renderMarkdown({ ...base, size: size(7000), targets: evaluateTargets({ ...base, size: size(7000) }) });
  expect(partial).toContain('## 3. Size');
  expect(partial).not.toContain('## 1. Build');
});
