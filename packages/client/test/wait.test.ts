// Waiting for runs (src/wait.ts) against the simulator over HTTP: runs really progress (ADR 0011: each
// step takes STEP_MS of the simulator's clock, a manual review waits for a decision, simulator_fail fails).
// Times are checked with the simulator's own clock (`current_system_time` of each poll) and lower bounds
// only, so a slow machine cannot fail these tests.
import {
  FINAL_RUN_STATUSES,
  type PipelineClient,
  type PipelineRunDetail,
  RunWaitTimeoutError,
  createPipelineClient,
  runBatchAndWait,
  runPipelineAndWait,
  waitForRun,
} from '../src/index';
import { exampleValue } from '@codearts-pipeline/simulator';
import { PROJECT_ID, type Running, document, failureOf, secrets, startTestSimulator } from './helpers/fixtures';

const STEP_MS = 25;
const BANNED_PIPELINE = '6ba9a2dbc7024c22a9a6614516dc22db';
const DETAIL = 'ShowPipelineRunDetail';

let running: Running;
let client: PipelineClient;
beforeEach(async () => {
  running = await startTestSimulator({ timing: { stepMs: STEP_MS } });
  // no retries: every request the simulator counts is one the wait made on purpose
  client = createPipelineClient({ endpoint: running.url, token: secrets.token, retry: false });
});
afterEach(() => running.close());

const step = (name: string, task: string) => ({ name, task });
const definition = (...stages: Array<{ name: string; jobs: Array<{ name: string; steps: Array<{ name: string; task: string }> }> }>) =>
  JSON.stringify({ stages });
// every stage also has an automatic entry check, so QUICK takes 4 × STEP_MS
const QUICK = definition({
  name: 'Build',
  jobs: [{ name: 'Compile', steps: [step('Check out', 'official_devcloud_codeCheckout'), step('Build package', 'official_devcloud_build'), step('Unit tests', 'official_devcloud_test')] }],
});
const FAILING = definition({
  name: 'Test',
  jobs: [{ name: 'Tests', steps: [step('Unit tests', 'official_devcloud_test'), step('Broken suite', 'simulator_fail'), step('Report', 'official_devcloud_test')] }],
});
// a review first (passed by the test), then QUICK's stage
const GATED = definition(
  { name: 'Gate', jobs: [{ name: 'Approve', steps: [step('Approve start', 'official_devcloud_manualReview')] }] },
  JSON.parse(QUICK).stages[0],
);
const REVIEWED = definition(
  { name: 'Build', jobs: [{ name: 'Compile', steps: [step('Build package', 'official_devcloud_build')] }] },
  { name: 'Release', jobs: [{ name: 'Approve and deploy', steps: [step('Approve release', 'official_devcloud_manualReview'), step('Deploy', 'official_devcloud_deploy')] }] },
);

async function createPipeline(name: string, pipelineDefinition: string): Promise<string> {
  const body = { ...exampleValue<Record<string, unknown>>(document, 'CreatePipelineNew'), name, definition: pipelineDefinition };
  const { data } = await client.POST('/v5/{project_id}/api/pipelines', { params: { path: { project_id: PROJECT_ID } }, body: body as never });
  expect(data?.pipeline_id).toMatch(/^[0-9a-f]{32}$/);
  return data!.pipeline_id!;
}

async function startRun(name: string, pipelineDefinition: string) {
  const pipelineId = await createPipeline(name, pipelineDefinition);
  const { data } = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/run', {
    params: { path: { project_id: PROJECT_ID, pipeline_id: pipelineId } },
    body: {},
  });
  return { projectId: PROJECT_ID, pipelineId, pipelineRunId: data!.pipeline_run_id! };
}

/** Passes the first review of `run` (AcceptManualReview). */
async function pass(locator: { projectId: string; pipelineId: string }, run: PipelineRunDetail): Promise<void> {
  const job = run.stages![0]!.jobs![0]!;
  const { data } = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/pass', {
    params: { path: { project_id: locator.projectId, pipeline_id: locator.pipelineId, pipeline_run_id: run.id!, job_run_id: job.id!, step_run_id: job.steps![0]!.id! } },
  });
  expect(data).toEqual({ success: true });
}

const polls = () => running.simulator.requestCounts.get(DETAIL) ?? 0;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reviewStep = (run: PipelineRunDetail) => run.stages?.[1]?.jobs?.[0]?.steps?.[0];

