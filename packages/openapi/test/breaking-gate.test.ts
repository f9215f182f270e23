// The breaking-change gate (scripts/check-breaking.mjs) on edited copies of the bundle: each breaking
// change is named in plain words and fails the gate unless a large enough bump is recorded.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const bundle = JSON.parse(readFileSync(join(packageDir, 'dist', 'openapi.json'), 'utf8'));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gate-'));
  mkdirSync(join(dir, 'changesets'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Doc = Record<string, any>;
const RESULT = '/v5/{project_id}/api/pipelines/batch-runs/result';

function gate(edit: (doc: Doc) => void, options: { base?: (doc: Doc) => void; changeset?: string } = {}) {
  const base = structuredClone(bundle);
  options.base?.(base);
  const revision = structuredClone(base);
  edit(revision);
  writeFileSync(join(dir, 'base.json'), JSON.stringify(base, null, 2));
  writeFileSync(join(dir, 'revision.json'), JSON.stringify(revision, null, 2));
  if (options.changeset) writeFileSync(join(dir, 'changesets', 'brave-change.md'), options.changeset);
  const run = spawnSync(
    process.execPath,
    ['scripts/check-breaking.mjs', '--base', join(dir, 'base.json'), '--revision', join(dir, 'revision.json'), '--changesets', join(dir, 'changesets')],
    { cwd: packageDir, encoding: 'utf8' },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

const removeResponseField = (doc: Doc) => delete doc.components.schemas.BatchRunResult.properties.pipeline_name;

test('the current bundle against the committed released snapshot passes', () => {
  const run = spawnSync(process.execPath, ['scripts/check-breaking.mjs'], { cwd: packageDir, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^check-breaking: \d+ breaking, \d+ minor, \d+ patch change\(s\)/);
  // a breaking change since the last release passes only with its recorded bump
  if (!run.stdout.startsWith('check-breaking: 0 breaking')) expect(run.stdout).toMatch(/(minor|major) bump recorded/);
});

test('an added optional response field is not breaking', () => {
  const { status, output } = gate((doc) => {
    doc.components.schemas.BatchRunResult.properties.trigger_type = { type: 'string' };
  });
  expect(status).toBe(0);
  expect(output).toContain('0 breaking, 1 minor');
});

test.each([
  ['a removed response field', removeResponseField, 'Property `pipeline_name` of `BatchRunResult` was removed.'],
  [
    'a renamed operationId',
    (doc: Doc) => (doc.paths[RESULT].post.operationId = 'QueryBatchRunResult'),
    "`operationId` of operation `POST /v5/{project_id}/api/pipelines/batch-runs/result` changed from 'ShowBatchRunResult' to 'QueryBatchRunResult'.",
  ],
  [
    'a removed operation',
    (doc: Doc) => delete doc.paths[RESULT],
    'Path `/v5/{project_id}/api/pipelines/batch-runs/result` was removed.',
  ],
  [
    'a new required request field',
    (doc: Doc) => {
      doc.components.schemas.BatchRunPipelineRequest.properties.dry_run = { type: 'boolean' };
      doc.components.schemas.BatchRunPipelineRequest.required.push('dry_run');
    },
    'Properties of `BatchRunPipelineRequest` became required: `dry_run`.',
  ],
  ['a narrowed type', (doc: Doc) => (doc.components.parameters.ProjectId.schema.maxLength = 16), "`maxLength` changed from '32' to '16'."],
])('%s fails the gate and is named', (_what, edit, message) => {
  const { status, output } = gate(edit);
  expect(status).toBe(1);
  expect(output).toContain(`BREAKING  ${message}`);
  expect(output).toContain('these need a minor version bump from 0.1.0, but none is recorded.');
  expect(output).toContain('`pnpm changeset`');
});

test('a removed request enum value fails the gate', () => {
  const { status, output } = gate(
    (doc) => (doc.components.schemas.BatchRunPipelineRequest.properties.mode.enum = ['now']),
    { base: (doc) => (doc.components.schemas.BatchRunPipelineRequest.properties.mode = { type: 'string', enum: ['now', 'queued'] }) },
  );
  expect(status).toBe(1);
  expect(output).toContain("BREAKING  Enum of `mode` lost values: 'queued'.");
});

test('a breaking change passes with a minor changeset for the openapi package (below 1.0)', () => {
  const { status, output } = gate(removeResponseField, { changeset: '---\n"@codearts-pipeline/openapi": minor\n---\n\nDrop pipeline_name.\n' });
  expect(status).toBe(0);
  expect(output).toContain('minor bump recorded (brave-change.md)');
});

test('a patch changeset is not enough for a breaking change', () => {
  const { status, output } = gate(removeResponseField, { changeset: '---\n"@codearts-pipeline/openapi": patch\n---\n\nOops.\n' });
  expect(status).toBe(1);
  expect(output).toContain('but only a patch bump is recorded');
});

test('a breaking change passes when info.version already moved far enough', () => {
  const { status } = gate((doc) => {
    removeResponseField(doc);
    doc.info.version = '0.2.0';
  });
  expect(status).toBe(0);
});

test('from 1.0 a breaking change needs a major bump', () => {
  const at1 = (doc: Doc) => (doc.info.version = '1.0.0');
  const minorOnly = gate((doc) => {
    removeResponseField(doc);
    doc.info.version = '1.1.0';
  }, { base: at1 });
  expect(minorOnly.status).toBe(1);
  expect(minorOnly.output).toContain('these need a major version bump from 1.0.0, but only a minor bump is recorded.');
  const major = gate((doc) => {
    removeResponseField(doc);
    doc.info.version = '2.0.0';
  }, { base: at1 });
  expect(major.status).toBe(0);
});
