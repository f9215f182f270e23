// Runs the benchmarks in sequence with one configuration (full or smoke) and assembles the report.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { type BatchBenchOptions, runBatchBenchmark } from './batch-bench';
import { type BuildBenchOptions, runBuildBenchmark } from './build-bench';
import { type ClientBenchOptions, runClientBenchmark } from './client-bench';
import { type Environment, type Report, SECTIONS, type SectionId, evaluateTargets, renderMarkdown } from './report';
import { cpuSnapshot, otherProcessesShare } from './machine-load';
import { runScaleBenchmark } from './scale-bench';
import { REPO_ROOT } from './seed';
import { runSizeBenchmark } from './size-bench';
import { nowMs, round } from './stats';

export interface BenchConfig {
  build: BuildBenchOptions;
  client: ClientBenchOptions;
  scale: { sizes: number[] };
  batch: BatchBenchOptions;
}

/** The committed report's configuration: about 5 minutes on 2 cores. */
export const FULL_CONFIG: BenchConfig = {
  build: { warmRuns: 5, filter: [] },
  client: {
    rounds: 15,
    diagnosticIterations: 2000,
    inMemory: { callsPerRound: 1500, warmupCalls: 1000 },
    loopback: { callsPerRound: 200, warmupCalls: 200 },
  },
  scale: { sizes: [100, 1000, 5000] },
  batch: { pairs: 10_000, latencyMs: 20, chunkSizes: [10, 100, 1000], concurrencies: [1, 4, 16], naivePairs: 500 },
};

/** Tiny sizes: proves every benchmark still runs end to end (the test suite's smoke run). */
export const SMOKE_CONFIG: BenchConfig = {
  build: { warmRuns: 2, filter: ['@codearts-pipeline/openapi'] },
  client: {
    rounds: 3,
    diagnosticIterations: 5,
    inMemory: { callsPerRound: 10, warmupCalls: 5 },
    loopback: { callsPerRound: 3, warmupCalls: 2 },
  },
  scale: { sizes: [3, 7] },
  batch: { pairs: 60, latencyMs: 2, chunkSizes: [10, 100], concurrencies: [1, 4], naivePairs: 12 },
};

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function describeEnvironment(): Omit<Environment, 'load'> {
  let pnpm = 'unknown';
  try {
    pnpm = execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // reported as unknown
  }
  return {
    node: process.versions.node,
    platform: `${osType()} ${release()} ${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    pnpm,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain']) !== '',
  };
}

export interface RunOptions {
  mode: 'full' | 'smoke';
  /** Sections to run; default all. */
  only?: SectionId[];
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export async function runBenchmarks(options: RunOptions): Promise<Report> {
  const config = options.mode === 'full' ? FULL_CONFIG : SMOKE_CONFIG;
  const only = new Set(options.only ?? SECTIONS);
  const log = options.log ?? (() => undefined);
  const environment = describeEnvironment();
  const averageBefore = round(loadavg()[0]!, 2);
  const cpuBefore = cpuSnapshot();
  const started = nowMs();
  const results: Partial<Pick<Report, SectionId>> = {};
  const section = async <K extends SectionId>(id: K, run: () => Promise<NonNullable<Report[K]>>) => {
    if (!only.has(id)) return;
    const sectionStarted = nowMs();
    log(`${id}: running`);
    (results as Record<SectionId, unknown>)[id] = await run();
    log(`${id}: done in ${((nowMs() - sectionStarted) / 1000).toFixed(1)} s`);
  };
  await section('build', () => runBuildBenchmark(config.build));
  await section('client', () => runClientBenchmark(config.client));
  await section('size', () => runSizeBenchmark());
  await section('scale', () => runScaleBenchmark(config.scale));
  await section('batch', () => runBatchBenchmark(config.batch));
  const share = otherProcessesShare(cpuBefore, cpuSnapshot());
  const load = { averageBefore, otherProcessesCpuShare: share === undefined ? undefined : round(share, 3) };
  const withoutTargets = {
    title: 'Benchmark report: build, client overhead and size, scale, batch throughput',
    mode: options.mode,
    generatedAt: new Date().toISOString(),
    durationSeconds: round((nowMs() - started) / 1000, 1),
    environment: { ...environment, load },
    config: { ...config, sections: [...only] } as unknown as Record<string, unknown>,
    ...results,
  };
  return { ...withoutTargets, targets: evaluateTargets(withoutTargets) };
}

/** Writes REPORT.md and report.json into `dir`; returns their paths. */
export function writeReport(report: Report, dir: string): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'REPORT.md');
  const json = join(dir, 'report.json');
  writeFileSync(markdown, renderMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { markdown, json };
}
