// The conformance check (scripts/conformance.mjs): the bundle against the official fact table.
// Every operation in scope (33: the SDK's core operations and the detailed docs-only ones) is in the
// spec and matches the facts field for field, every deliberate difference explained.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const bundle = JSON.parse(readFileSync(join(packageDir, 'dist', 'openapi.json'), 'utf8'));

function check(extra: string[] = []) {
  const run = spawnSync(process.execPath, ['scripts/conformance.mjs', '--json', ...extra], { cwd: packageDir, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, report: run.stdout ? JSON.parse(run.stdout) : undefined };
}

test('all 33 operations in scope are present and match the facts; no unexplained mismatch, every exception has a reason and is used', () => {
  const { status, stderr, report } = check();
  expect(stderr).toBe('');
  expect(report.summary.unexplained).toBe(0);
  expect(report.summary.unusedExceptions).toBe(0);
  expect(report.summary.exceptionsWithoutReason).toBe(0);
  expect(status).toBe(0);
  const present = report.rows.filter((row: { present: boolean }) => row.present).map((row: { operation: string }) => row.operation);
  expect(report.summary.operationsInScope).toBe(33);
  expect(report.rows.filter((row: { present: boolean }) => !row.present).map((row: { operation: string }) => row.operation)).toEqual([]);
  expect(present).toHaveLength(33);
  expect(report.summary.fieldsMatched).toBeGreaterThan(900); // every field of every operation was compared
  const table = spawnSync(process.execPath, ['scripts/conformance.mjs'], { cwd: packageDir, encoding: 'utf8' }).stdout;
  process.stdout.write(`${table.split('\n').filter((line: string) => !/\s+NO\s+/.test(line)).join('\n')}\n`);
});

describe('on an edited bundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['a removed response field', (doc: any) => delete doc.components.schemas.StopPipelineRunResponse.properties.success, 'StopPipelineRun', 'response.success', 'missing from the spec'],
    ['a wrong type', (doc: any) => (doc.components.schemas.StopPipelineRunResponse.properties.success = { type: 'string' }), 'StopPipelineRun', 'response.success', 'type string in the spec, boolean in the facts'],
    ['a field required by mistake', (doc: any) => (doc.components.schemas.StopPipelineRunResponse.required = ['success']), 'StopPipelineRun', 'response.success', 'required in the spec, optional in the facts'],
    ['an operation whose security no longer carries the IAM token header', (doc: any) => (doc.paths['/v5/{project_id}/api/pipelines/batch-runs'].post.security = []), 'BatchRunPipeline', 'header X-Auth-Token', 'missing from the spec'],
    ['a bare-array request body turned into an object', (doc: any) => (doc.components.schemas.BatchShowPipelinesLatestStatusRequest = { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } } } }), 'BatchShowPipelinesLatestStatus', 'request', 'model in the spec, array<string> in the facts'],
    ['an extra field', (doc: any) => (doc.components.schemas.BatchRunResult.properties.trigger = { type: 'string' }), 'ShowBatchRunResult', 'response.result.trigger', 'in the spec, not in the facts'],
  ])('%s is an unexplained mismatch, named', (_what, edit, operation, where, problem) => {
    const copy = structuredClone(bundle);
    edit(copy);
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(copy));
    const { status, report } = check(['--bundle', join(dir, 'openapi.json')]);
    expect(status).toBe(1);
    expect(report.unexplained).toContainEqual({ operation, where, problem, reason: undefined });
  });

  test('an exception listing several places needs each of them to be a real mismatch', () => {
    writeFileSync(
      join(dir, 'exceptions.yaml'),
      '- operation: ShowStepOutputs\n  where: [response.step_outputs.output_result.value, response.step_outputs.step_run_id]\n  reason: one reason for two places\n',
    );
    const { status, report } = check(['--exceptions', join(dir, 'exceptions.yaml')]);
    expect(status).toBe(1);
    expect(report.unusedExceptions).toEqual([expect.objectContaining({ operation: 'ShowStepOutputs', where: 'response.step_outputs.step_run_id' })]);
  });

  test('an exception without a reason fails the check', () => {
    writeFileSync(join(dir, 'exceptions.yaml'), '- operation: ShowBatchRunResult\n  where: header X-Auth-Token\n  reason: ""\n');
    const { status, report } = check(['--exceptions', join(dir, 'exceptions.yaml')]);
    expect(status).toBe(1);
    expect(report.summary.exceptionsWithoutReason).toBe(1);
  });
});
