// A copy of the repository as a fresh clone plus local work would have it: the tracked files and the new
// ones git does not ignore (not deleted ones), with .tools/ (generator jar, Python peer, Node 24) linked
// from the real tree. CommonJS so that jest tests and the compiled benchmark can both require it.
const { execFileSync, spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const repoRoot = join(__dirname, '..', '..');

/** Copies the repository into a new temporary folder (named with `prefix`) and returns its path. */
function copyRepository(prefix) {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && existsSync(join(repoRoot, file))); // a deleted, not yet committed file is listed too
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file));
  }
  symlinkSync(join(repoRoot, '.tools'), join(copy, '.tools'));
  return copy;
}

/** `pnpm install --offline --frozen-lockfile` in the copy; throws with pnpm's output on failure. */
function installOffline(copy) {
  const result = spawnSync('pnpm', ['install', '--offline', '--frozen-lockfile'], { cwd: copy, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pnpm install --offline failed in ${copy}:\n${result.stdout}${result.stderr}`);
}

module.exports = { repoRoot, copyRepository, installOffline };
