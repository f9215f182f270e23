// The batch operations and StopPipelineRun, the operations the project started with.
import { badRequest } from '../errors.js';
import { stop } from '../lifecycle.js';
import { START_SUCCESS } from '../state.js';
import type { Handler } from './types.js';

/**
 * Unknown ids are refused as a whole with a 400 that names each offending item: a batch is either
 * accepted entirely or not at all, so no run is started by a request that also names a missing
 * pipeline. (The real service's behaviour is undocumented; see the simulator README.)
 */
const BatchRunPipeline: Handler = (state, { body }) => {
  const ids: string[] = body.pipeline_ids;
  const unknown = ids
    .map((id, index) => (state.pipelines.has(id) ? null : `pipeline_ids[${index}]: pipeline ${id} does not exist`))
    .filter((problem): problem is string => problem !== null);
  if (unknown.length > 0) throw badRequest(unknown.join('; '));
  const result = ids.map((id) => {
    const run = state.startRun(id);
    return { pipeline_id: run.pipeline_id, pipeline_run_id: run.pipeline_run_id };
  });
  return { status: 200, body: { result } };
};

const ShowBatchRunResult: Handler = (state, { body }) => {
  const query: Array<{ pipeline_id: string; pipeline_run_id: string }> = body.query;
  const problems: string[] = [];
  const result = query.map(({ pipeline_id, pipeline_run_id }, index) => {
    const run = state.findRun(pipeline_id, pipeline_run_id);
    if (!run) {
      problems.push(`query[${index}]: pipeline ${pipeline_id} has no run ${pipeline_run_id}`);
      return null;
    }
    return {
      pipeline_id,
      pipeline_name: state.pipelines.get(pipeline_id)!.name,
      pipeline_run_id,
      status: run.status,
      reason: run.reason,
    };
  });
  if (problems.length > 0) throw badRequest(problems.join('; '));
  return { status: 200, body: { result } };
};

/** Stops a running run; `success: false` for a run that never started or has already ended. */
const StopPipelineRun: Handler = (state, { pathParameters }) => {
  const { pipeline_id, pipeline_run_id } = pathParameters as { pipeline_id: string; pipeline_run_id: string };
  const run = state.findRun(pipeline_id, pipeline_run_id);
  if (!run) throw badRequest(`pipeline ${pipeline_id} has no run ${pipeline_run_id}`);
  let success: boolean;
  if (run.lifecycle) success = stop(run.lifecycle, state.clock());
  else {
    // a run recorded as a fixture, without stages: stoppable once if it started
    success = run.status === START_SUCCESS && !run.stopped;
    if (success) run.stopped = true;
  }
  return { status: 200, body: { success } };
};

export const batchHandlers: Record<string, Handler> = { BatchRunPipeline, ShowBatchRunResult, StopPipelineRun };
