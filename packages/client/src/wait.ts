// Waiting for runs: poll ShowPipelineRunDetail until the run reaches a final status, with an interval,
// a deadline, cancellation and a callback per poll (progress bars, approving a manual review when one
// shows up). Start-and-wait helpers for one pipeline (RunPipeline) and for a batch (BatchRunPipeline).
import { type BatchOptions, mapWithConcurrency, runBatch } from './batch.js';
import type { PipelineClient } from './client.js';
import { CodeArtsApiError } from './errors.js';
import { abortableSleep } from './transport.js';
import { FINAL_RUN_STATUSES } from './generated/run-statuses.js';
import type { paths } from './generated/schema.js';

const RUN_DETAIL = '/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/detail';
const RUN_PIPELINE = '/v5/{project_id}/api/pipelines/{pipeline_id}/run';

/** ShowPipelineRunDetail's answer: the run with its stages, jobs and steps. */
export type PipelineRunDetail = paths[typeof RUN_DETAIL]['get']['responses'][200]['content']['application/json'];
/** RunPipeline's request body. */
export type RunPipelineBody = NonNullable<paths[typeof RUN_PIPELINE]['post']['requestBody']>['content']['application/json'];

/** Run statuses after which nothing changes unless someone retries the run (from the document). */
export { FINAL_RUN_STATUSES };

export interface WaitForRunOptions {
  /** Time between two polls, in ms. Default 3 000. */
  intervalMs?: number;
  /** Give up after this many ms (RunWaitTimeoutError). Default 3 600 000 (one hour); 0 = never. */
  timeoutMs?: number;
  /** Stops waiting (the pending poll is aborted; rejects with the client's `aborted` error). */
  signal?: AbortSignal;
  /** Called after every poll with the run as it is now; a thrown error stops the wait. */
  onProgress?: (run: PipelineRunDetail) => void | Promise<void>;
  /** Which statuses end the wait (the whole run is passed too, e.g. to wait for a step). Default: FINAL_RUN_STATUSES. */
  isFinal?: (status: string, run: PipelineRunDetail) => boolean;
}

export interface RunLocator {
  projectId: string;
  pipelineId: string;
  pipelineRunId: string;
}

/** The deadline passed with the run still not final; `run` is the last state seen. */
export class RunWaitTimeoutError extends Error {
  override readonly name = 'RunWaitTimeoutError';
  constructor(
    readonly locator: RunLocator,
    /** The last state seen (a run detail). */
    readonly run: { status?: string } | undefined,
    readonly timeoutMs: number,
  ) {
    super(
      `run ${locator.pipelineRunId} of pipeline ${locator.pipelineId} is still ${run?.status ?? 'unknown'} after ${timeoutMs} ms` +
        ' (raise timeoutMs, or look at the run: a step may be waiting for a manual review)',
    );
  }
}

