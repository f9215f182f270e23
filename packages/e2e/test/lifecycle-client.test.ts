// The pipeline lifecycle through the typed client (openapi-fetch) against the simulator over HTTP:
// create → run → wait → list runs → run detail; stop and retry; manual review pass and refuse; then
// every other operation. Every response is checked against the document by specCheckedFetch, and by
// the end every operation of the document has been called at least once.
import {
  CodeArtsApiError,
  type PipelineClient,
  type PipelineRunDetail,
  createPipelineClient,
  runBatchAndWait,
  runPipelineAndWait,
  waitForRun,
} from '@codearts-pipeline/client';
import { type RunningSimulator, type Simulator, exampleValue, listOperations, startSimulator } from '@codearts-pipeline/simulator';
import { BUILD_AND_TEST, FLAKY, GATED, HELD, POLL, REVIEWED, definition, document, projectId, step, tenantId } from './helpers/lifecycle-fixtures';
import { specCheckedFetch } from './helpers/spec-checked-fetch';


const check = specCheckedFetch();
let running: RunningSimulator & { simulator: Simulator };
let client: PipelineClient;

beforeAll(async () => {
  running = await startSimulator({ timing: { stepMs: 25 } });
  client = createPipelineClient({ endpoint: running.url, token: 'e2e-token', fetch: check.fetch });
});
afterAll(() => running?.close());

async function createPipeline(name: string, pipelineDefinition: string): Promise<string> {
  // the document's example request, renamed and with our definition
  const body = { ...exampleValue<Record<string, any>>(document, 'CreatePipelineNew'), name, definition: pipelineDefinition };
  const { data } = await client.POST('/v5/{project_id}/api/pipelines', { params: { path: { project_id: projectId } }, body: body as any });
  expect(data?.pipeline_id).toMatch(/^[0-9a-f]{32}$/);
  return data!.pipeline_id!;
}

const detailOf = async (pipelineId: string, pipelineRunId: string) =>
  (await client.GET('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/detail', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId }, query: { pipeline_run_id: pipelineRunId } },
  })).data!;

/** Waits until `predicate` holds (for states that are not final, e.g. waiting at a checkpoint). */
const until = (pipelineId: string, pipelineRunId: string, predicate: (run: PipelineRunDetail) => boolean) =>
  waitForRun(client, { projectId, pipelineId, pipelineRunId }, { ...POLL, isFinal: (_status, run) => predicate(run) });

const allSteps = (run: PipelineRunDetail) => (run.stages ?? []).flatMap((stage) => [...(stage.pre ?? []), ...(stage.jobs ?? []).flatMap((job) => job.steps ?? [])]);
const failure = (call: Promise<unknown>) => call.then(() => { throw new Error('expected the call to fail'); }, (error: unknown) => error as CodeArtsApiError);

