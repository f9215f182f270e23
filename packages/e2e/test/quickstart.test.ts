// README command 1's main job (scripts/quickstart.mjs) against the built packages.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');

test('the quickstart prints the six rows of the reference example response and exits 0', () => {
  const run = spawnSync(process.execPath, ['scripts/quickstart.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);

  const document = JSON.parse(readFileSync(require.resolve('@codearts-pipeline/openapi/openapi.json'), 'utf8'));
  const expected: Array<Record<string, string | null>> = document.components.examples.ShowBatchRunResultResponse.value.result;
  const lines = run.stdout.split('\n');
  const header = lines.findIndex((line) => line.startsWith('pipeline_name'));
  expect(header).toBeGreaterThan(-1);
  const rows = lines.slice(header + 2, header + 2 + expected.length);
  rows.forEach((row, index) => {
    const item = expected[index]!;
    const cells = row.split(/ {2,}/);
    expect(cells).toEqual([item.pipeline_name, item.pipeline_id, item.pipeline_run_id, item.status, item.reason ?? 'null']);
  });
  expect(lines[header + 2 + expected.length]).toBe('');
  expect(run.stdout).toContain('6 results; identical to the example response of the API reference.');
});
