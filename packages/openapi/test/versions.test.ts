// The spec's info.version and the published packages' versions move together (a changesets "fixed"
// group; scripts/sync-spec-version.mjs writes the version into spec/openapi.yaml at release).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const manifests = readdirSync(join(repoRoot, 'packages')).map((name) => JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8')));
const config = JSON.parse(readFileSync(join(repoRoot, '.changeset', 'config.json'), 'utf8'));

test('every non-ignored package is in the one fixed group, and every package of the group exists', () => {
  const names = manifests.map((m) => m.name as string);
  const grouped = config.fixed.flat() as string[];
  expect(config.fixed).toHaveLength(1);
  expect(names.filter((name) => !config.ignore.includes(name)).sort()).toEqual([...grouped].sort());
});

test("the spec's info.version equals the version of every package of the group", () => {
  const bundle = JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'openapi.json'), 'utf8'));
  const versions = new Set(manifests.filter((m) => config.fixed[0].includes(m.name)).map((m) => m.version));
  expect([...versions]).toEqual([bundle.info.version]);
});
