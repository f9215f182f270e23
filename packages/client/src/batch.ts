// Batch helpers: any number of pipelines or pipeline/run pairs, split into chunks sent with bounded
// concurrency. Results come back in input order, one outcome per item: a failed chunk marks its own
// items as failed and keeps every other chunk's results.
import type { PipelineClient } from './client.js';
import { CodeArtsApiError } from './errors.js';
import type { components } from './generated/schema.js';

type BatchRunResult = components['schemas']['BatchRunResult'];
type PipelineRunRef = components['schemas']['PipelineRunRef'];
type StartedPipelineRun = components['schemas']['StartedPipelineRun'];

export interface BatchOptions {
  /** Items per request. Default 100. */
  chunkSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Cancels the chunks not yet sent (and those in flight). */
  signal?: AbortSignal;
  /** Called after each chunk with the number of items done so far. */
  onProgress?: (done: number, total: number) => void;
}

export type ItemOutcome<Input, Value> =
  | { ok: true; input: Input; value: Value }
  /** `chunk`: the input positions [start, end) of the request that failed (error messages count within it). */
  | { ok: false; input: Input; error: Error; chunk: { start: number; end: number } };

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Runs `task` over `inputs` with at most `limit` in flight; results keep input order. */
export async function mapWithConcurrency<I, O>(inputs: readonly I[], limit: number, task: (input: I, index: number) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

async function inChunks<Input, Value>(
  inputs: readonly Input[],
  options: BatchOptions,
  send: (chunk: Input[], signal?: AbortSignal) => Promise<Array<Value | undefined>>,
): Promise<Array<ItemOutcome<Input, Value>>> {
  const size = options.chunkSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunkSize must be a positive integer, got ${size}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  let done = 0;
  const perChunk = await mapWithConcurrency(chunk(inputs, size), concurrency, async (items, index) => {
    const range = { start: index * size, end: index * size + items.length };
    let outcomes: Array<ItemOutcome<Input, Value>>;
    try {
      const values = await send(items, options.signal);
      outcomes = items.map((input, i) => {
        const value = values[i];
        return value === undefined
          ? { ok: false as const, input, error: new Error('the response has no entry for this item'), chunk: range }
          : { ok: true as const, input, value };
      });
    } catch (error) {
      if (error instanceof CodeArtsApiError && error.kind === 'aborted') throw error;
      outcomes = items.map((input) => ({ ok: false as const, input, error: error as Error, chunk: range }));
    }
    done += items.length;
    options.onProgress?.(done, inputs.length);
    return outcomes;
  });
  return perChunk.flat();
}

const PATHS = {
  run: '/v5/{project_id}/api/pipelines/batch-runs',
  result: '/v5/{project_id}/api/pipelines/batch-runs/result',
} as const;

/**
 * ShowBatchRunResult for any number of pairs: ⌈pairs / chunkSize⌉ requests. Each outcome is the
 * service's entry for that pair (matched by pipeline and run id), or why there is none.
 */
export function fetchBatchRunResults(
  client: PipelineClient,
  projectId: string,
  pairs: readonly PipelineRunRef[],
  options: BatchOptions = {},
): Promise<Array<ItemOutcome<PipelineRunRef, BatchRunResult>>> {
  return inChunks(pairs, options, async (query, signal) => {
    const { data } = await client.POST(PATHS.result, { params: { path: { project_id: projectId } }, body: { query }, signal });
    const byPair = new Map((data?.result ?? []).map((item) => [`${item.pipeline_id}/${item.pipeline_run_id}`, item]));
    return query.map((pair) => byPair.get(`${pair.pipeline_id}/${pair.pipeline_run_id}`));
  });
}

/**
 * BatchRunPipeline for any number of pipelines: ⌈ids / chunkSize⌉ requests. Starting runs is not
 * retried automatically (see RetryOptions.retryStartsWork); a failed chunk reports its pipelines failed.
 */
export function startBatchRun(
  client: PipelineClient,
  projectId: string,
  pipelineIds: readonly string[],
  options: BatchOptions = {},
): Promise<Array<ItemOutcome<string, PipelineRunRef>>> {
  return inChunks(pipelineIds, options, async (pipeline_ids, signal) => {
    const { data } = await client.POST(PATHS.run, { params: { path: { project_id: projectId } }, body: { pipeline_ids }, signal });
    // A pipeline may be listed more than once (one run each): hand its entries out in response order.
    // An entry without a run id is no started run (the fields are optional in the reference).
    const byPipeline = new Map<string, PipelineRunRef[]>();
    for (const item of data?.result ?? ([] as StartedPipelineRun[])) {
      if (!item.pipeline_id || !item.pipeline_run_id) continue;
      const run = { pipeline_id: item.pipeline_id, pipeline_run_id: item.pipeline_run_id };
      byPipeline.set(item.pipeline_id, [...(byPipeline.get(item.pipeline_id) ?? []), run]);
    }
    return pipeline_ids.map((id) => byPipeline.get(id)?.shift());
  });
}

/** Starts the pipelines, then fetches the start result of each run that was created. */
export async function runBatch(
  client: PipelineClient,
  projectId: string,
  pipelineIds: readonly string[],
  options: BatchOptions = {},
): Promise<Array<ItemOutcome<string, BatchRunResult>>> {
  const started = await startBatchRun(client, projectId, pipelineIds, options);
  const pairs = started.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
  const results = await fetchBatchRunResults(client, projectId, pairs, options);
  let next = 0;
  return started.map((outcome) => {
    if (!outcome.ok) return outcome;
    const result = results[next++]!;
    return result.ok ? { ok: true, input: outcome.input, value: result.value } : { ...result, input: outcome.input };
  });
}
