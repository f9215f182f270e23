// Throw-away copies of spec/ + redocly.yaml, and exact, checked text edits on them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redoclyConfig, specDir } from './paths';

/** Copies spec/ and redocly.yaml into `dest` (spec/ → dest/spec, redocly.yaml → dest/redocly.yaml). */
export function copySpecInto(dest: string): void {
  cpSync(specDir, join(dest, 'spec'), { recursive: true });
  cpSync(redoclyConfig, join(dest, 'redocly.yaml'));
}

/** A new temp folder under os.tmpdir() holding a copy of spec/ and redocly.yaml. */
export function makeSpecCopy(prefix = 'openapi-lint-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  copySpecInto(dir);
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export interface Edit {
  /** Exact text to replace; must occur exactly once in the file. */
  from: string;
  to: string;
}

/** Applies `edits` to `root/file`, failing loudly if a `from` text is missing or ambiguous. */
export function editFile(root: string, file: string, edits: Edit[]): string {
  const path = join(root, file);
  let text = readFileSync(path, 'utf8');
  for (const { from, to } of edits) {
    const first = text.indexOf(from);
    if (first === -1) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update the breakage`);
    if (text.indexOf(from, first + 1) !== -1) throw new Error(`${file} contains ${JSON.stringify(from)} more than once`);
    text = text.slice(0, first) + to + text.slice(first + from.length);
  }
  writeFileSync(path, text);
  return text;
}

/** 1-based line on which `marker` (which may span lines) starts in `text`; throws if absent or ambiguous. */
export function lineOf(text: string, marker: string): number {
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  if (text.indexOf(marker, at + 1) !== -1) throw new Error(`marker ${JSON.stringify(marker)} is ambiguous`);
  return text.slice(0, at).split('\n').length;
}
