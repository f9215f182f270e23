// Lookups and paging shared by the handlers; a missing pipeline, run or template is a 400 naming it
// (see ADR 0004).
import { badRequest } from '../errors.js';
import type { SimulatedPipeline, SimulatedRun, SimulatedTemplate, SimulatorState } from '../state.js';

export function requirePipeline(state: SimulatorState, pipelineId: string): SimulatedPipeline {
  const pipeline = state.pipeline(pipelineId);
  if (!pipeline) throw badRequest(`pipeline ${pipelineId} does not exist`);
  return pipeline;
}

export function requireRun(state: SimulatorState, pipelineId: string, runId: string): SimulatedRun {
  requirePipeline(state, pipelineId);
  const run = state.findRun(pipelineId, runId);
  if (!run) throw badRequest(`pipeline ${pipelineId} has no run ${runId}`);
  return run;
}

/** A run with stages: a run refused at start, or recorded as a bare fixture, has none to act on. */
export function requireLifecycle(run: SimulatedRun) {
  if (!run.lifecycle) throw badRequest(`run ${run.pipeline_run_id} never started (${run.status}${run.reason ? `: ${run.reason}` : ''})`);
  return run.lifecycle;
}

export function requireTemplate(state: SimulatorState, templateId: string): SimulatedTemplate {
  const template = state.templates.get(templateId);
  if (!template) throw badRequest(`pipeline template ${templateId} does not exist`);
  return template;
}

/** One page of `items`; `offset` and `limit` as the request gave them (defaults: 0 and 10). */
export function page<T>(items: readonly T[], offset: unknown, limit: unknown): { offset: number; limit: number; total: number; items: T[] } {
  const from = typeof offset === 'number' && offset > 0 ? Math.floor(offset) : 0;
  const size = typeof limit === 'number' && limit > 0 ? Math.floor(limit) : 10;
  return { offset: from, limit: size, total: items.length, items: items.slice(from, from + size) };
}

/** Sorts by a field, ascending unless `direction` is `desc` (case-insensitive). */
export function sortBy<T>(items: T[], key: ((item: T) => string | number | undefined) | undefined, direction: unknown): T[] {
  if (!key) return items;
  const sign = String(direction ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = key(a) ?? '';
    const y = key(b) ?? '';
    return x < y ? -sign : x > y ? sign : 0;
  });
}
