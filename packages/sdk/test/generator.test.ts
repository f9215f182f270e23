// The generator step itself: the work-around for open value sets, and a clear stop without Java.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const wrapper = require.resolve('@openapitools/openapi-generator-cli/main.js', { paths: [packageDir] });

/** A minimal 3.1 document with one open value set, as spec/README.md writes them. */
const openSetDocument = {
  openapi: '3.1.0',
  info: { title: 'open set', version: '1' },
  paths: {
    '/x': {
      get: {
        operationId: 'GetX',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Item: { type: 'object', properties: { status: { $ref: '#/components/schemas/Status' } } },
      Status: { anyOf: [{ type: 'string', enum: ['A', 'B'] }, { type: 'string' }] },
    },
  },
};

function generate(extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-open-set-'));
  try {
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(openSetDocument));
    const run = spawnSync(
      process.execPath,
      [wrapper, 'generate', '-g', 'typescript-fetch', '-i', join(dir, 'spec.json'), '-o', join(dir, 'out'), '--global-property', 'models', ...extra],
      { cwd: packageDir, encoding: 'utf8', env: { ...process.env, OPENAPI_GENERATOR_CLI_SEARCH_URL: 'DEFAULT' } },
    );
    expect(run.status).toBe(0);
    return readFileSync(join(dir, 'out', 'models', 'Status.ts'), 'utf8') + readFileSync(join(dir, 'out', 'models', 'Item.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('upstream problem: typescript-fetch types an open value set as an empty interface', () => {
  // If this starts failing, openapi-generator fixed it: drop scripts/open-value-sets.mjs.
  const output = generate([]);
  expect(output).toMatch(/export interface Status \{\s*\}/);
  expect(output).toContain('status?: Status;');
});

test('the work-around (--type-mappings, as scripts/build.mjs passes it) types it as string', () => {
  const output = generate(['--type-mappings', 'Status=string']);
  expect(output).toContain('status?: string;');
});

test('the open value sets of the bundle are found (jest cannot import the .mjs: ask node)', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { openValueSetSchemas } from './scripts/open-value-sets.mjs';
    const bundle = JSON.parse(readFileSync(process.argv[1], 'utf8'));
    console.log(JSON.stringify([openValueSetSchemas(bundle), openValueSetSchemas(JSON.parse(process.argv[2]))]));`;
  const bundlePath = require.resolve('@codearts-pipeline/openapi/openapi.json', { paths: [packageDir] });
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, bundlePath, JSON.stringify(openSetDocument)], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([['BatchRunStartStatus'], ['Status']]);
});

test('without Java the build stops with one sentence saying what to install, and keeps dist/', () => {
  const distIndex = readFileSync(join(packageDir, 'dist', 'esm', 'index.js'));
  const run = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, PATH: '/nonexistent' },
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(
    'sdk: The SDK generator needs Java 11 or newer and none was found: install a JDK or JRE (Debian: apt-get install openjdk-17-jre-headless) and build again.',
  );
  expect(readFileSync(join(packageDir, 'dist', 'esm', 'index.js')).equals(distIndex)).toBe(true);
});
