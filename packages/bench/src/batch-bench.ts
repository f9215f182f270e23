// Batch throughput: fetchBatchRunResults over many pipeline/run pairs against the simulator (in a child
// process, on 127.0.0.1) with a fixed latency added to every request, for several chunk sizes and
// concurrency limits, against a naive loop that sends one request per pair. The naive loop is measured
// on a prefix of the pairs and extrapolated linearly (it is strictly sequential, so time ∝ requests).
import { createPipelineClient, fetchBatchRunResults } from '@codearts-pipeline/client';
import { BENCH_CREDENTIALS, RESULT_PATH, seedCall } from './seed';
import { type PipelineRunPair, type SimulatorProcess, startSimulatorProcess } from './simulator-process';
import { round, timed } from './stats';

export interface BatchBenchOptions {
  /** Pairs looked up by every batch configuration. */
  pairs: number;
  /** Latency the simulator adds to every request, in ms (a stand-in for the network round trip). */
  latencyMs: number;
  chunkSizes: number[];
  concurrencies: number[];
  /** Pairs the naive loop actually sends; its time for all pairs is extrapolated from them. */
  naivePairs: number;
}

export interface BatchConfigResult {
  chunkSize: number;
  concurrency: number;
  /** Requests the simulator received for the run. */
  requests: number;
  seconds: number;
  pairsPerSecond: number;
  /** Naive loop's (extrapolated) time for all pairs divided by this configuration's time. */
  speedUp: number;
  /** The client's defaults (chunkSize 100, concurrency 4). */
  isDefault: boolean;
}

export interface BatchBenchResult {
  pairs: number;
  latencyMs: number;
  naive: {
    measuredPairs: number;
    measuredSeconds: number;
    requests: number;
    pairsPerSecond: number;
    /** measuredSeconds × pairs / measuredPairs */
    extrapolatedSecondsForAllPairs: number;
    extrapolated: boolean;
  };
  configurations: BatchConfigResult[];
  best: { chunkSize: number; concurrency: number; seconds: number; speedUp: number };
  default: { chunkSize: number; concurrency: number; seconds: number; speedUp: number } | undefined;
}

const OPERATION = 'ShowBatchRunResult';
const DEFAULT_CHUNK_SIZE = 100;
const DEFAULT_CONCURRENCY = 4;

/** Arms `latencyMs` for exactly the next `requests` ShowBatchRunResult requests and resets the counters. */
async function armLatency(simulator: SimulatorProcess, latencyMs: number, requests: number): Promise<void> {
  await simulator.clearFaults();
  await simulator.resetCounts();
  if (latencyMs > 0 && requests > 0) await simulator.inject({ kind: 'latency', ms: latencyMs }, { operationId: OPERATION, times: requests });
}

async function requestsSeen(simulator: SimulatorProcess): Promise<number> {
  return (await simulator.counts()).byOperation[OPERATION] ?? 0;
}

export async function runBatchBenchmark(options: BatchBenchOptions): Promise<BatchBenchResult> {
  if (options.naivePairs > options.pairs) throw new Error('naivePairs cannot exceed pairs');
  const { projectId } = seedCall();
  const simulator = await startSimulatorProcess({ tokens: [BENCH_CREDENTIALS.token] });
  try {
    const pairs: PipelineRunPair[] = await simulator.seedRuns(options.pairs);
    const client = createPipelineClient({ endpoint: simulator.url, token: BENCH_CREDENTIALS.token });

    // Naive: one request per pair, in sequence, on a prefix of the pairs.
    const prefix = pairs.slice(0, options.naivePairs);
    await armLatency(simulator, options.latencyMs, prefix.length);
    const naiveRun = await timed(async () => {
      for (const pair of prefix) {
        const { data } = await client.POST(RESULT_PATH, { params: { path: { project_id: projectId } }, body: { query: [pair] } });
        if (data?.result?.[0]?.pipeline_run_id !== pair.pipeline_run_id) throw new Error('naive loop: wrong answer');
      }
    });
    const naiveRequests = await requestsSeen(simulator);
    if (naiveRequests !== prefix.length) throw new Error(`naive loop: expected ${prefix.length} requests, the simulator saw ${naiveRequests}`);
    const naiveAll = (naiveRun.seconds * options.pairs) / prefix.length;

    const configurations: BatchConfigResult[] = [];
    for (const chunkSize of options.chunkSizes) {
      for (const concurrency of options.concurrencies) {
        const expectedRequests = Math.ceil(pairs.length / chunkSize);
        await armLatency(simulator, options.latencyMs, expectedRequests);
        const run = await timed(() => fetchBatchRunResults(client, projectId, pairs, { chunkSize, concurrency }));
        const failed = run.value.filter((outcome) => !outcome.ok);
        if (run.value.length !== pairs.length || failed.length > 0) {
          throw new Error(`chunk ${chunkSize} × ${concurrency}: ${failed.length} of ${run.value.length} outcomes failed (${failed[0] && !failed[0].ok ? failed[0].error.message : ''})`);
        }
        const requests = await requestsSeen(simulator);
        if (requests !== expectedRequests) throw new Error(`chunk ${chunkSize} × ${concurrency}: expected ${expectedRequests} requests, the simulator saw ${requests}`);
        configurations.push({
          chunkSize,
          concurrency,
          requests,
          seconds: round(run.seconds, 4),
          pairsPerSecond: round(pairs.length / run.seconds, 0),
          speedUp: round(naiveAll / run.seconds, 1),
          isDefault: chunkSize === DEFAULT_CHUNK_SIZE && concurrency === DEFAULT_CONCURRENCY,
        });
      }
    }
    await simulator.clearFaults();

    const pick = (c: BatchConfigResult) => ({ chunkSize: c.chunkSize, concurrency: c.concurrency, seconds: c.seconds, speedUp: c.speedUp });
    const best = configurations.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const defaults = configurations.find((c) => c.isDefault);
    return {
      pairs: pairs.length,
      latencyMs: options.latencyMs,
      naive: {
        measuredPairs: prefix.length,
        measuredSeconds: round(naiveRun.seconds, 4),
        requests: naiveRequests,
        pairsPerSecond: round(prefix.length / naiveRun.seconds, 1),
        extrapolatedSecondsForAllPairs: round(naiveAll, 3),
        extrapolated: prefix.length < pairs.length,
      },
      configurations,
      best: pick(best),
      default: defaults ? pick(defaults) : undefined,
    };
  } finally {
    await simulator.close();
  }
}
