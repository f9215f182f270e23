// Runs the pinned @redocly/cli from the repository root (where redocly.yaml lives).
// Redocly 2.x prints a multi-line "Node.js 20 support is ending" box on every call; it is noise for
// this project (Node 20 is the supported runtime, see docs/adr/0002-node-20.md), so it is filtered out
// of stderr here and only here. Everything else Redocly prints is passed through unchanged.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const BOX_LINE = /^\s*[╔║╚]/;

export function stripNodeDeprecationBox(text) {
  return text
    .split('\n')
    .filter((line) => !BOX_LINE.test(line))
    .join('\n')
    .replace(/^\n+/, '');
}

/** Path of the redocly CLI entry point as installed for the given package folder. */
export function redoclyBin(fromDir) {
  const require = createRequire(join(fromDir, 'package.json'));
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

/**
 * Runs `redocly <args>`; returns {status, stdout, stderr} with the deprecation box removed.
 * With `echo: true` output is written to this process's stdout/stderr as well.
 */
export function runRedocly(args, { fromDir = repoRoot, cwd = repoRoot, echo = false } = {}) {
  const result = spawnSync(process.execPath, [redoclyBin(fromDir), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  const stdout = result.stdout;
  const stderr = stripNodeDeprecationBox(result.stderr);
  if (echo) {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
  }
  return { status: result.status ?? 1, stdout, stderr };
}
