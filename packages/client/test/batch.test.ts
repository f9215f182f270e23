// Batch helpers against the simulator: order, request counts, per-item failures.
import { createPipelineClient, fetchBatchRunResults, runBatch, startBatchRun } from '../src/index';
import { PROJECT_ID, type Running, secrets, startTestSimulator } from './helpers/fixtures';

let running: Running;
beforeEach(async () => {
  running = await startTestSimulator();
});
afterEach(() => running.close());

const hex32 = (n: number, prefix: string) => `${prefix}${n.toString(16)}`.padEnd(32, '0').slice(0, 32);

/** 1,000 pipeline/run pairs known to the simulator; every 7th run failed to start. */
function seedThousandRuns() {
  return Array.from({ length: 1_000 }, (_, i) => {
    const pipeline_id = hex32(i, `a${i}x`);
    const pipeline_run_id = hex32(i, `b${i}y`);
    running.simulator.state.addPipeline({ pipeline_id, name: `Bulk ${i}`, start_refusal: null });
    const failed = i % 7 === 0;
    running.simulator.state.recordRun({
      pipeline_id,
      pipeline_run_id,
      status: failed ? 'START_FAILED' : 'START_SUCCESS',
      reason: failed ? `refused ${i}` : null,
    });
    return { pipeline_id, pipeline_run_id };
  });
}

const client = () => createPipelineClient({ endpoint: running.url, token: secrets.token, retry: false });

test.each([
  [100, 4, 10],
  [64, 3, 16],
  [1_000, 1, 1],
])('1,000 pairs, chunks of %i, concurrency %i: 1,000 results in input order in %i requests', async (chunkSize, concurrency, requests) => {
  const pairs = seedThousandRuns();
  const progress: number[] = [];
  const outcomes = await fetchBatchRunResults(client(), PROJECT_ID, pairs, { chunkSize, concurrency, onProgress: (done) => progress.push(done) });
  expect(outcomes).toHaveLength(1_000);
  outcomes.forEach((outcome, i) => {
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.input).toBe(pairs[i]);
    expect(outcome.value.pipeline_run_id).toBe(pairs[i]!.pipeline_run_id);
    expect(outcome.value.pipeline_name).toBe(`Bulk ${i}`);
    expect(outcome.value.reason).toBe(i % 7 === 0 ? `refused ${i}` : null);
  });
  expect(running.simulator.requestCounts.get('ShowBatchRunResult')).toBe(requests);
  expect(running.simulator.requestCount).toBe(requests);
  expect(progress.at(-1)).toBe(1_000);
});

test('a failed chunk reports its own items as failed and keeps every other result', async () => {
  const pairs = seedThousandRuns().slice(0, 300);
  // concurrency 1 sends the chunks in order, so the injected 500 hits the first one
  running.simulator.faults.inject({ kind: 'status', status: 500 }, { operationId: 'ShowBatchRunResult' });
  const outcomes = await fetchBatchRunResults(client(), PROJECT_ID, pairs, { chunkSize: 100, concurrency: 1 });
  const failedIndexes = outcomes.flatMap((outcome, i) => (outcome.ok ? [] : [i]));
  expect(failedIndexes).toEqual(Array.from({ length: 100 }, (_, i) => i));
  const failure = outcomes[0]!;
  expect(failure.ok).toBe(false);
  if (!failure.ok) expect(failure.error.message).toContain('ShowBatchRunResult failed with HTTP 500');
  expect(outcomes.slice(100).every((outcome) => outcome.ok)).toBe(true);
});

test('startBatchRun and runBatch: seeded pipelines start or are refused as the reference example shows', async () => {
  const ids = ['6ba9a2dbc7024c22a9a6614516dc22db', 'd7013d2402ff4cc88489ee5af324e049', 'cce81e5f7e604b609172aafcae73c025'];
  const started = await startBatchRun(client(), PROJECT_ID, ids, { chunkSize: 2 });
  expect(started.map((o) => o.ok && o.value.pipeline_id)).toEqual(ids);
  expect(running.simulator.requestCounts.get('BatchRunPipeline')).toBe(2);

  const outcomes = await runBatch(client(), PROJECT_ID, ids, { chunkSize: 2 });
  expect(outcomes.map((o) => (o.ok ? [o.input, o.value.status, o.value.reason] : o.error.message))).toEqual([
    [ids[0], 'START_FAILED', 'Current pipeline is banned.'],
    [ids[1], 'START_SUCCESS', null],
    [ids[2], 'START_FAILED', 'Reached the maximum of 1 concurrencies for single pipeline. Entering the queuing state.'],
  ]);
});

test('an unknown pipeline fails its chunk of runBatch, not the others', async () => {
  const ids = ['6ba9a2dbc7024c22a9a6614516dc22db', '0'.repeat(32), 'd7013d2402ff4cc88489ee5af324e049'];
  const outcomes = await runBatch(client(), PROJECT_ID, ids, { chunkSize: 1 });
  expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
  const failed = outcomes[1]!;
  if (!failed.ok) expect(failed.error.message).toContain(`pipeline ${'0'.repeat(32)} does not exist`);
});

test('bad chunk options are refused', async () => {
  await expect(fetchBatchRunResults(client(), PROJECT_ID, [], { chunkSize: 0 })).rejects.toThrow('chunkSize must be a positive integer, got 0');
  await expect(fetchBatchRunResults(client(), PROJECT_ID, [], { concurrency: 1.5 })).rejects.toThrow('concurrency must be a positive integer, got 1.5');
});

test('a pipeline listed several times gets one distinct run per listing', async () => {
  const ids = Array.from({ length: 250 }, (_, i) => ['d7013d2402ff4cc88489ee5af324e049', '6ba9a2dbc7024c22a9a6614516dc22db', '70aa57009b0d433587b58faf05e4fd7f'][i % 3]!);
  const started = await startBatchRun(client(), PROJECT_ID, ids, { chunkSize: 100 });
  const runIds = started.map((o) => (o.ok ? o.value.pipeline_run_id : o.error.message));
  expect(started.every((o, i) => o.ok && o.value.pipeline_id === ids[i])).toBe(true);
  expect(new Set(runIds).size).toBe(250);
});

test('a failed outcome says which input positions its request covered', async () => {
  const pairs = seedThousandRuns().slice(0, 250);
  pairs[150] = { pipeline_id: pairs[150]!.pipeline_id, pipeline_run_id: 'f'.repeat(32) };
  const outcomes = await fetchBatchRunResults(client(), PROJECT_ID, pairs, { chunkSize: 100 });
  const failed = outcomes[150]!;
  expect(failed.ok).toBe(false);
  if (!failed.ok) {
    expect(failed.chunk).toEqual({ start: 100, end: 200 });
    expect(failed.error.message).toContain(`query[50]: pipeline ${pairs[150]!.pipeline_id} has no run ${'f'.repeat(32)}`);
  }
  expect(outcomes.filter((o) => o.ok)).toHaveLength(150);
});
