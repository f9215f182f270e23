// Runs the pinned redocly CLI as a child process (jest runs in CommonJS and cannot import the ESM-only
// @redocly/openapi-core) and reads its json and stylish reports.
import { spawnSync } from 'node:child_process';
import { isAbsolute, relative } from 'node:path';
import { packageDir } from './paths';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface LintLocation {
  source: { ref: string };
  pointer?: string;
  start?: { line: number; col: number };
}

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn' | 'warning';
  message: string;
  location: LintLocation[];
}

export interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

export interface StylishEntry {
  file: string;
  line: number;
  col: number;
  severity: string;
  ruleId: string;
  message: string;
}

export const redoclyBin: string = require.resolve('@redocly/cli/bin/cli.js', { paths: [packageDir] });

/** Environment for child processes: no telemetry, no update notice, no colours. */
export function quietEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_COLOR: '1',
  };
  delete env.FORCE_COLOR;
  return env;
}

export function runNode(args: string[], cwd: string): RunResult {
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: quietEnv(),
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

export function runRedocly(args: string[], cwd: string): RunResult {
  return runNode([redoclyBin, ...args], cwd);
}

/** `redocly lint --format json` in `cwd` (which holds redocly.yaml); source refs made relative to `cwd`. */
export function lintJson(cwd: string): RunResult & { report: LintReport } {
  const run = runRedocly(['lint', '--format', 'json'], cwd);
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    throw new Error(`redocly lint --format json printed no JSON report (exit ${run.status}).\n${run.stdout}\n${run.stderr}`);
  }
  for (const problem of report.problems) {
    for (const location of problem.location) {
      const ref = location.source.ref;
      if (isAbsolute(ref)) location.source.ref = relative(cwd, ref);
    }
  }
  return { ...run, report };
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * Reads redocly's stylish report: a `path:` header line per file, then `  line:col  severity  rule  message`
 * lines. Stylish groups problems by file, so `file:line` never appears on one line; this rebuilds it.
 */
export function parseStylish(output: string): StylishEntry[] {
  const entries: StylishEntry[] = [];
  let file: string | undefined;
  for (const raw of stripAnsi(output).split('\n')) {
    const header = /^(\S.*\.(?:ya?ml|json)):\s*$/.exec(raw);
    if (header) {
      file = header[1];
      continue;
    }
    const entry = /^\s+(\d+):(\d+)\s+(error|warning|warn)\s+(\S+)\s+(.*)$/.exec(raw);
    if (entry && file !== undefined) {
      entries.push({
        file,
        line: Number(entry[1]),
        col: Number(entry[2]),
        severity: entry[3]!,
        ruleId: entry[4]!,
        message: entry[5]!,
      });
      continue;
    }
    if (raw.trim() === '') file = undefined;
  }
  return entries;
}

/** `file:line rule` strings of a stylish report, for readable assertions. */
export function stylishFileLines(output: string): string[] {
  return parseStylish(output).map((e) => `${e.file}:${e.line} ${e.ruleId}`);
}