/** Rejects with what `call` rejects with (fails the test if it resolves). */
async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('waitForRun', () => {
  test.each([5, 40])('intervalMs %i: returns the final run; one onProgress call per poll, polls spaced by intervalMs', async (intervalMs) => {
    // The run waits at a review until the first poll has seen it, so the wait surely starts on a RUNNING
    // run however slow the machine; then 4 automatic items of STEP_MS each.
    const locator = await startRun('wait-gated', GATED);
    const seen: PipelineRunDetail[] = [];
    const onProgress = async (run: PipelineRunDetail) => {
      seen.push(run);
      if (seen.length === 1) await pass(locator, run);
    };
    const finished = await waitForRun(client, locator, { intervalMs, onProgress });

    expect(finished.status).toBe('COMPLETED');
    expect(finished.id).toBe(locator.pipelineRunId);
    expect(finished.stages!.map((stage) => stage.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(finished.stages![1]!.jobs![0]!.steps!.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(seen.at(-1)).toBe(finished); // the last progress report is the answer
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.map((run) => run.status)).toEqual([...Array(seen.length - 1).fill('RUNNING'), 'COMPLETED']);
    expect(polls()).toBe(seen.length); // one request per onProgress call
    expect(seen[0]!.stages![0]!.jobs![0]!.steps![0]!.status).toBe('RUNNING'); // each report: the run as it was then
    expect(seen[0]!.stages![1]!.status).toBe('INIT');

    // Polls are spaced by at least intervalMs on the simulator's clock (1 ms of slack for timer rounding);
    // the one before the last still saw the run unfinished...
    const times = seen.map((run) => run.current_system_time!);
    times.slice(1).forEach((time, i) => expect(time - times[i]!).toBeGreaterThanOrEqual(intervalMs - 1));
    const approvedAt = finished.stages![0]!.jobs![0]!.steps![0]!.end_time!;
    expect(finished.end_time! - approvedAt).toBe(4 * STEP_MS);
    expect(times.at(-2)!).toBeLessThan(finished.end_time!);
    expect(times.at(-1)!).toBeGreaterThanOrEqual(finished.end_time!);
    // ...hence no more polls than the time from the first poll to the end allows at this interval
    expect(seen.length - 2).toBeLessThan((finished.end_time! - times[0]!) / (intervalMs - 1));
    const done = seen.map((run) => run.stages![1]!.jobs![0]!.steps!.filter((s) => s.status === 'COMPLETED').length);
    expect([...done].sort((a, b) => a - b)).toEqual(done); // never goes backwards
  });

  test('a run that fails (a simulator_fail step) ends the wait with status FAILED, without throwing', async () => {
    const locator = await startRun('wait-failing', FAILING);
    const finished = await waitForRun(client, locator, { intervalMs: 10 });
    expect(finished.status).toBe('FAILED');
    expect(finished.stages![0]!.jobs![0]!.steps!.map((s) => s.status ?? 'not started')).toEqual(['COMPLETED', 'FAILED', 'not started']);
  });

  test('a run held at a manual review times out with RunWaitTimeoutError carrying the last state seen', async () => {
    const locator = await startRun('wait-review', REVIEWED);
    const timeoutMs = 200;
    const started = Date.now();
    const error = await rejectionOf(waitForRun(client, locator, { intervalMs: 15, timeoutMs }));
    const elapsed = Date.now() - started;

    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    const timeout = error as RunWaitTimeoutError;
    expect(timeout.name).toBe('RunWaitTimeoutError');
    expect(timeout.run?.status).toBe('RUNNING');
    expect(reviewStep(timeout.run as PipelineRunDetail)).toMatchObject({ name: 'Approve release', status: 'RUNNING' });
    expect(timeout.locator).toEqual(locator);
    expect(timeout.timeoutMs).toBe(timeoutMs);
    expect(timeout.message).toContain(`run ${locator.pipelineRunId} of pipeline ${locator.pipelineId} is still RUNNING after ${timeoutMs} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 1); // not before the deadline (1 ms of timer rounding)
  });

  test('timeoutMs 0 never times out', async () => {
    const locator = await startRun('wait-no-deadline', QUICK);
    const finished = await waitForRun(client, locator, { intervalMs: 10, timeoutMs: 0 });
    expect(finished.status).toBe('COMPLETED');
  });

  test('an AbortSignal aborted mid-wait rejects promptly with CodeArtsApiError kind aborted, and polls no more', async () => {
    const locator = await startRun('wait-abort', REVIEWED);
    const controller = new AbortController();
    const reason = new Error('the user pressed Ctrl-C');
    const intervalMs = 30_000; // the abort comes during a sleep that would last 30 s
    const onProgress = () => void setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    const error = await failureOf(waitForRun(client, locator, { intervalMs, signal: controller.signal, onProgress }));
    expect(Date.now() - started).toBeLessThan(intervalMs); // did not sleep the interval out
    expect([error.kind, error.status, error.operation]).toEqual(['aborted', 0, DETAIL]);
    expect(error.cause).toBe(reason);
    expect(polls()).toBe(1);
    await delay(100);
    expect(polls()).toBe(1);
  });

  test('an already aborted signal rejects with kind aborted', async () => {
    const locator = await startRun('wait-pre-aborted', QUICK);
    const error = await failureOf(waitForRun(client, locator, { intervalMs: 10, signal: AbortSignal.abort() }));
    expect(error.kind).toBe('aborted');
  });

  test.each([
    ['throws', () => {
      throw new Error('progress bar broke');
    }],
    ['rejects', async () => {
      throw new Error('progress bar broke');
    }],
  ])('an onProgress that %s stops the wait with its error', async (_, fail) => {
    const locator = await startRun('wait-progress-error', REVIEWED); // stays RUNNING: a second poll surely comes
    let calls = 0;
    const error = await rejectionOf(
      waitForRun(client, locator, {
        intervalMs: 5,
        timeoutMs: 5_000, // fails fast (RunWaitTimeoutError) if the error were swallowed
        onProgress: () => {
          calls += 1;
          return calls === 2 ? fail() : undefined;
        },
      }),
    );
    expect(error).toEqual(new Error('progress bar broke'));
    expect(calls).toBe(2);
    expect(polls()).toBe(2);
    await delay(50);
    expect(polls()).toBe(2); // nothing keeps polling behind the caller's back
  });

  test.each([
    ['intervalMs', 0],
    ['intervalMs', -5],
    ['intervalMs', Number.NaN],
    ['timeoutMs', -1],
    ['timeoutMs', Number.NaN],
  ])('%s %p is a RangeError before any request', async (option, value) => {
    const locator = await startRun('wait-invalid', QUICK);
    const before = running.simulator.requestCount;
    const error = await rejectionOf(waitForRun(client, locator, { [option]: value }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toContain(`${option} must be a`);
    expect((error as Error).message).toContain(`got ${value}`);
    expect(running.simulator.requestCount).toBe(before);
    expect(polls()).toBe(0);
  });

  test('a custom isFinal ends the wait early (and replaces the default statuses)', async () => {
    const locator = await startRun('wait-custom-final', REVIEWED);
    const statuses: string[] = [];
    const early = await waitForRun(client, locator, {
      intervalMs: 10,
      timeoutMs: 5_000, // the run waits for a review: without isFinal this would time out
      isFinal: (status) => {
        statuses.push(status);
        return status === 'RUNNING';
      },
    });
    expect(early.status).toBe('RUNNING');
    expect(statuses).toEqual(['RUNNING']);
    expect(polls()).toBe(1);

    const done = await startRun('wait-never-final', QUICK);
    expect((await waitForRun(client, done, { intervalMs: 10 })).status).toBe('COMPLETED');
    const error = await rejectionOf(waitForRun(client, done, { intervalMs: 10, timeoutMs: 50, isFinal: () => false }));
    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    expect((error as RunWaitTimeoutError).run?.status).toBe('COMPLETED');
  });

  test('FINAL_RUN_STATUSES', () => {
    expect(FINAL_RUN_STATUSES).toEqual(['COMPLETED', 'FAILED', 'CANCELED', 'IGNORED']);
  });
});

describe('runPipelineAndWait', () => {
  test('starts exactly one run and answers its final detail; onProgress can pass a manual review', async () => {
    const pipelineId = await createPipeline('wait-and-approve', REVIEWED);
    const statuses: string[] = [];
    let approvals = 0;
    const finished = await runPipelineAndWait(
      client,
      { projectId: PROJECT_ID, pipelineId, body: { description: 'release 1.2' } },
      {
        intervalMs: 10,
        onProgress: async (run) => {
          statuses.push(run.status!);
          const job = run.stages?.[1]?.jobs?.[0];
          const review = job?.steps?.[0];
          if (review?.status !== 'RUNNING') return;
          approvals += 1;
          await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/pass', {
            params: { path: { project_id: PROJECT_ID, pipeline_id: pipelineId, pipeline_run_id: run.id!, job_run_id: job!.id!, step_run_id: review.id! } },
          });
        },
      },
    );
    expect(running.simulator.requestCounts.get('RunPipeline')).toBe(1);
    expect(finished).toMatchObject({ pipeline_id: pipelineId, status: 'COMPLETED', description: 'release 1.2', run_number: 1 });
    expect(reviewStep(finished)?.status).toBe('COMPLETED');
    expect(approvals).toBe(1); // the review was seen waiting once, then passed
    expect(running.simulator.requestCounts.get('AcceptManualReview')).toBe(1);
    expect(statuses[0]).toBe('RUNNING');
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(polls()).toBe(statuses.length);
  });

  test('a run that fails is answered, not thrown; the start is not repeated', async () => {
    const pipelineId = await createPipeline('wait-run-failing', FAILING);
    const finished = await runPipelineAndWait(client, { projectId: PROJECT_ID, pipelineId }, { intervalMs: 10 });
    expect(finished.status).toBe('FAILED');
    expect(running.simulator.requestCounts.get('RunPipeline')).toBe(1);
  });

  test('a start the service refuses throws with its reason; nothing is polled', async () => {
    const error = await rejectionOf(runPipelineAndWait(client, { projectId: PROJECT_ID, pipelineId: BANNED_PIPELINE }, { intervalMs: 10 }));
    expect((error as Error).message).toBe(`pipeline ${BANNED_PIPELINE} did not start: Current pipeline is banned.`);
    expect(running.simulator.requestCounts.get('ShowPipelineRunDetail')).toBeUndefined();
  });

  test('invalid options are a RangeError before the run is started', async () => {
    const pipelineId = await createPipeline('wait-run-invalid', QUICK);
    const error = await rejectionOf(runPipelineAndWait(client, { projectId: PROJECT_ID, pipelineId }, { intervalMs: 0 }));
    expect(error).toBeInstanceOf(RangeError);
    expect(running.simulator.requestCounts.get('RunPipeline')).toBeUndefined();
  });
});

describe('runBatchAndWait', () => {
  test('one outcome per pipeline in input order: final runs, the not-started one with its reason, a timed-out one', async () => {
    const quick = await createPipeline('batch-quick', QUICK);
    const failing = await createPipeline('batch-failing', FAILING);
    const reviewed = await createPipeline('batch-reviewed', REVIEWED);
    const ids = [quick, BANNED_PIPELINE, failing, reviewed];
    const reported = new Set<string>();
    const outcomes = await runBatchAndWait(client, PROJECT_ID, ids, {
      intervalMs: 10,
      timeoutMs: 1_000, // ample for the runs that end (≤ 4 steps of 25 ms); the reviewed one never does
      concurrency: 2,
      onRunProgress: (pipelineId, run) => {
        expect(run.pipeline_id).toBe(pipelineId);
        reported.add(pipelineId);
      },
    });

    expect(outcomes.map((o) => o.input)).toEqual(ids);
    expect(outcomes.map((o) => (o.ok ? o.value.status : o.error.name))).toEqual(['COMPLETED', 'Error', 'FAILED', 'RunWaitTimeoutError']);
    const [done, banned, failed, timedOut] = outcomes;
    if (!done!.ok || banned!.ok || !failed!.ok || timedOut!.ok) throw new Error('unexpected outcome kinds');
    expect(done!.value.pipeline_id).toBe(quick);
    expect(failed!.value.pipeline_id).toBe(failing);
    expect(banned!.error.message).toContain('Current pipeline is banned.');
    expect(banned!.error.message).toContain(BANNED_PIPELINE);
    expect((timedOut!.error as RunWaitTimeoutError).run?.status).toBe('RUNNING');
    expect([...reported].sort()).toEqual([quick, failing, reviewed].sort()); // never the one that did not start
    expect(running.simulator.requestCounts.get('BatchRunPipeline')).toBe(1);
    expect(running.simulator.requestCounts.get('RunPipeline')).toBeUndefined();
  });

  test('an abort during the waits rejects the whole call', async () => {
    const reviewed = await createPipeline('batch-abort', REVIEWED);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(runBatchAndWait(client, PROJECT_ID, [reviewed], { intervalMs: 10, signal: controller.signal }));
    expect(error.kind).toBe('aborted');
  });

  test('invalid options are a RangeError before anything is started', async () => {
    const quick = await createPipeline('batch-invalid', QUICK);
    const error = await rejectionOf(runBatchAndWait(client, PROJECT_ID, [quick], { intervalMs: -1 }));
    expect(error).toBeInstanceOf(RangeError);
    expect(running.simulator.requestCounts.get('BatchRunPipeline')).toBeUndefined();
  });
});