function checkPositive(name: string, value: number, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of ms, got ${value}`);
  }
}

/** The wait's settings with their defaults, checked before anything is sent (nothing starts on a typo). */
function waitSettings(options: Pick<WaitForRunOptions, 'intervalMs' | 'timeoutMs'>) {
  const intervalMs = options.intervalMs ?? 3_000;
  const timeoutMs = options.timeoutMs ?? 3_600_000;
  checkPositive('intervalMs', intervalMs, false);
  checkPositive('timeoutMs', timeoutMs, true);
  return { intervalMs, timeoutMs };
}

/**
 * The polling loop behind waitForRun, for any way of reading a run (the SDK passes its own method):
 * calls `readRun` until the run's status is final, sleeping `intervalMs` between calls.
 */
export async function pollRun<Run extends { status?: string }>(
  readRun: (signal?: AbortSignal) => Promise<Run>,
  locator: RunLocator,
  options: Omit<WaitForRunOptions, 'onProgress' | 'isFinal'> & {
    onProgress?: (run: Run) => void | Promise<void>;
    isFinal?: (status: string, run: Run) => boolean;
  } = {},
): Promise<Run> {
  const { intervalMs, timeoutMs } = waitSettings(options);
  const isFinal = options.isFinal ?? ((status: string) => FINAL_RUN_STATUSES.includes(status));
  const deadline = timeoutMs === 0 ? Infinity : Date.now() + timeoutMs;
  for (;;) {
    const run = await readRun(options.signal);
    await options.onProgress?.(run);
    if (run.status !== undefined && isFinal(run.status, run)) return run;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new RunWaitTimeoutError(locator, run, timeoutMs);
    await abortableSleep(Math.min(intervalMs, remaining), options.signal).catch((cause) => {
      throw new CodeArtsApiError('aborted', 0, 'ShowPipelineRunDetail', undefined, 'waiting for the run was aborted', undefined, { cause });
    });
  }
}

/** Polls ShowPipelineRunDetail until the run's status is final; answers the final run detail. */
export function waitForRun(client: PipelineClient, locator: RunLocator, options: WaitForRunOptions = {}): Promise<PipelineRunDetail> {
  return pollRun(async (signal) => {
    const { data } = await client.GET(RUN_DETAIL, {
      params: {
        path: { project_id: locator.projectId, pipeline_id: locator.pipelineId },
        query: { pipeline_run_id: locator.pipelineRunId },
      },
      signal,
    });
    if (!data) throw new Error(`ShowPipelineRunDetail answered without a body for run ${locator.pipelineRunId}`);
    return data;
  }, locator, options);
}

/**
 * RunPipeline, then waits for that run to end. The start is not retried automatically (it starts work);
 * a start the service refuses (`error_msg`, e.g. a banned pipeline) throws, with its reason.
 */
export async function runPipelineAndWait(
  client: PipelineClient,
  target: { projectId: string; pipelineId: string; body?: RunPipelineBody },
  options: WaitForRunOptions = {},
): Promise<PipelineRunDetail> {
  waitSettings(options);
  const { data } = await client.POST(RUN_PIPELINE, {
    params: { path: { project_id: target.projectId, pipeline_id: target.pipelineId } },
    body: target.body ?? {},
    signal: options.signal,
  });
  // the service reports a refused start in-band (`error_msg`), like the batch operations' `reason`
  if (data?.error_msg || !data?.pipeline_run_id) {
    throw new Error(`pipeline ${target.pipelineId} did not start: ${data?.error_msg || 'RunPipeline answered without a pipeline_run_id'}`);
  }
  return waitForRun(client, { projectId: target.projectId, pipelineId: target.pipelineId, pipelineRunId: data.pipeline_run_id }, options);
}

/** One pipeline's outcome in runBatchAndWait: its final run, or why there is none. */
export type RunOutcome = { ok: true; input: string; value: PipelineRunDetail } | { ok: false; input: string; error: Error };

/**
 * BatchRunPipeline (via runBatch), then waits for every started run, `concurrency` waits at a time.
 * One outcome per pipeline, in input order: the final run, or why there is none (not started, with the
 * service's reason; a failed request; a wait that timed out).
 */
export async function runBatchAndWait(
  client: PipelineClient,
  projectId: string,
  pipelineIds: readonly string[],
  options: BatchOptions & Omit<WaitForRunOptions, 'onProgress'> & { onRunProgress?: (pipelineId: string, run: PipelineRunDetail) => void } = {},
): Promise<RunOutcome[]> {
  waitSettings(options);
  const started = await runBatch(client, projectId, pipelineIds, options);
  return mapWithConcurrency(started, options.concurrency ?? 4, async (outcome): Promise<RunOutcome> => {
    if (!outcome.ok) return { ok: false, input: outcome.input, error: outcome.error };
    const { value } = outcome;
    if (value.status !== 'START_SUCCESS') {
      const reason = value.reason ?? `start status ${value.status}`;
      return { ok: false, input: outcome.input, error: new Error(`pipeline ${outcome.input} did not start: ${reason}`) };
    }
    try {
      const run = await waitForRun(
        client,
        { projectId, pipelineId: value.pipeline_id!, pipelineRunId: value.pipeline_run_id! },
        { ...options, onProgress: options.onRunProgress && ((detail) => options.onRunProgress!(outcome.input, detail)) },
      );
      return { ok: true, input: outcome.input, value: run };
    } catch (error) {
      if (error instanceof CodeArtsApiError && error.kind === 'aborted') throw error;
      return { ok: false, input: outcome.input, error: error as Error };
    }
  });
}
