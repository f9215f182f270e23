// Compile-time contract of the generated types (checked by test/types.test.ts with tsc).
// Each @ts-expect-error marks a call that must NOT compile; tsc reports an unused one as an error,
// so if the types ever become too loose, this file stops compiling.
import { createPipelineClient, type BatchRunResult } from '../../src/index.js';

const client = createPipelineClient({ endpoint: 'http://127.0.0.1:1', token: 't' });
const path = { project_id: 'db8d07265e24426598b3eb03a7818972' };

export async function calls(): Promise<void> {
  // A well-formed call compiles.
  await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', {
    params: { path },
    body: { query: [{ pipeline_id: 'p', pipeline_run_id: 'r' }] },
  });

  // @ts-expect-error the request body requires `query`
  await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', { params: { path }, body: {} });

  await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', {
    params: { path },
    // @ts-expect-error a query item requires `pipeline_run_id`
    body: { query: [{ pipeline_id: 'p' }] },
  });

  // @ts-expect-error the path parameter project_id is required
  await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', { body: { query: [] } });

  // @ts-expect-error BatchRunPipeline requires `pipeline_ids`
  await client.POST('/v5/{project_id}/api/pipelines/batch-runs', { params: { path }, body: { query: [] } });

  // Fields with a `default` (offset, limit, show_job_details, …) may be left out of a request.
  await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/list', {
    params: { path: { ...path, pipeline_id: 'p' } },
    body: {},
  });
  await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/logs', {
    params: { path: { ...path, pipeline_id: 'p', pipeline_run_id: 'r', job_run_id: 'j', step_run_id: 's' } },
    // @ts-expect-error but a field the document requires may not (ShowPipelineLog's `limit`)
    body: { sort: 'asc' },
  });
}

// `reason` is exactly "string, null, or absent": neither narrower nor wider.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type ReasonIsNullable = Assert<Equal<BatchRunResult['reason'], string | null | undefined>>;

export function reasonNeedsANullCheck(item: BatchRunResult): string {
  // @ts-expect-error `reason` may be null (and absent), so it is not a plain string
  const text: string = item.reason;
  return text;
}

// `status` accepts values outside the two documented ones (an open set).
export const unknownStatus: BatchRunResult = { status: 'START_QUEUED' };
