// Runs of one pipeline: start, detail, list, retry; a step's log and outputs; artifacts; manual review
// and checkpoint decisions. Everything reads the run's lifecycle (lifecycle.ts) after bringing it up to
// the simulator's clock.
import { badRequest } from '../errors.js';
import { LifecycleError, type RunState, decide, findStep, retry, stepsOf } from '../lifecycle.js';
import type { SimulatedRun } from '../state.js';
import { runDetail, runSummary } from '../views.js';
import { page, requireLifecycle, requirePipeline, requireRun, sortBy } from './common.js';
import { type Handler, ok } from './types.js';

/** A lifecycle action the run's state does not allow is the caller's mistake: 400, saying why. */
function act(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof LifecycleError) throw badRequest(error.message);
    throw error;
  }
}

const RunPipeline: Handler = (state, { pathParameters, body }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  const run = state.startRun(pipeline.pipeline_id, { variables: body?.variables, description: body?.description });
  if (!run.lifecycle) return ok({ pipeline_run_id: run.pipeline_run_id, error_msg: run.reason ?? 'the run did not start' });
  return ok({ pipeline_run_id: run.pipeline_run_id });
};

/** By run id, else by run number, else the latest run. */
const ShowPipelineRunDetail: Handler = (state, { pathParameters, query }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  let run: SimulatedRun | undefined;
  if (query.pipeline_run_id !== undefined) run = requireRun(state, pipeline.pipeline_id, String(query.pipeline_run_id));
  else if (query.pipeline_run_number !== undefined) {
    run = state.runsOf(pipeline.pipeline_id).find((r) => String(r.run_number) === String(query.pipeline_run_number));
    if (!run) throw badRequest(`pipeline ${pipeline.pipeline_id} has no run number ${query.pipeline_run_number}`);
  } else {
    run = state.runsOf(pipeline.pipeline_id)[0];
    if (!run) throw badRequest(`pipeline ${pipeline.pipeline_id} has not run yet`);
  }
  return ok(runDetail(state, pipeline, run));
};

const ListPipelineRuns: Handler = (state, { pathParameters, body }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  const query = body ?? {};
  const from = query.start_time !== undefined ? Date.parse(query.start_time) : undefined;
  const to = query.end_time !== undefined ? Date.parse(query.end_time) : undefined;
  const runs = state.runsOf(pipeline.pipeline_id).filter((run) => {
    const status = run.lifecycle?.status ?? 'FAILED';
    const started = run.lifecycle?.start_time;
    return (
      (!query.status?.length || query.status.includes(status)) &&
      (!query.trigger_type?.length || query.trigger_type.includes(run.trigger_type)) &&
      (from === undefined || Number.isNaN(from) || (started !== undefined && started >= from)) &&
      (to === undefined || Number.isNaN(to) || (started !== undefined && started <= to))
    );
  });
  // newest first unless asked otherwise
  const sorted = query.sort_key ? sortBy(runs, (run) => run.lifecycle?.start_time ?? 0, query.sort_dir) : runs;
  const { items, ...paging } = page(sorted, query.offset, query.limit);
  return ok({ ...paging, pipeline_runs: items.map((run) => runSummary(run, { stageIds: true })) });
};

const RetryPipelineRun: Handler = (state, { pathParameters }) => {
  const run = requireRun(state, pathParameters.pipeline_id!, pathParameters.pipeline_run_id!);
  act(() => retry(requireLifecycle(run), state.clock()));
  return ok({ success: true });
};

function stepOf(lifecycle: RunState, stepRunId: string, jobRunId?: string) {
  const item = findStep(lifecycle, stepRunId);
  if (!item) throw badRequest(`run ${lifecycle.pipeline_run_id} has no step ${stepRunId}`);
  if (jobRunId !== undefined && item.job?.id !== jobRunId) throw badRequest(`step ${stepRunId} is not in job ${jobRunId}`);
  return item;
}

function reviewDecision(approved: boolean): Handler {
  return (state, { pathParameters, query }) => {
    const run = requireRun(state, pathParameters.pipeline_id!, pathParameters.pipeline_run_id!);
    const lifecycle = requireLifecycle(run);
    stepOf(lifecycle, pathParameters.step_run_id!, pathParameters.job_run_id!);
    const comment = typeof query.approval_description === 'string' ? query.approval_description : undefined;
    act(() => decide(lifecycle, pathParameters.step_run_id!, approved, state.clock(), 'review', comment));
    return ok({ success: true });
  };
}

