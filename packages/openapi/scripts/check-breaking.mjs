#!/usr/bin/env node
// The breaking-change gate: compares the bundle with the last released one (released/openapi.json)
// using `redocly diff` (diff-recommended ratings) and fails when the changes need a bigger version bump
// than is recorded. Recorded means: spec/openapi.yaml's info.version already bumped that far, or a pending
// changeset (.changeset/*.md) bumping @codearts-pipeline/openapi that far. Below 1.0 a breaking change
// needs a minor bump, from 1.0 a major one (semver's rule for 0.x, as Redocly applies it).
//
// usage: check-breaking.mjs [--base FILE] [--revision FILE] [--changesets DIR]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot, runRedocly } from '../../../scripts/lib/redocly.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    base: { type: 'string', default: join(packageDir, 'released', 'openapi.json') },
    revision: { type: 'string', default: join(packageDir, 'dist', 'openapi.json') },
    changesets: { type: 'string', default: join(repoRoot, '.changeset') },
  },
});
const LEVELS = ['none', 'patch', 'minor', 'major'];

function fail(message) {
  process.stderr.write(`check-breaking: ${message}\n`);
  process.exit(1);
}

for (const file of [values.base, values.revision]) if (!existsSync(file)) fail(`${file} does not exist (build the bundle first)`);

const result = runRedocly(['diff', values.base, values.revision, '--format', 'json', '--fail-on', 'none', '--config', join(packageDir, 'redocly.diff.yaml')], {
  fromDir: packageDir,
});
if (result.status !== 0) fail(`redocly diff failed:\n${result.stderr}`);
const report = JSON.parse(result.stdout);

const baseVersion = report.infoVersions.base;
const [baseMajor] = baseVersion.split('.').map(Number);
const breaking = report.summary.major > 0;
const needed = breaking ? (baseMajor === 0 ? 'minor' : 'major') : 'none';

/** How far info.version moved: none, patch, minor or major. */
function versionMove(from, to) {
  const [a, b] = [from, to].map((v) => v.split('.').map(Number));
  if (b[0] !== a[0]) return 'major';
  if (b[1] !== a[1]) return 'minor';
  if (b[2] !== a[2]) return 'patch';
  return 'none';
}

/** The largest bump pending changesets record for @codearts-pipeline/openapi. */
function changesetBump(dir) {
  if (!existsSync(dir)) return { level: 'none', files: [] };
  let level = 'none';
  const files = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'README.md')) {
    const frontMatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, name), 'utf8'))?.[1] ?? '';
    const bump = /["']?@codearts-pipeline\/openapi["']?\s*:\s*(major|minor|patch)/.exec(frontMatter)?.[1];
    if (bump) {
      files.push(name);
      if (LEVELS.indexOf(bump) > LEVELS.indexOf(level)) level = bump;
    }
  }
  return { level, files };
}

const moved = versionMove(baseVersion, report.infoVersions.revision);
const pending = changesetBump(values.changesets);
const recorded = LEVELS.indexOf(moved) >= LEVELS.indexOf(pending.level) ? moved : pending.level;

const lines = [];
for (const change of report.changes) {
  for (const verdict of change.verdicts ?? []) {
    if (verdict.impact === 'major') lines.push(`  BREAKING  ${verdict.message}  (${verdict.ruleId}, ${verdict.location.file}:${verdict.location.line})`);
  }
}
const where = `${relative(process.cwd(), values.base)} → ${relative(process.cwd(), values.revision)}`;
const summary = `${report.summary.major} breaking, ${report.summary.minor} minor, ${report.summary.patch} patch change(s) (${where})`;
if (LEVELS.indexOf(recorded) < LEVELS.indexOf(needed)) {
  process.stderr.write(
    `check-breaking: ${summary}\n${lines.join('\n')}\n` +
      `check-breaking: these need a ${needed} version bump from ${baseVersion}, but ${recorded === 'none' ? 'none is' : `only a ${recorded} bump is`} recorded.\n` +
      `  Record it: \`pnpm changeset\` (choose ${needed} for @codearts-pipeline/openapi), or undo the change.\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `check-breaking: ${summary}; ${needed === 'none' ? 'no breaking change' : `${needed} bump recorded (${moved !== 'none' ? `info.version ${report.infoVersions.revision}` : pending.files.join(', ')})`}.\n${lines.join('\n')}${lines.length ? '\n' : ''}`,
);
