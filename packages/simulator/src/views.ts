// How the simulator's pipelines and runs look on the wire: the run summary of the list operations,
// the run detail with stages, jobs and steps, the pipeline detail. Field names are the document's; the
// server validates every answer against it.
import type { JobRunState, StageRunState, StepRunState } from './lifecycle.js';
import type { SimulatedPipeline, SimulatedRun, SimulatorState } from './state.js';

/** The simulated user who creates pipelines and starts runs. */
export const SIMULATOR_USER = { id: '5e1f0c3a9b7d4e2f8a6c1b3d5f7e9a20', name: 'simulator' } as const;
/** The simulated tenant (domain). */
export const SIMULATOR_DOMAIN_ID = '7c2e4a6b8d0f41c3a5e7b9d1f3a5c7e9';

/** "yyyy-MM-dd HH:mm:ss" in UTC, the text form some operations use for times. */
export function wallClockTime(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19);
}

/** Drops undefined members, so optional fields are absent rather than null. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** What every view of a run says about it as a whole (a run refused at start has no stages: FAILED). */
function runFacts(run: SimulatedRun) {
  return {
    executor_id: SIMULATOR_USER.id,
    executor_name: SIMULATOR_USER.name,
    status: run.lifecycle?.status ?? 'FAILED',
    run_number: run.run_number,
    trigger_type: run.trigger_type,
    start_time: run.lifecycle?.start_time,
    end_time: run.lifecycle?.end_time,
  };
}

/** The summary of a run in ListPipelines (latest_run), ListPipelineRuns and BatchShowPipelinesLatestStatus. */
export function runSummary(run: SimulatedRun, options: { stageIds: boolean }) {
  const lifecycle = run.lifecycle;
  return compact({
    pipeline_id: run.pipeline_id,
    pipeline_run_id: run.pipeline_run_id,
    ...runFacts(run),
    stage_status_list: (lifecycle?.stages ?? []).map((stage) =>
      compact({
        name: stage.name,
        sequence: stage.sequence,
        status: stage.status,
        start_time: wallClockTime(stage.start_time),
        end_time: wallClockTime(stage.end_time),
        id: options.stageIds ? stage.id : undefined,
      }),
    ),
  });
}

/** What stages, jobs and steps all report: identity, position, status and times. */
function progress(item: StageRunState | JobRunState | StepRunState) {
  const { id, name, sequence, status, start_time, end_time } = item;
  return { id, name, sequence, status, start_time, end_time };
}

function stepView(step: StepRunState) {
  return compact({
    ...progress(step),
    task: step.task,
    status: step.status === 'INIT' ? undefined : step.status, // a step not started yet has no status
    message: step.status === 'FAILED' ? `${step.name} failed` : undefined,
  });
}

const jobView = (job: JobRunState) => compact({ ...progress(job), steps: job.steps.map(stepView) });

const stageView = (stage: StageRunState) =>
  compact({ ...progress(stage), pre: stage.pre.map(stepView), post: [], jobs: stage.jobs.map(jobView) });

/** ShowPipelineRunDetail's answer for a run. */
export function runDetail(state: SimulatorState, pipeline: SimulatedPipeline, run: SimulatedRun) {
  const lifecycle = run.lifecycle;
  return compact({
    id: run.pipeline_run_id,
    pipeline_id: pipeline.pipeline_id,
    name: pipeline.name,
    description: run.description,
    manifest_version: pipeline.settings?.manifest_version ?? '3.0',
    is_publish: pipeline.settings?.is_publish ?? false,
    ...runFacts(run),
    stages: (lifecycle?.stages ?? []).map(stageView),
    domain_id: SIMULATOR_DOMAIN_ID,
    project_id: pipeline.project_id ?? state.defaultProjectId,
    region: 'simulator',
    current_system_time: state.clock(),
  });
}

/** ShowPipelineDetail's answer: the pipeline as last written, with what the service adds. */
export function pipelineDetail(state: SimulatorState, pipeline: SimulatedPipeline) {
  const settings = pipeline.settings ?? {};
  return compact({
    id: pipeline.pipeline_id,
    name: pipeline.name,
    description: settings.description,
    manifest_version: settings.manifest_version ?? '3.0',
    region: 'simulator',
    domain_id: SIMULATOR_DOMAIN_ID,
    project_id: pipeline.project_id ?? state.defaultProjectId,
    is_publish: settings.is_publish ?? false,
    creator_id: SIMULATOR_USER.id,
    creator_name: SIMULATOR_USER.name,
    updater_id: SIMULATOR_USER.id,
    create_time: pipeline.create_time,
    update_time: pipeline.update_time,
    sources: settings.sources,
    // a written variable may carry fields only the request has (pipeline_id, runtime_value); limits are text here
    variables: settings.variables?.map(({ pipeline_id: _p, runtime_value: _r, limits, ...variable }: Record<string, any>) =>
      compact({ ...variable, limits: Array.isArray(limits) ? limits.filter((l) => typeof l === 'string') : undefined }),
    ),
    schedules: settings.schedules,
    triggers: settings.triggers,
    group_id: settings.group_id,
    definition: settings.definition,
    concurrency_control: settings.concurrency_control,
    security_level: settings.security_level,
    banned: pipeline.start_refusal !== null,
    deleted: false,
  });
}