const AcceptCheckpoint: Handler = (state, { pathParameters }) => {
  const run = requireRun(state, pathParameters.pipeline_id!, pathParameters.pipeline_run_id!);
  act(() => decide(requireLifecycle(run), pathParameters.step_run_id!, true, state.clock(), 'checkpoint'));
  return ok({ success: true });
};

/** The step's log, by line: offsets count lines; `sort: desc` reads from the end. */
const ShowPipelineLog: Handler = (state, { pathParameters, body }) => {
  const run = requireRun(state, pathParameters.pipeline_id!, pathParameters.pipeline_run_id!);
  const { step } = stepOf(requireLifecycle(run), pathParameters.step_run_id!, pathParameters.job_run_id!);
  const query = body ?? {};
  const lines = String(query.sort ?? 'asc').toLowerCase() === 'desc' ? [...step.log].reverse() : step.log;
  const start = Math.max(0, Number(query.start_offset ?? query.offset ?? 0));
  const limit = Math.max(1, Number(query.limit ?? 500));
  const end = Math.min(lines.length, query.end_offset !== undefined ? Number(query.end_offset) : start + limit, start + limit);
  return ok({
    step_run_id: step.id,
    log: lines.slice(start, end).join('\n'),
    start_offset: String(start),
    end_offset: String(end),
    has_more: end < lines.length || step.status === 'RUNNING' || step.status === 'INIT',
  });
};

/** Finished steps report their exit code and duration; `step_run_ids` (comma-separated) narrows the list. */
const ShowStepOutputs: Handler = (state, { pathParameters, query }) => {
  const run = requireRun(state, pathParameters.pipeline_id!, pathParameters.pipeline_run_id!);
  const lifecycle = requireLifecycle(run);
  const wanted = typeof query.step_run_ids === 'string' && query.step_run_ids !== '' ? new Set(query.step_run_ids.split(',')) : undefined;
  return ok({
    step_outputs: stepsOf(lifecycle)
      .filter((step) => (wanted ? wanted.has(step.id) : step.end_time !== undefined))
      .map((step) => ({
        step_run_id: step.id,
        output_result:
          step.end_time === undefined
            ? []
            : [
                { key: 'exit_code', value: step.status === 'COMPLETED' ? '0' : '1' },
                { key: 'duration_ms', value: String(step.end_time - (step.start_time ?? step.end_time)) },
              ],
      })),
    current_system_time: state.clock(),
  });
};

/** A completed build step (task name containing "build") publishes one package. */
const ShowPipelineArtifacts: Handler = (state, { pathParameters }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  const run = requireRun(state, pipeline.pipeline_id, pathParameters.pipeline_run_id!);
  const lifecycle = requireLifecycle(run);
  const artifacts = lifecycle.stages.flatMap((stage) =>
    stage.jobs.flatMap((job) =>
      job.steps
        .filter((step) => step.status === 'COMPLETED' && /build/i.test(step.task))
        .map((step) => {
          const version = `1.0.${run.run_number ?? 1}`;
          const name = `${pipeline.name}-${version}.tgz`;
          return {
            project_id: pipeline.project_id ?? state.defaultProjectId,
            name,
            artifact_version: version,
            artifact_type: 'generic',
            artifact_package_type: 'tgz',
            upload_target: 'CodeArts Artifact',
            artifact_uri: `/${pipeline.name}/${version}/${name}`,
            artifact_download_url_with_id: `https://artifact.simulator.invalid/${step.id}/${name}`,
            job_id: job.id,
            build_no: String(run.run_number ?? 1),
            daily_build_number: `${new Date(step.end_time!).toISOString().slice(0, 10).replace(/-/g, '')}.${run.run_number ?? 1}`,
            file_size: '1048576',
          };
        }),
    ),
  );
  return ok({ artifacts });
};

export const runHandlers: Record<string, Handler> = {
  RunPipeline,
  ShowPipelineRunDetail,
  ListPipelineRuns,
  RetryPipelineRun,
  ShowPipelineArtifacts,
  ShowPipelineLog,
  ShowStepOutputs,
  AcceptManualReview: reviewDecision(true),
  RejectManualReview: reviewDecision(false),
  AcceptCheckpoint,
};