test('create → run → wait for completion → list runs → run detail with stages, logs, outputs and artifacts', async () => {
  const pipelineId = await createPipeline('lifecycle-build', BUILD_AND_TEST);
  const shown = await client.GET('/v5/{project_id}/api/pipelines/{pipeline_id}', { params: { path: { project_id: projectId, pipeline_id: pipelineId } } });
  expect(shown.data).toMatchObject({ id: pipelineId, name: 'lifecycle-build', definition: BUILD_AND_TEST });

  const seen: string[] = [];
  const finished = await runPipelineAndWait(
    client,
    { projectId, pipelineId, body: { description: 'first run', variables: [{ name: 'service_name', value: 'order-service' }] } },
    { ...POLL, onProgress: (run) => void seen.push(run.status!) },
  );
  expect(finished.status).toBe('COMPLETED');
  // every poll saw RUNNING until the one that saw COMPLETED (how many RUNNING polls depends on the machine)
  expect(seen.at(-1)).toBe('COMPLETED');
  expect(seen.slice(0, -1).every((status) => status === 'RUNNING')).toBe(true);
  expect(finished).toMatchObject({ pipeline_id: pipelineId, run_number: 1, description: 'first run', trigger_type: 'Manual' });
  expect(finished.stages!.map((stage) => [stage.name, stage.status])).toEqual([['Build', 'COMPLETED'], ['Test', 'COMPLETED']]);
  expect(finished.stages![0]!.jobs![0]!.steps!.map((s) => [s.name, s.status])).toEqual([['Check out', 'COMPLETED'], ['Build package', 'COMPLETED']]);
  const steps = allSteps(finished);
  steps.forEach((s, i) => i > 0 && expect(s.start_time).toBe(steps[i - 1]!.end_time)); // one after the other
  expect(finished.end_time).toBe(steps.at(-1)!.end_time);

  const runs = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/list', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId } },
    body: { offset: 0, limit: 10 },
  });
  expect(runs.data).toMatchObject({ total: 1, pipeline_runs: [{ pipeline_run_id: finished.id, status: 'COMPLETED', run_number: 1 }] });
  expect(runs.data!.pipeline_runs![0]!.stage_status_list!.map((s) => s.name)).toEqual(['Build', 'Test']);

  const byNumber = await client.GET('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/detail', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId }, query: { pipeline_run_number: '1' } },
  });
  expect(byNumber.data!.id).toBe(finished.id);

  const listed = await client.POST('/v5/{project_id}/api/pipelines/list', { params: { path: { project_id: projectId } }, body: { name: 'lifecycle-build' } });
  expect(listed.data!.pipelines).toEqual([expect.objectContaining({ pipeline_id: pipelineId, latest_run: expect.objectContaining({ status: 'COMPLETED' }) })]);
  const latest = await client.POST('/v5/{project_id}/api/pipelines/status', { params: { path: { project_id: projectId } }, body: [pipelineId] });
  expect(latest.data).toEqual([expect.objectContaining({ pipeline_id: pipelineId, pipeline_run_id: finished.id, status: 'COMPLETED' })]);

  const compile = finished.stages![0]!.jobs![0]!;
  const buildStep = compile.steps![1]!;
  const log = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/logs', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: finished.id!, job_run_id: compile.id!, step_run_id: buildStep.id! } },
    body: { limit: 100, sort: 'asc' },
  });
  expect(log.data).toMatchObject({ step_run_id: buildStep.id, has_more: false });
  expect(log.data!.log).toMatch(/Build package: started[\s\S]*Build package: completed/);

  const outputs = await client.GET('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/steps/outputs', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: finished.id! }, query: { step_run_ids: buildStep.id! } },
  });
  expect(outputs.data!.step_outputs).toEqual([{ step_run_id: buildStep.id, output_result: expect.arrayContaining([{ key: 'exit_code', value: '0' }]) }]);

  const artifacts = await client.GET('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/artifacts', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: finished.id! } },
  });
  expect(artifacts.data!.artifacts).toEqual([expect.objectContaining({ name: 'lifecycle-build-1.0.1.tgz', job_id: compile.id })]);
});

test('a running run is stopped and retried; a failed run is retried and completes', async () => {
  const pipelineId = await createPipeline('lifecycle-gated', GATED);
  const started = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/run', { params: { path: { project_id: projectId, pipeline_id: pipelineId } }, body: {} });
  const runId = started.data!.pipeline_run_id!;
  const atGate = await until(pipelineId, runId, (run) => run.stages?.[1]?.pre?.[0]?.status === 'RUNNING');
  expect(atGate.status).toBe('RUNNING');

  const stopPath = { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: runId };
  const stopped = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/stop', { params: { path: stopPath } });
  expect(stopped.data).toEqual({ success: true });
  const canceled = await detailOf(pipelineId, runId);
  expect(canceled.status).toBe('CANCELED');
  expect(canceled.stages!.map((s) => s.status)).toEqual(['COMPLETED', 'CANCELED']);
  expect(canceled.stages![1]!.jobs![0]!.status).toBe('INIT'); // never started
  const again = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/stop', { params: { path: stopPath } });
  expect(again.data).toEqual({ success: false });

  const retried = await client.PUT('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/retry', { params: { path: stopPath }, body: {} });
  expect(retried.data).toEqual({ success: true });
  const gateAgain = await until(pipelineId, runId, (run) => run.status === 'RUNNING' && run.stages?.[1]?.pre?.[0]?.status === 'RUNNING');
  const checkpoint = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/steps/{step_run_id}/manual/pass', {
    params: { path: { ...stopPath, step_run_id: gateAgain.stages![1]!.pre![0]!.id! } },
  });
  expect(checkpoint.data).toEqual({ success: true });
  const completed = await waitForRun(client, { projectId, pipelineId, pipelineRunId: runId }, POLL);
  expect(completed.status).toBe('COMPLETED');
  expect(completed.stages![0]!.end_time).toBe(canceled.stages![0]!.end_time); // completed work kept

  const flaky = await createPipeline(
    'lifecycle-flaky',
    FLAKY,
  );
  const failed = await runPipelineAndWait(client, { projectId, pipelineId: flaky }, POLL);
  expect(failed.status).toBe('FAILED');
  expect(failed.stages![0]!.jobs![0]!.steps!.map((s) => s.status ?? 'not started')).toEqual(['COMPLETED', 'FAILED', 'not started']);
  const flakyPath = { project_id: projectId, pipeline_id: flaky, pipeline_run_id: failed.id! };
  await client.PUT('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/retry', { params: { path: flakyPath }, body: {} });
  const passed = await waitForRun(client, { projectId, pipelineId: flaky, pipelineRunId: failed.id! }, POLL);
  expect(passed.status).toBe('COMPLETED');
  expect(passed.id).toBe(failed.id); // a retry continues the same run

  const notRetryable = await failure(client.PUT('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/retry', { params: { path: flakyPath }, body: {} }));
  expect([notRetryable.status, notRetryable.errorCode, notRetryable.errorMsg]).toEqual([
    400,
    'DEVCP.00021400',
    `Invalid request parameters: run ${failed.id} is COMPLETED; only a FAILED or CANCELED run can be retried`,
  ]);
});

