// Build: in a scratch copy of the repository (tracked and new files, offline `pnpm install`, the real
// .tools/ linked in), so the real tree and its turbo cache stay untouched — the method of
// packages/e2e/test/regeneration.test.ts. Measures `pnpm turbo run build` as a user types it:
// cold (empty cache, no outputs), warm with no change (repeated), after editing one schema description
// under spec/, and after reverting that edit.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The same scratch copy as the e2e regeneration test (CommonJS, shared from scripts/lib).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scratch = require('../../../scripts/lib/scratch-copy.cjs') as { copyRepository(prefix: string): string; installOffline(copy: string): void };
import { REPO_ROOT } from './seed';
import { type Spread, round, spread, timed } from './stats';

export interface BuildBenchOptions {
  /** Warm no-op builds to run (the figure is their median). */
  warmRuns: number;
  /** turbo --filter values; empty = every package (the full build). */
  filter: string[];
}

export interface TurboRun {
  /** Wall time of `pnpm turbo run build …`, pnpm's start-up included. */
  seconds: number;
  /** Turbo's own "Time:" line. */
  turboSeconds: number;
  tasks: number;
  cached: number;
  executed: number;
  /** Packages whose build task ran (cache miss). */
  rebuilt: string[];
}

export interface BuildBenchResult {
  command: string;
  filter: string[];
  /** `pnpm install --offline --frozen-lockfile` of the scratch copy (set-up, not a build figure). */
  installSeconds: number;
  cold: TurboRun;
  warm: { runs: TurboRun[]; seconds: Spread; turboSeconds: Spread; allCached: boolean };
  edit: TurboRun & { file: string; change: string };
  revert: TurboRun;
}

/** The schema description the regeneration test edits too: it reaches the types, the SDK and the docs. */
export const EDITED_FILE = 'spec/components/schemas/BatchRunResult.yaml';
const ORIGINAL_TEXT = 'description: Pipeline name.';

/** "Tasks: 4 successful, 4 total" / "Cached: 4 cached, 4 total" / "Time: 1.2s" or "Time: 89ms". */
export function parseTurboSummary(output: string): Omit<TurboRun, 'seconds'> {
  const tasks = /Tasks:\s+(\d+) successful, (\d+) total/.exec(output);
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  const time = /Time:\s+(?:(\d+)m)?([\d.]+)(ms|s)\b/.exec(output);
  if (!tasks || !cached || !time) throw new Error(`no turbo summary in:\n${output.slice(-2000)}`);
  if (tasks[1] !== tasks[2]) throw new Error(`turbo: only ${tasks[1]} of ${tasks[2]} tasks succeeded:\n${output.slice(-4000)}`);
  const total = Number(cached[2]);
  const minutes = Number(time[1] ?? 0);
  const turboSeconds = minutes * 60 + Number(time[2]) / (time[3] === 'ms' ? 1000 : 1);
  const rebuilt = [...output.matchAll(/([@\w/-]+):build: cache miss/g)].map((m) => m[1]!).sort();
  return { tasks: total, cached: Number(cached[1]), executed: total - Number(cached[1]), turboSeconds: round(turboSeconds, 3), rebuilt };
}

/** A copy of the repository as a fresh clone plus local work would have it, installed offline. */
export function makeScratchCopy(): { dir: string; installSeconds: number } {
  const dir = scratch.copyRepository('codearts-bench-build-');
  const started = process.hrtime.bigint();
  scratch.installOffline(dir);
  return { dir, installSeconds: round(Number(process.hrtime.bigint() - started) / 1e9, 2) };
}

function run(cwd: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}\n${result.stderr}`;
}

function turboArgs(filter: string[]): string[] {
  return ['turbo', 'run', 'build', '--output-logs=hash-only', '--ui=stream', ...filter.map((f) => `--filter=${f}`)];
}

async function turboBuild(dir: string, filter: string[]): Promise<TurboRun> {
  const { value: output, seconds } = await timed(() => run(dir, 'pnpm', turboArgs(filter)));
  return { seconds: round(seconds, 3), ...parseTurboSummary(output) };
}

export async function runBuildBenchmark(options: BuildBenchOptions): Promise<BuildBenchResult> {
  if (options.warmRuns < 1) throw new Error('warmRuns must be at least 1');
  const { dir, installSeconds } = makeScratchCopy();
  try {
    const cold = await turboBuild(dir, options.filter);
    if (cold.cached !== 0) throw new Error(`the scratch copy's first build had ${cold.cached} cached tasks: not cold`);

    const warmRuns: TurboRun[] = [];
    for (let i = 0; i < options.warmRuns; i += 1) warmRuns.push(await turboBuild(dir, options.filter));

    const file = join(dir, EDITED_FILE);
    const original = readFileSync(file, 'utf8');
    if (!original.includes(ORIGINAL_TEXT)) throw new Error(`${EDITED_FILE} no longer contains '${ORIGINAL_TEXT}': update the build benchmark`);
    const marker = `Pipeline display name (benchmark edit ${Date.now()}).`;
    writeFileSync(file, original.replace(ORIGINAL_TEXT, `description: ${marker}`));
    const edited = await turboBuild(dir, options.filter);
    // The edit must have reached the bundle: proof that the rebuild did real work.
    if (!readFileSync(join(dir, 'packages/openapi/dist/openapi.json'), 'utf8').includes(marker)) {
      throw new Error('the edited description did not reach packages/openapi/dist/openapi.json');
    }
    writeFileSync(file, original);
    const revert = await turboBuild(dir, options.filter);

    return {
      command: `pnpm ${turboArgs(options.filter).join(' ')}`,
      filter: options.filter,
      installSeconds,
      cold,
      warm: {
        runs: warmRuns,
        seconds: roundSpread(spread(warmRuns.map((r) => r.seconds))),
        turboSeconds: roundSpread(spread(warmRuns.map((r) => r.turboSeconds))),
        allCached: warmRuns.every((r) => r.cached === r.tasks && r.executed === 0),
      },
      edit: { ...edited, file: EDITED_FILE, change: `'${ORIGINAL_TEXT}' → 'description: ${marker}'` },
      revert,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function roundSpread(s: Spread): Spread {
  return { n: s.n, median: round(s.median), min: round(s.min), max: round(s.max), q1: round(s.q1), q3: round(s.q3) };
}
