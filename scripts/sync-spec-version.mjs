#!/usr/bin/env node
// The spec's info.version is the packages' shared version (a changesets "fixed" group): after
// `changeset version` bumped package.json files, this writes that version into spec/openapi.yaml.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'packages', 'openapi', 'package.json'), 'utf8'));
const specFile = join(root, 'spec', 'openapi.yaml');
const spec = readFileSync(specFile, 'utf8');
const infoVersion = /^(info:\n(?:  .*\n)*?  version: )(\S+)$/m;
const match = infoVersion.exec(spec);
if (!match) {
  process.stderr.write(`sync-spec-version: no info.version line found in ${specFile}\n`);
  process.exit(1);
}
if (match[2] === version) {
  process.stdout.write(`sync-spec-version: spec/openapi.yaml info.version is already ${version}\n`);
} else {
  writeFileSync(specFile, spec.replace(infoVersion, `$1${version}`));
  process.stdout.write(`sync-spec-version: spec/openapi.yaml info.version ${match[2]} → ${version}\n`);
}
