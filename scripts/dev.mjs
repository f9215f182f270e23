#!/usr/bin/env node
// The dev loop: watches spec/, redocly.yaml and the packages' sources; on each change runs
// `turbo run build`, which rebuilds exactly what depends on the changed files (lint + bundle, types,
// SDK, docs, simulator) and takes the rest from cache, while the docs are served on localhost (reload
// the browser to see a change). A lint error is printed with its file and line, and the loop goes on.
// (`turbo watch` does not react to spec/, which belongs to no package, hence this small watcher.)
// usage: node scripts/dev.mjs [--port N]   (docs port, default $PORT or 8081; 0 picks a free one)
// Stop it with Ctrl-C; in the background, start `node scripts/dev.mjs` directly and signal that process.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, watch } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8081' } } });
const log = (line) => process.stderr.write(`dev: ${line}\n`);

let building = false;
let pending = false;
function build(reason) {
  if (building) {
    pending = true;
    return;
  }
  building = true;
  const started = Date.now();
  log(`${reason}: building`);
  const child = spawn('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=new-only'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk) => process.stderr.write(chunk));
  child.on('exit', (code) => {
    building = false;
    const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
    const tally = cached ? ` (${Number(cached[2]) - Number(cached[1])} rebuilt, ${cached[1]} cached)` : '';
    log(code === 0 ? `build done in ${((Date.now() - started) / 1000).toFixed(1)} s${tally}; watching` : 'build FAILED (see above); fix and save to retry; watching');
    if (pending) {
      pending = false;
      build('more changes');
    }
  });
}

const IGNORED = /(^|\/)(node_modules|dist|generated|reports|\.turbo|\.tmp|\.bundle-[^/]*|\.build-[^/]*)(\/|$)/;
let timer;
function onChange(path) {
  const where = relative(repoRoot, path);
  if (IGNORED.test(where)) return;
  clearTimeout(timer);
  timer = setTimeout(() => build(`changed ${where}`), 300);
}

// Directories are watched, not files: an editor, `sed -i` or `git checkout` replaces a file by renaming a new
// one over it, and a watch on the old file would go deaf (Node's recursive fs.watch on Linux watches files).
const watchedDirs = new Set();
function watchTree(dir) {
  if (watchedDirs.has(dir) || IGNORED.test(relative(repoRoot, dir))) return;
  watchedDirs.add(dir);
  watch(dir, (_event, name) => {
    const path = name ? join(dir, String(name)) : dir;
    if (existsSync(path) && statSync(path).isDirectory()) watchTree(path);
    onChange(path);
  });
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) watchTree(join(dir, entry.name));
}
watchTree(join(repoRoot, 'spec'));
watch(repoRoot, (_event, name) => name === 'redocly.yaml' && onChange(join(repoRoot, 'redocly.yaml')));
for (const name of ['openapi', 'signer', 'client', 'sdk', 'docs', 'simulator']) {
  for (const folder of ['src', 'scripts', 'templates']) {
    const dir = join(repoRoot, 'packages', name, folder);
    if (existsSync(dir)) watchTree(dir);
  }
}

const docs = spawn(process.execPath, [join(repoRoot, 'packages', 'docs', 'scripts', 'serve.mjs'), '--port', values.port], {
  cwd: repoRoot,
  stdio: 'inherit',
});
docs.on('exit', (code) => {
  log(`the docs server stopped (exit ${code}); stopping`);
  process.exit(1);
});
const stop = () => {
  docs.kill('SIGTERM');
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
build('start');