test('a manual review: passing it lets the run finish, refusing it fails the run', async () => {
  const pipelineId = await createPipeline('lifecycle-reviewed', REVIEWED);
  const decideWhenWaiting = (decision: 'pass' | 'refuse') => {
    let decided = false;
    return async (run: PipelineRunDetail) => {
      const job = run.stages?.[1]?.jobs?.[0];
      const review = job?.steps?.[0];
      if (decided || review?.status !== 'RUNNING') return;
      decided = true;
      const path = { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: run.id!, job_run_id: job!.id!, step_run_id: review.id! };
      const query = { approval_description: decision === 'pass' ? 'ship it' : 'not today' };
      const answer =
        decision === 'pass'
          ? await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/pass', { params: { path, query } })
          : await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/refuse', { params: { path, query } });
      expect(answer.data).toEqual({ success: true });
    };
  };

  const approved = await runPipelineAndWait(client, { projectId, pipelineId }, { ...POLL, onProgress: decideWhenWaiting('pass') });
  expect(approved.status).toBe('COMPLETED');
  expect(approved.stages![1]!.jobs![0]!.steps!.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED']);
  const reviewJob = approved.stages![1]!.jobs![0]!;
  const reviewLog = await client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/logs', {
    params: { path: { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: approved.id!, job_run_id: reviewJob.id!, step_run_id: reviewJob.steps![0]!.id! } },
    body: { limit: 10, sort: 'asc' },
  });
  expect(reviewLog.data!.log).toContain('approved: ship it');

  const refused = await runPipelineAndWait(client, { projectId, pipelineId }, { ...POLL, onProgress: decideWhenWaiting('refuse') });
  expect(refused.status).toBe('FAILED');
  expect(refused.stages![1]!.jobs![0]!.steps!.map((s) => s.status ?? 'not started')).toEqual(['FAILED', 'not started']);

  // a step that is not a manual review cannot be approved
  const build = approved.stages![0]!.jobs![0]!;
  const wrongStep = await failure(
    client.POST('/v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/jobs/{job_run_id}/steps/{step_run_id}/pass', {
      params: { path: { project_id: projectId, pipeline_id: pipelineId, pipeline_run_id: approved.id!, job_run_id: build.id!, step_run_id: build.steps![0]!.id! } },
    }),
  );
  expect(wrongStep.errorMsg).toContain('is not a manual review');
});

