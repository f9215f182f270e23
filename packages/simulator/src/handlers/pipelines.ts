// Pipelines: create (directly or from a template), show, update, delete (one or a batch), list with the
// latest run, latest status of several, manifest versions.
import { badRequest } from '../errors.js';
import { newId } from '../ids.js';
import { planFromDefinition } from '../lifecycle.js';
import type { SimulatedPipeline, SimulatorState } from '../state.js';
import { pipelineDetail, runSummary } from '../views.js';
import { page, requirePipeline, requireTemplate, sortBy } from './common.js';
import { type Handler, ok } from './types.js';

function createPipeline(state: SimulatorState, projectId: string, settings: Record<string, any>): SimulatedPipeline {
  return state.addPipeline({
    pipeline_id: newId(),
    name: settings.name,
    start_refusal: null,
    settings,
    plan: planFromDefinition(settings.definition),
    project_id: projectId,
  });
}

const CreatePipelineNew: Handler = (state, { pathParameters, body }) => {
  const pipeline = createPipeline(state, pathParameters.project_id!, { ...body });
  return ok({ pipeline_id: pipeline.pipeline_id });
};

/** The new pipeline takes the template's definition and variables; the request names it and its code. */
const CreatePipelineByTemplateId: Handler = (state, { pathParameters, body }) => {
  const template = requireTemplate(state, pathParameters.template_id!);
  const pipeline = createPipeline(state, pathParameters.project_id!, {
    ...body,
    definition: template.settings.definition,
    manifest_version: template.settings.manifest_version,
    variables: body.variables ?? template.settings.variables,
  });
  return ok({ pipeline_id: pipeline.pipeline_id });
};

const ShowPipelineDetail: Handler = (state, { pathParameters }) =>
  ok(pipelineDetail(state, requirePipeline(state, pathParameters.pipeline_id!)));

/** The body replaces the pipeline as written; runs already started keep the plan they started with. */
const UpdatePipelineInfo: Handler = (state, { pathParameters, body }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  pipeline.settings = { ...body };
  pipeline.name = body.name;
  pipeline.plan = planFromDefinition(body.definition);
  pipeline.update_time = state.clock();
  return ok({ pipeline_id: pipeline.pipeline_id });
};

const DeletePipeline: Handler = (state, { pathParameters }) => {
  const pipeline = requirePipeline(state, pathParameters.pipeline_id!);
  state.deletePipeline(pipeline.pipeline_id);
  return ok({ pipeline_id: pipeline.pipeline_id });
};

/** Each id is reported in-band: deleted, or not (with the reason), as the reference shows. */
const BatchDeletePipeline: Handler = (state, { body }) => {
  const result = (body.pipeline_ids as string[]).map((id) => {
    const pipeline = state.pipeline(id);
    if (!pipeline) return { pipeline_id: id, status: 'DELETE_FAILED', reason: `pipeline ${id} does not exist` };
    state.deletePipeline(id);
    return { pipeline_id: id, pipeline_name: pipeline.name, status: 'DELETE_SUCCESS', reason: null };
  });
  return ok({ result });
};

/** Keyed by pipeline id; ids of pipelines that do not exist are left out. */
const QueryPipelinesManifestVersion: Handler = (state, { body }) => {
  const versions: Record<string, { pipelineId: string; manifestVersion: string }> = {};
  for (const { pipeline_id } of (body ?? []) as Array<{ pipeline_id?: string }>) {
    const pipeline = pipeline_id ? state.pipeline(pipeline_id) : undefined;
    if (pipeline) versions[pipeline.pipeline_id] = { pipelineId: pipeline.pipeline_id, manifestVersion: pipeline.settings?.manifest_version ?? '3.0' };
  }
  return ok(versions);
};

const ListPipelines: Handler = (state, { pathParameters, body }) => {
  const query = body ?? {};
  const rows = [...state.pipelines.values()].map((pipeline) => ({ pipeline, latest: state.runsOf(pipeline.pipeline_id)[0] }));
  const matching = rows.filter(
    ({ pipeline, latest }) =>
      (query.name === undefined || pipeline.name.includes(query.name)) &&
      (query.is_publish === undefined || (pipeline.settings?.is_publish ?? false) === query.is_publish) &&
      (query.status === undefined || query.status.length === 0 || (latest?.lifecycle && query.status.includes(latest.lifecycle.status))),
  );
  const sortKeys: Record<string, (row: (typeof rows)[number]) => string | number | undefined> = {
    name: (row) => row.pipeline.name,
    create_time: (row) => row.pipeline.create_time,
    update_time: (row) => row.pipeline.update_time,
  };
  const sorted = sortBy(matching, sortKeys[String(query.sort_key)], query.sort_dir);
  const { items, ...paging } = page(sorted, query.offset, query.limit);
  return ok({
    ...paging,
    pipelines: items.map(({ pipeline, latest }) => ({
      pipeline_id: pipeline.pipeline_id,
      name: pipeline.name,
      project_id: pipeline.project_id ?? pathParameters.project_id!,
      is_publish: pipeline.settings?.is_publish ?? false,
      manifest_version: pipeline.settings?.manifest_version ?? '3.0',
      create_time: pipeline.create_time,
      banned: pipeline.start_refusal !== null,
      ...(pipeline.settings?.description !== undefined ? { description: pipeline.settings.description } : {}),
      ...(latest ? { latest_run: runSummary(latest, { stageIds: true }) } : {}),
    })),
    current_system_time: state.clock(),
  });
};

/** One entry per pipeline that has run (its latest run); unknown ids refuse the request (ADR 0004). */
const BatchShowPipelinesLatestStatus: Handler = (state, { body }) => {
  const ids = body as string[];
  const unknown = ids.flatMap((id, index) => (state.pipeline(id) ? [] : [`[${index}]: pipeline ${id} does not exist`]));
  if (unknown.length > 0) throw badRequest(unknown.join('; '));
  const latest = ids.flatMap((id) => state.runsOf(id).slice(0, 1));
  return ok(latest.map((run) => runSummary(run, { stageIds: false })));
};

export const pipelineHandlers: Record<string, Handler> = {
  CreatePipelineNew,
  CreatePipelineByTemplateId,
  ShowPipelineDetail,
  UpdatePipelineInfo,
  DeletePipeline,
  BatchDeletePipeline,
  QueryPipelinesManifestVersion,
  ListPipelines,
  BatchShowPipelinesLatestStatus,
};
