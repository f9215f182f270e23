// The simulator's data: pipelines and the runs started for them.
// The initial data is derived from the document's own examples, so the examples are the fixture:
// sending an operation's example request to a fresh simulator answers with its example response.
import { randomBytes } from 'node:crypto';
import { type OpenApiDocument, exampleValue } from './api-model.js';

/** The two start outcomes the reference shows (BatchRunStartStatus); any other string may be recorded. */
export const START_SUCCESS = 'START_SUCCESS';
export const START_FAILED = 'START_FAILED';

export interface SimulatedPipeline {
  pipeline_id: string;
  name: string;
  /** Why a start of this pipeline is refused (e.g. "Current pipeline is banned."), or null if it starts. */
  start_refusal: string | null;
}

export interface SimulatedRun {
  pipeline_id: string;
  pipeline_run_id: string;
  status: string;
  reason: string | null;
  /** Set by StopPipelineRun. */
  stopped?: boolean;
}

export class SimulatorState {
  readonly pipelines = new Map<string, SimulatedPipeline>();
  /** Keyed by `${pipeline_id}/${pipeline_run_id}`. */
  readonly runs = new Map<string, SimulatedRun>();

  addPipeline(pipeline: SimulatedPipeline): SimulatedPipeline {
    this.pipelines.set(pipeline.pipeline_id, pipeline);
    return pipeline;
  }

  recordRun(run: SimulatedRun): SimulatedRun {
    if (!this.pipelines.has(run.pipeline_id)) throw new Error(`No pipeline ${run.pipeline_id} in the simulator`);
    this.runs.set(runKey(run.pipeline_id, run.pipeline_run_id), run);
    return run;
  }

  findRun(pipelineId: string, runId: string): SimulatedRun | undefined {
    return this.runs.get(runKey(pipelineId, runId));
  }

  /** Starts a run: it is recorded either way; a pipeline with a start refusal gets START_FAILED. */
  startRun(pipelineId: string): SimulatedRun {
    const pipeline = this.pipelines.get(pipelineId);
    if (!pipeline) throw new Error(`No pipeline ${pipelineId} in the simulator`);
    return this.recordRun({
      pipeline_id: pipelineId,
      pipeline_run_id: newId(),
      status: pipeline.start_refusal === null ? START_SUCCESS : START_FAILED,
      reason: pipeline.start_refusal,
    });
  }
}

function runKey(pipelineId: string, runId: string): string {
  return `${pipelineId}/${runId}`;
}

/** A 32-character lower-case hex id, the shape of the service's ids. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

interface RunRefExample {
  pipeline_id: string;
  pipeline_run_id: string;
}
interface ResultExample extends RunRefExample {
  pipeline_name: string;
  status: string;
  reason: string | null;
}

/**
 * Seeds the state from the examples:
 * - ShowBatchRunResult's example response gives pipelines (id, name) and their runs; a pipeline whose
 *   example run failed to start keeps refusing starts with the same reason, so BatchRunPipeline on it
 *   reproduces the example's outcome;
 * - BatchRunPipeline's example request/response give two more pipelines, each with its started run.
 */
export function seedFromExamples(document: OpenApiDocument, state = new SimulatorState()): SimulatorState {
  const results = exampleValue<{ result: ResultExample[] }>(document, 'ShowBatchRunResult', { status: '200' }).result;
  for (const item of results) {
    state.addPipeline({
      pipeline_id: item.pipeline_id,
      name: item.pipeline_name,
      start_refusal: item.status === START_SUCCESS ? null : item.reason,
    });
    state.recordRun({
      pipeline_id: item.pipeline_id,
      pipeline_run_id: item.pipeline_run_id,
      status: item.status,
      reason: item.reason,
    });
  }

  const started = exampleValue<{ result: RunRefExample[] }>(document, 'BatchRunPipeline', { status: '200' }).result;
  started.forEach((item, index) => {
    if (!state.pipelines.has(item.pipeline_id)) {
      // The reference gives no names for these two pipelines; the simulator makes one up.
      state.addPipeline({ pipeline_id: item.pipeline_id, name: `Example pipeline ${index + 1}`, start_refusal: null });
    }
    state.recordRun({ ...item, status: START_SUCCESS, reason: null });
  });
  return state;
}