test('templates, updates, batches, deletes and the legacy /v3 operations act on the same pipelines', async () => {
  // a tenant template, and a pipeline created from it
  const templateBody = { ...exampleValue<Record<string, any>>(document, 'CreatePipelineTemplate'), definition: BUILD_AND_TEST };
  const created = await client.POST('/v5/{tenant_id}/api/pipeline-templates', { params: { path: { tenant_id: tenantId } }, body: templateBody as any });
  const templateId = created.data!.templateId!;
  const templates = await client.POST('/v5/{tenant_id}/api/pipeline-templates/list', { params: { path: { tenant_id: tenantId } }, body: {} });
  expect(templates.data!.templates!.map((t) => t.id)).toContain(templateId);
  await client.PUT('/v5/{tenant_id}/api/pipeline-templates/{template_id}', {
    params: { path: { tenant_id: tenantId, template_id: templateId } },
    body: { ...templateBody, description: 'updated' } as any,
  });
  const template = await client.GET('/v5/{tenant_id}/api/pipeline-templates/{template_id}', { params: { path: { tenant_id: tenantId, template_id: templateId } } });
  expect(template.data).toMatchObject({ id: templateId, description: 'updated', definition: BUILD_AND_TEST });
  const fromTemplate = await client.POST('/v5/{project_id}/api/pipeline-templates/{template_id}/create-pipeline', {
    params: { path: { project_id: projectId, template_id: templateId } },
    body: { ...exampleValue<Record<string, any>>(document, 'CreatePipelineByTemplateId'), name: 'from-template' } as any,
  });
  const pipelineId = fromTemplate.data!.pipeline_id!;
  await client.DELETE('/v5/{tenant_id}/api/pipeline-templates/{template_id}', { params: { path: { tenant_id: tenantId, template_id: templateId } } });
  const gone = await failure(client.GET('/v5/{tenant_id}/api/pipeline-templates/{template_id}', { params: { path: { tenant_id: tenantId, template_id: templateId } } }));
  expect(gone.status).toBe(400);

  // update: the new definition applies to the next run
  const pipelinePath = { project_id: projectId, pipeline_id: pipelineId };
  const oneStage = definition({ name: 'Only stage', jobs: [{ name: 'Job', steps: [step('Echo', 'official_devcloud_shell')] }] });
  const current = (await client.GET('/v5/{project_id}/api/pipelines/{pipeline_id}', { params: { path: pipelinePath } })).data!;
  await client.PUT('/v5/{project_id}/api/pipelines/{pipeline_id}', {
    params: { path: pipelinePath },
    body: { name: 'from-template-renamed', is_publish: false, definition: oneStage, description: current.description },
  });
  const renamed = await runPipelineAndWait(client, { projectId, pipelineId }, POLL);
  expect([renamed.name, renamed.stages!.map((s) => s.name)]).toEqual(['from-template-renamed', ['Only stage']]);
  const versions = await client.POST('/v5/{project_id}/api/pipelines/pipelines-version', { params: { path: { project_id: projectId } }, body: [{ pipeline_id: pipelineId }] });
  expect(Object.keys(versions.data as object)).toEqual([pipelineId]);

  // a batch: the seeded banned pipeline refuses to start, the others run to the end
  const second = await createPipeline('batch-member', BUILD_AND_TEST);
  const banned = '6ba9a2dbc7024c22a9a6614516dc22db'; // "Current pipeline is banned." in the reference's example
  const outcomes = await runBatchAndWait(client, projectId, [pipelineId, second, banned], POLL);
  expect(outcomes.map((o) => (o.ok ? o.value.status : o.error.message))).toEqual([
    'COMPLETED',
    'COMPLETED',
    'pipeline 6ba9a2dbc7024c22a9a6614516dc22db did not start: Current pipeline is banned.',
  ]);

  // the legacy interface sees and drives the same pipelines (this one waits for a review, so it is
  // still running when /v3 stops it, however slow the machine)
  const held = await createPipeline(
    'legacy-held',
    HELD,
  );
  const legacyStart = await client.POST('/v3/pipelines/{pipeline_id}/start', { params: { path: { pipeline_id: held } }, body: { build_params: [] } });
  const buildId = legacyStart.data!.build_id!;
  await until(held, buildId, (run) => run.stages?.[0]?.jobs?.[0]?.steps?.[0]?.status === 'RUNNING');
  const legacyStatus = await client.GET('/v3/pipelines/{pipeline_id}/status', { params: { path: { pipeline_id: held }, query: { build_id: buildId } } });
  expect(legacyStatus.data).toMatchObject({ pipeline_id: held, build_id: buildId, status: 'verifying', outcome: null });
  const legacyStop = await client.POST('/v3/pipelines/{pipeline_id}/stop', { params: { path: { pipeline_id: held }, query: { build_id: buildId } } });
  expect(legacyStop.data).toEqual({ pipeline_id: held, pipeline_name: 'legacy-held' });
  expect((await detailOf(held, buildId)).status).toBe('CANCELED');
  const today = new Date().toISOString().slice(0, 10);
  const results = await client.GET('/v3/pipelines/build-result', { params: { query: { project_id: projectId, start_date: today, end_date: today, offset: 0, limit: 50 } } });
  expect(results.data!.build_results!.find((r) => r.build_id === buildId)).toMatchObject({ status: 'completed', outcome: 'aborted' });
  const simple = await client.POST('/v3/pipelines/list', { body: { pipeline_name: 'legacy-held' } });
  expect(simple.data!.result!.map((p) => p.pipeline_id)).toEqual([held]);

  // deletes: one by /v3, one by /v5, a batch with one unknown id reported in-band
  const third = await createPipeline('to-remove', BUILD_AND_TEST);
  const removed = await client.DELETE('/v3/pipelines/{pipeline_id}', { params: { path: { pipeline_id: third } } });
  expect(removed.data).toEqual({ pipeline_id: third, pipeline_name: 'to-remove' });
  const deleted = await client.DELETE('/v5/{project_id}/api/pipelines/{pipeline_id}', { params: { path: pipelinePath } });
  expect(deleted.data).toEqual({ pipeline_id: pipelineId });
  const batch = await client.POST('/v5/{project_id}/api/pipelines/batch-delete', { params: { path: { project_id: projectId } }, body: { pipeline_ids: [second, third] } });
  expect(batch.data!.result!.map((r) => [r.pipeline_id, r.status])).toEqual([[second, 'DELETE_SUCCESS'], [third, 'DELETE_FAILED']]);
});

test('every response matched the document, and every operation of the document was called', () => {
  expect(check.violations).toEqual([]);
  const operations = listOperations(document).map((o) => o.operationId).sort();
  expect([...check.checked.keys()].sort()).toEqual(operations);
  expect(operations).toHaveLength(33);
});
