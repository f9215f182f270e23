// The legacy /v3 interface over the same pipelines and runs as /v5: a run's build_id is its
// pipeline_run_id. /v3 reports times as "yyyy-MM-dd HH:mm:ss" (UTC here) and its own status words.
import { badRequest } from '../errors.js';
import { isAwaitingDecision, stepsOf, stop } from '../lifecycle.js';
import type { SimulatedRun } from '../state.js';
import { SIMULATOR_USER, wallClockTime } from '../views.js';
import { page, requireLifecycle, requirePipeline, requireRun } from './common.js';
import { type Handler, ok } from './types.js';

const legacyTime = (epochMs: number | undefined): string | null => wallClockTime(epochMs) ?? null;

/** /v3 `status` (waiting, running, verifying = waiting for a review, completed) and `outcome` (success, error, aborted). */
function legacyState(status: string, waitingForDecision = false): { status: string; outcome: string | null } {
  switch (status) {
    case 'INIT':
      return { status: 'waiting', outcome: null };
    case 'RUNNING':
      return { status: waitingForDecision ? 'verifying' : 'running', outcome: null };
    case 'COMPLETED':
      return { status: 'completed', outcome: 'success' };
    case 'FAILED':
      return { status: 'completed', outcome: 'error' };
    default: // CANCELED
      return { status: 'completed', outcome: 'aborted' };
  }
}

/** Seconds from start to end, or to the last step event for a run still going. */
const elapsed = (start?: number, end?: number) => (start === undefined ? null : `${Math.round(((end ?? start) - start) / 1000)}s`);

function node(kind: string, item: { id: string; name: string; status: string; start_time?: number; end_time?: number }, children: unknown[], waitingForDecision = false) {
  return {
    id: item.id,
    name: item.name,
    type: kind,
    start_time: legacyTime(item.start_time),
    end_time: legacyTime(item.end_time),
    elapsed_time: elapsed(item.start_time, item.end_time),
    ...legacyState(item.status, waitingForDecision),
    error_code: item.status === 'FAILED' ? 'SIMULATOR.STEP_FAILED' : null,
    error_msg: item.status === 'FAILED' ? `${item.name} failed` : null,
    children,
    detail_url: null,
  };
}

const StartNewPipeline: Handler = (state, { pathParameters, body }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  const run = state.startRun(pipeline.pipeline_id, { variables: body?.build_params });
  if (!run.lifecycle) throw badRequest(`pipeline ${pipeline.pipeline_id} cannot start: ${run.reason}`);
  return ok({ pipeline_id: pipeline.pipeline_id, build_id: run.pipeline_run_id });
};

const StopPipelineNew: Handler = (state, { pathParameters, query }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  const run = requireRun(state, pipeline.pipeline_id, String(query.build_id));
  if (!stop(requireLifecycle(run), state.clock())) throw badRequest(`run ${run.pipeline_run_id} is not running (${run.lifecycle!.status})`);
  return ok({ pipeline_id: pipeline.pipeline_id, pipeline_name: pipeline.name });
};

const RemovePipeline: Handler = (state, { pathParameters }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  state.deletePipeline(pipeline.pipeline_id);
  return ok({ pipeline_id: pipeline.pipeline_id, pipeline_name: pipeline.name });
};

const ShowPipleineStatus: Handler = (state, { pathParameters, query }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  const run: SimulatedRun | undefined =
    query.build_id !== undefined ? requireRun(state, pipeline.pipeline_id, String(query.build_id)) : state.runsOf(pipeline.pipeline_id)[0];
  const lifecycle = run?.lifecycle;
  const anyWaiting = lifecycle ? stepsOf(lifecycle).some(isAwaitingDecision) : false;
  return ok({
    pipeline_id: pipeline.pipeline_id,
    pipeline_name: pipeline.name,
    executor: run ? SIMULATOR_USER.name : null,
    build_id: run?.pipeline_run_id ?? null,
    start_time: legacyTime(lifecycle?.start_time),
    end_time: legacyTime(lifecycle?.end_time),
    elapsed_time: lifecycle ? elapsed(lifecycle.start_time, lifecycle.end_time) : null,
    parameters: (run?.variables ?? []).map(({ name, value }) => ({ name, value })),
    ...(lifecycle ? legacyState(lifecycle.status, anyWaiting) : { status: null, outcome: null }),
    detail_url: null,
    states: (lifecycle?.stages ?? []).map((stage) =>
      node(
        'stage',
        stage,
        stage.jobs.map((job) => node('job', job, job.steps.map((step) => node('step', step, [], isAwaitingDecision(step))), job.steps.some(isAwaitingDecision))),
        stage.jobs.some((job) => job.steps.some(isAwaitingDecision)),
      ),
    ),
  });
};

const ListPipleineBuildResult: Handler = (state, { query }) => {
  const from = Date.parse(`${query.start_date}T00:00:00Z`);
  const to = Date.parse(`${query.end_date}T23:59:59.999Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) throw badRequest('start_date and end_date must be dates (yyyy-MM-dd)');
  if (to < from) throw badRequest('end_date is before start_date');
  if (to - from > 31 * 24 * 3600 * 1000) throw badRequest('start_date and end_date are more than one month apart');
  const runs = [...state.pipelines.keys()]
    .flatMap((id) => state.runsOf(id))
    .filter((run) => run.lifecycle && run.lifecycle.start_time >= from && run.lifecycle.start_time <= to);
  const { items, ...paging } = page(runs, query.offset, query.limit);
  return ok({
    ...paging,
    build_results: items.map((run) => {
      const lifecycle = run.lifecycle!;
      const { status, outcome } = legacyState(lifecycle.status);
      return {
        build_id: run.pipeline_run_id,
        pipeline_id: run.pipeline_id,
        pipeline_name: state.pipeline(run.pipeline_id)!.name,
        start_time: legacyTime(lifecycle.start_time)!,
        end_time: legacyTime(lifecycle.end_time) ?? '',
        elapse_time: elapsed(lifecycle.start_time, lifecycle.end_time) ?? '',
        status,
        outcome,
      };
    }),
  });
};

const ListPipelineSimpleInfo: Handler = (state, { body }) => {
  const query = body ?? {};
  const pipelines = [...state.pipelines.values()].filter((p) => query.pipeline_name === undefined || p.name.includes(query.pipeline_name));
  const { items, ...paging } = page(pipelines, query.offset, query.limit);
  return ok({
    ...paging,
    result: items.map((pipeline) => {
      const latest = state.runsOf(pipeline.pipeline_id)[0];
      return {
        project_id: pipeline.project_id ?? state.defaultProjectId,
        project_name: 'Simulated project',
        pipeline_id: pipeline.pipeline_id,
        pipeline_name: pipeline.name,
        creator_id: SIMULATOR_USER.id,
        creator_name: SIMULATOR_USER.name,
        // required even for a pipeline that never ran: the simulator's one user
        executor_id: SIMULATOR_USER.id,
        executor_name: SIMULATOR_USER.name,
        start_time: legacyTime(latest?.lifecycle?.start_time) ?? '',
        create_time: legacyTime(pipeline.create_time)!,
        watched: 'false',
      };
    }),
  });
};

export const legacyHandlers: Record<string, Handler> = {
  ListPipelineSimpleInfo,
  ListPipleineBuildResult,
  RemovePipeline,
  ShowPipleineStatus,
  StartNewPipeline,
  StopPipelineNew,
};
