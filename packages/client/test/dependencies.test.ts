// The client's runtime dependencies stay openapi-fetch plus the signer (its size budget, ≤ 8 kB
// minified + gzip with them, is measured and checked by packages/bench).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('runtime dependencies: openapi-fetch plus the signer, nothing else', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  expect(Object.keys(manifest.dependencies).sort()).toEqual(['@codearts-pipeline/signer', 'openapi-fetch']);
});
