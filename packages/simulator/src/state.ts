// The simulator's data: pipelines, their runs (with each run's lifecycle, see lifecycle.ts) and the
// tenant's pipeline templates, all in memory.
// The initial data is derived from the document's own examples, so the examples are the fixture:
// sending an operation's example request to a fresh simulator answers with its example response.
import { type OpenApiDocument, exampleValue } from './api-model.js';
import { newId } from './ids.js';
import { type RunState, type StagePlan, Tasks, advance, newRun, planFromDefinition } from './lifecycle.js';

export { newId } from './ids.js';

/** The two start outcomes the reference shows (BatchRunStartStatus); any other string may be recorded. */
export const START_SUCCESS = 'START_SUCCESS';
export const START_FAILED = 'START_FAILED';

export interface SimulatedPipeline {
  pipeline_id: string;
  name: string;
  /** Why a start of this pipeline is refused (e.g. "Current pipeline is banned."), or null if it starts. */
  start_refusal: string | null;
  /**
   * The pipeline as last written (the create/update request body's fields, as sent). Seeded pipelines
   * have only a name.
   */
  settings?: Record<string, any>;
  /** Run plan; derived from `settings.definition` when the pipeline is written. */
  plan?: StagePlan[];
  create_time?: number;
  update_time?: number;
  /** Runs started so far (run numbers count from 1). */
  run_count?: number;
  /** The project the pipeline was created in (seeded ones: the state's default project). */
  project_id?: string;
}

export interface SimulatedRun {
  pipeline_id: string;
  pipeline_run_id: string;
  /** Start outcome as the batch operations report it (START_SUCCESS / START_FAILED). */
  status: string;
  reason: string | null;
  /** Set by StopPipelineRun on a run recorded without a lifecycle. */
  stopped?: boolean;
  /** Stages, jobs and steps of a started run; absent for runs recorded as fixtures or refused. */
  lifecycle?: RunState;
  run_number?: number;
  trigger_type?: string;
  /** Parameters given when the run was started. */
  variables?: Array<{ name: string; value: string }>;
  description?: string;
}

export interface SimulatedTemplate {
  template_id: string;
  /** The template as last written (request body fields, as sent). */
  settings: Record<string, any>;
  create_time: number;
  update_time: number;
}

export interface TimingOptions {
  /** How long each step (and each automatic stage entry check) takes, in ms of the simulator's clock. Default 100. */
  stepMs?: number;
}

export class SimulatorState {
  readonly pipelines = new Map<string, SimulatedPipeline>();
  /** Keyed by `${pipeline_id}/${pipeline_run_id}`, in the order the runs were recorded. */
  readonly runs = new Map<string, SimulatedRun>();
  readonly templates = new Map<string, SimulatedTemplate>();
  readonly stepMs: number;
  /** The simulator's clock in epoch ms (the server replaces it with its `now` option). */
  clock: () => number = () => Date.now();
  /** Where pipelines without a project of their own are reported (the seeding sets the examples' project). */
  defaultProjectId = '0'.repeat(32);

  constructor(timing: TimingOptions = {}) {
    this.stepMs = timing.stepMs ?? 100;
    if (!Number.isFinite(this.stepMs) || this.stepMs < 0) throw new Error(`stepMs must be a number >= 0, got ${timing.stepMs}`);
  }

  addPipeline(pipeline: SimulatedPipeline): SimulatedPipeline {
    const now = this.clock();
    const stored = { create_time: now, update_time: now, run_count: 0, ...pipeline };
    stored.plan ??= planFromDefinition(stored.settings?.definition);
    this.pipelines.set(pipeline.pipeline_id, stored);
    return stored;
  }

  pipeline(pipelineId: string): SimulatedPipeline | undefined {
    return this.pipelines.get(pipelineId);
  }

  /** Removes a pipeline and its runs; false if there was none. */
  deletePipeline(pipelineId: string): boolean {
    if (!this.pipelines.delete(pipelineId)) return false;
    for (const [key, run] of this.runs) if (run.pipeline_id === pipelineId) this.runs.delete(key);
    return true;
  }

  recordRun(run: SimulatedRun): SimulatedRun {
    const pipeline = this.pipelines.get(run.pipeline_id);
    if (!pipeline) throw new Error(`No pipeline ${run.pipeline_id} in the simulator`);
    pipeline.run_count = (pipeline.run_count ?? 0) + 1;
    const recorded = { run_number: pipeline.run_count, trigger_type: 'Manual', ...run };
    this.runs.set(runKey(run.pipeline_id, run.pipeline_run_id), recorded);
    return recorded;
  }

  /** A run, brought up to date with the clock. */
  findRun(pipelineId: string, runId: string): SimulatedRun | undefined {
    const run = this.runs.get(runKey(pipelineId, runId));
    if (run?.lifecycle) advance(run.lifecycle, this.clock(), this.stepMs);
    return run;
  }

  /** The runs of a pipeline, newest first, each brought up to date. */
  runsOf(pipelineId: string): SimulatedRun[] {
    const runs = [...this.runs.values()].filter((run) => run.pipeline_id === pipelineId);
    for (const run of runs) if (run.lifecycle) advance(run.lifecycle, this.clock(), this.stepMs);
    return runs.reverse();
  }

  /**
   * Starts a run: it is recorded either way; a pipeline with a start refusal gets START_FAILED and no
   * lifecycle, any other a lifecycle that starts now.
   */
  startRun(pipelineId: string, options: { trigger_type?: string; variables?: SimulatedRun['variables']; description?: string } = {}): SimulatedRun {
    const pipeline = this.pipelines.get(pipelineId);
    if (!pipeline) throw new Error(`No pipeline ${pipelineId} in the simulator`);
    const refused = pipeline.start_refusal !== null;
    const lifecycle = refused ? undefined : newRun(pipeline.plan ?? planFromDefinition(undefined), this.clock());
    return this.recordRun({
      pipeline_id: pipelineId,
      pipeline_run_id: lifecycle?.pipeline_run_id ?? newId(),
      status: refused ? START_FAILED : START_SUCCESS,
      reason: pipeline.start_refusal,
      lifecycle,
      ...options,
    });
  }
}

function runKey(pipelineId: string, runId: string): string {
  return `${pipelineId}/${runId}`;
}

/** The plan of the seeded pipelines: a build, then a release that waits for a manual review. */
const SEEDED_PLAN: StagePlan[] = [
  { name: 'Build', pre: [{ name: 'Start automatically', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Build', steps: [{ name: 'Compile', task: 'official_devcloud_build' }] }] },
  { name: 'Release', pre: [{ name: 'Start automatically', task: Tasks.autoCheckpoint }], jobs: [{ name: 'Approve', steps: [{ name: 'Approve release', task: Tasks.manualReview }] }] },
];

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
 * Started example runs wait for a manual review (the plan above), so they stay RUNNING until a test
 * decides, stops them or lets them be.
 */
export function seedFromExamples(document: OpenApiDocument, state = new SimulatorState()): SimulatorState {
  const projectExample = document.components?.parameters?.ProjectId?.example;
  if (typeof projectExample === 'string') state.defaultProjectId = projectExample;
  const startedLifecycle = (pipeline_run_id: string): RunState => ({ ...newRun(SEEDED_PLAN, state.clock()), pipeline_run_id });
  const results = exampleValue<{ result: ResultExample[] }>(document, 'ShowBatchRunResult', { status: '200' }).result;
  for (const item of results) {
    state.addPipeline({
      pipeline_id: item.pipeline_id,
      name: item.pipeline_name,
      start_refusal: item.status === START_SUCCESS ? null : item.reason,
      plan: SEEDED_PLAN,
    });
    state.recordRun({
      pipeline_id: item.pipeline_id,
      pipeline_run_id: item.pipeline_run_id,
      status: item.status,
      reason: item.reason,
      lifecycle: item.status === START_SUCCESS ? startedLifecycle(item.pipeline_run_id) : undefined,
    });
  }

  const started = exampleValue<{ result: RunRefExample[] }>(document, 'BatchRunPipeline', { status: '200' }).result;
  started.forEach((item, index) => {
    if (!state.pipelines.has(item.pipeline_id)) {
      // The reference gives no names for these two pipelines; the simulator makes one up.
      state.addPipeline({ pipeline_id: item.pipeline_id, name: `Example pipeline ${index + 1}`, start_refusal: null, plan: SEEDED_PLAN });
    }
    state.recordRun({ ...item, status: START_SUCCESS, reason: null, lifecycle: startedLifecycle(item.pipeline_run_id) });
  });
  return state;
}
