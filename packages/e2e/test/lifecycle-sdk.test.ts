// The pipeline lifecycle through the generated SDK classes against the simulator over HTTP, as
// lifecycle-client.test.ts does with the typed client: create → run → waitForRun → list runs → run
// detail; stop and retry; a failed run retried; manual review pass and refuse; then templates and the
// legacy /v3 interface. Every response is checked against the document by specCheckedFetch, and every
// operation the test calls (recorded on the Api objects, independently of the wire) was checked.
import {
  CodeArtsApiError,
  PipelineManagementApi,
  PipelineManagementLegacyApi,
  PipelineTemplateManagementApi,
  type PipelineByTemplateDTO,
  type PipelineDTO,
  type PipelineTemplateInput,
  type ShowPipelineRunDetailResponse,
  createConfiguration,
  waitForRun,
} from '@codearts-pipeline/sdk';
import { type RunningSimulator, type Simulator, exampleValue, listOperations, startSimulator } from '@codearts-pipeline/simulator';
import { BUILD_AND_TEST, FLAKY, GATED, HELD, POLL, REVIEWED, document, projectId, tenantId } from './helpers/lifecycle-fixtures';
import { specCheckedFetch } from './helpers/spec-checked-fetch';

const operationIds = new Set(listOperations(document).map((o) => o.operationId));

const check = specCheckedFetch();
/** operationId → calls made through the Api objects */
const called = new Map<string, number>();

/** Records each operation method called on `api` (the generated `…Raw` and `…RequestOpts` helpers are not operations). */
function recorded<T extends object>(api: T): T {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      const operationId = typeof property === 'string' ? property[0]!.toUpperCase() + property.slice(1) : '';
      if (typeof value !== 'function' || !operationIds.has(operationId)) return value;
      return (...args: unknown[]) => {
        called.set(operationId, (called.get(operationId) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
}

let running: RunningSimulator & { simulator: Simulator };
let api: PipelineManagementApi;
let templates: PipelineTemplateManagementApi;
let legacy: PipelineManagementLegacyApi;

beforeAll(async () => {
  running = await startSimulator({ timing: { stepMs: 25 } });
  const configuration = createConfiguration({ endpoint: running.url, token: 'e2e-token', fetchApi: check.fetch });
  api = recorded(new PipelineManagementApi(configuration));
  templates = recorded(new PipelineTemplateManagementApi(configuration));
  legacy = recorded(new PipelineManagementLegacyApi(configuration));
});
afterAll(() => running?.close());

async function createPipeline(name: string, pipelineDefinition: string): Promise<string> {
  // the document's example request, renamed and with our definition
  const pipelineDTO: PipelineDTO = { ...exampleValue<PipelineDTO>(document, 'CreatePipelineNew'), name, definition: pipelineDefinition };
  const { pipeline_id } = await api.createPipelineNew({ projectId, pipelineDTO });
  expect(pipeline_id).toMatch(/^[0-9a-f]{32}$/);
  return pipeline_id!;
}

async function runPipeline(pipelineId: string): Promise<string> {
  const { pipeline_run_id } = await api.runPipeline({ projectId, pipelineId, runPipelineRequest: {} });
  expect(pipeline_run_id).toMatch(/^[0-9a-f]{32}$/);
  return pipeline_run_id!;
}

/** Waits until `predicate` holds (for states that are not final, e.g. waiting at a checkpoint). */
const until = (pipelineId: string, pipelineRunId: string, predicate: (run: ShowPipelineRunDetailResponse) => boolean) =>
  waitForRun(api, { projectId, pipelineId, pipelineRunId }, { ...POLL, isFinal: (_status, run) => predicate(run) });

const statuses = (steps: Array<{ status?: string }> | undefined) => (steps ?? []).map((s) => s.status ?? 'not started');
const failure = (call: Promise<unknown>) => call.then(() => { throw new Error('expected the call to fail'); }, (error: unknown) => error);

test('create → run → waitForRun to COMPLETED → list runs → run detail with stages', async () => {
  const pipelineId = await createPipeline('sdk-lifecycle-build', BUILD_AND_TEST);
  const shown = await api.showPipelineDetail({ projectId, pipelineId });
  expect(shown).toMatchObject({ id: pipelineId, name: 'sdk-lifecycle-build', definition: BUILD_AND_TEST });

  const { pipeline_run_id: runId } = await api.runPipeline({
    projectId,
    pipelineId,
    runPipelineRequest: { description: 'first run', variables: [{ name: 'service_name', value: 'order-service' }] },
  });
  expect(runId).toMatch(/^[0-9a-f]{32}$/);
  const seen: string[] = [];
  const finished = await waitForRun(api, { projectId, pipelineId, pipelineRunId: runId! }, { ...POLL, onProgress: (run) => void seen.push(run.status!) });
  expect(finished.status).toBe('COMPLETED');
  // every poll saw RUNNING until the one that saw COMPLETED (how many RUNNING polls depends on the machine)
  expect(seen.at(-1)).toBe('COMPLETED');
  expect(seen.slice(0, -1).every((status) => status === 'RUNNING')).toBe(true);
  expect(finished).toMatchObject({ id: runId, pipeline_id: pipelineId, run_number: 1, description: 'first run', trigger_type: 'Manual' });

  const runs = await api.listPipelineRuns({ projectId, pipelineId, listPipelineRunsQuery: { offset: 0, limit: 10 } });
  expect(runs).toMatchObject({ total: 1, pipeline_runs: [{ pipeline_run_id: runId, status: 'COMPLETED', run_number: 1 }] });
  expect(runs.pipeline_runs![0]!.stage_status_list!.map((s) => [s.name, s.status])).toEqual([['Build', 'COMPLETED'], ['Test', 'COMPLETED']]);

  const detail = await api.showPipelineRunDetail({ projectId, pipelineId, pipelineRunId: runId! });
  expect(detail).toMatchObject({ id: runId, pipeline_id: pipelineId, status: 'COMPLETED' });
  expect(detail.stages!.map((stage) => [stage.name, stage.status])).toEqual([['Build', 'COMPLETED'], ['Test', 'COMPLETED']]);
  expect(detail.stages!.map((stage) => stage.jobs!.map((job) => job.name))).toEqual([['Compile'], ['Unit tests']]);
  expect(detail.stages![0]!.jobs![0]!.steps!.map((s) => [s.name, s.status])).toEqual([['Check out', 'COMPLETED'], ['Build package', 'COMPLETED']]);
  expect(detail.end_time).toBe(detail.stages![1]!.end_time);
  const byNumber = await api.showPipelineRunDetail({ projectId, pipelineId, pipelineRunNumber: '1' });
  expect(byNumber.id).toBe(runId);

  const compile = detail.stages![0]!.jobs![0]!;
  const log = await api.showPipelineLog({
    projectId,
    pipelineId,
    pipelineRunId: runId!,
    jobRunId: compile.id!,
    stepRunId: compile.steps![1]!.id!,
    showPipelineLogRequest: { limit: 100, sort: 'asc' },
  });
  expect(log).toMatchObject({ step_run_id: compile.steps![1]!.id, has_more: false });
  expect(log.log).toMatch(/Build package: started[\s\S]*Build package: completed/);
});

test('a running run is stopped and retried; a failed run is retried and completes', async () => {
  const pipelineId = await createPipeline('sdk-lifecycle-gated', GATED);
  const runId = await runPipeline(pipelineId);
  const locator = { projectId, pipelineId, pipelineRunId: runId };
  const atGate = await until(pipelineId, runId, (run) => run.stages?.[1]?.pre?.[0]?.status === 'RUNNING');
  expect(atGate.status).toBe('RUNNING');
  expect(atGate.stages!.map((s) => [s.name, s.status])).toEqual([['Build', 'COMPLETED'], ['Release', 'RUNNING']]);

  expect(await api.stopPipelineRun(locator)).toEqual({ success: true });
  const canceled = await api.showPipelineRunDetail(locator);
  expect(canceled.status).toBe('CANCELED');
  expect(canceled.stages!.map((s) => [s.name, s.status])).toEqual([['Build', 'COMPLETED'], ['Release', 'CANCELED']]);
  expect(canceled.stages![1]!.jobs![0]!.status).toBe('INIT'); // never started
  expect(await api.stopPipelineRun(locator)).toEqual({ success: false }); // no longer running

  expect(await api.retryPipelineRun({ ...locator, retryPipelineRunRequest: {} })).toEqual({ success: true });
  const gateAgain = await until(pipelineId, runId, (run) => run.status === 'RUNNING' && run.stages?.[1]?.pre?.[0]?.status === 'RUNNING');
  const checkpoint = gateAgain.stages![1]!.pre![0]!;
  expect(checkpoint.name).toBe('Manual entry');
  expect(await api.acceptCheckpoint({ ...locator, stepRunId: checkpoint.id! })).toEqual({ success: true });
  const completed = await waitForRun(api, locator, POLL);
  expect(completed.status).toBe('COMPLETED');
  expect(completed.stages!.map((s) => [s.name, s.status])).toEqual([['Build', 'COMPLETED'], ['Release', 'COMPLETED']]);
  expect(completed.stages![0]!.end_time).toBe(canceled.stages![0]!.end_time); // completed work kept

  const flaky = await createPipeline(
    'sdk-lifecycle-flaky',
    FLAKY,
  );
  const flakyRun = { projectId, pipelineId: flaky, pipelineRunId: await runPipeline(flaky) };
  const failed = await waitForRun(api, flakyRun, POLL);
  expect(failed.status).toBe('FAILED');
  expect(failed.stages!.map((s) => [s.name, s.status])).toEqual([['Test', 'FAILED']]);
  expect(failed.stages![0]!.jobs![0]!.steps!.map((s) => s.name)).toEqual(['Unit tests', 'Flaky suite', 'Report']);
  expect(statuses(failed.stages![0]!.jobs![0]!.steps)).toEqual(['COMPLETED', 'FAILED', 'not started']);
  expect(await api.retryPipelineRun(flakyRun)).toEqual({ success: true });
  const passed = await waitForRun(api, flakyRun, POLL);
  expect(passed.status).toBe('COMPLETED');
  expect(passed.id).toBe(failed.id); // a retry continues the same run
  expect(statuses(passed.stages![0]!.jobs![0]!.steps)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);

  // a completed run cannot be retried: the SDK throws the client's error, named after the operation
  const notRetryable = await failure(api.retryPipelineRun(flakyRun));
  expect(notRetryable).toBeInstanceOf(CodeArtsApiError);
  const error = notRetryable as CodeArtsApiError;
  expect([error.kind, error.status, error.operation, error.errorCode, error.errorMsg]).toEqual([
    'http',
    400,
    'RetryPipelineRun',
    'DEVCP.00021400',
    `Invalid request parameters: run ${failed.id} is COMPLETED; only a FAILED or CANCELED run can be retried`,
  ]);
});

test('a manual review: passing it lets the run finish, refusing it fails the run', async () => {
  const pipelineId = await createPipeline('sdk-lifecycle-reviewed', REVIEWED);
  const decisions: string[] = [];
  const decideWhenWaiting = (decision: 'pass' | 'refuse') => async (run: ShowPipelineRunDetailResponse) => {
    const job = run.stages?.[1]?.jobs?.[0];
    const review = job?.steps?.[0];
    if (decisions.includes(run.id!) || review?.status !== 'RUNNING') return;
    decisions.push(run.id!);
    expect([job!.name, review.name]).toEqual(['Approve and deploy', 'Approve release']);
    const target = { projectId, pipelineId, pipelineRunId: run.id!, jobRunId: job!.id!, stepRunId: review.id! };
    const answer =
      decision === 'pass'
        ? await api.acceptManualReview({ ...target, approvalDescription: 'ship it' })
        : await api.rejectManualReview({ ...target, approvalDescription: 'not today' });
    expect(answer).toEqual({ success: true });
  };

  const approvedId = await runPipeline(pipelineId);
  const approved = await waitForRun(api, { projectId, pipelineId, pipelineRunId: approvedId }, { ...POLL, onProgress: decideWhenWaiting('pass') });
  expect(decisions).toEqual([approvedId]);
  expect(approved.status).toBe('COMPLETED');
  expect(approved.stages!.map((s) => [s.name, s.status])).toEqual([['Build', 'COMPLETED'], ['Release', 'COMPLETED']]);
  expect(statuses(approved.stages![1]!.jobs![0]!.steps)).toEqual(['COMPLETED', 'COMPLETED']);
  const reviewJob = approved.stages![1]!.jobs![0]!;
  const reviewLog = await api.showPipelineLog({
    projectId,
    pipelineId,
    pipelineRunId: approvedId,
    jobRunId: reviewJob.id!,
    stepRunId: reviewJob.steps![0]!.id!,
    showPipelineLogRequest: { limit: 10, sort: 'asc' },
  });
  expect(reviewLog.log).toContain('approved: ship it');

  const refusedId = await runPipeline(pipelineId);
  const refused = await waitForRun(api, { projectId, pipelineId, pipelineRunId: refusedId }, { ...POLL, onProgress: decideWhenWaiting('refuse') });
  expect(decisions).toEqual([approvedId, refusedId]);
  expect(refused.status).toBe('FAILED');
  expect(refused.stages!.map((s) => [s.name, s.status])).toEqual([['Build', 'COMPLETED'], ['Release', 'FAILED']]);
  expect(statuses(refused.stages![1]!.jobs![0]!.steps)).toEqual(['FAILED', 'not started']);
});

test('a pipeline created from a tenant template; the legacy /v3 interface starts, reports and stops a run', async () => {
  const pipelineTemplateInput: PipelineTemplateInput = { ...exampleValue<PipelineTemplateInput>(document, 'CreatePipelineTemplate'), definition: BUILD_AND_TEST };
  const { templateId } = await templates.createPipelineTemplate({ tenantId, pipelineTemplateInput });
  expect(templateId).toMatch(/^[0-9a-f]{32}$/);
  const template = await templates.showPipelineTemplateDetail({ tenantId, templateId: templateId! });
  expect(template).toMatchObject({ id: templateId, name: pipelineTemplateInput.name, definition: BUILD_AND_TEST });

  const pipelineByTemplateDTO: PipelineByTemplateDTO = { ...exampleValue<PipelineByTemplateDTO>(document, 'CreatePipelineByTemplateId'), name: 'sdk-from-template' };
  const { pipeline_id: fromTemplate } = await api.createPipelineByTemplateId({ projectId, templateId: templateId!, pipelineByTemplateDTO });
  const pipeline = await api.showPipelineDetail({ projectId, pipelineId: fromTemplate! });
  expect(pipeline).toMatchObject({ id: fromTemplate, name: 'sdk-from-template', definition: BUILD_AND_TEST });

  // /v3: a run that waits for a review is still running when it is stopped, however slow the machine
  const held = await createPipeline(
    'sdk-legacy-held',
    HELD,
  );
  const { build_id: buildId } = await legacy.startNewPipeline({ pipelineId: held, startNewPipelineRequest: { build_params: [] } });
  expect(buildId).toMatch(/^[0-9a-f]{32}$/);
  await until(held, buildId!, (run) => run.stages?.[0]?.jobs?.[0]?.steps?.[0]?.status === 'RUNNING');
  const legacyStatus = await legacy.showPipleineStatus({ pipelineId: held, buildId: buildId! });
  expect(legacyStatus).toMatchObject({ pipeline_id: held, build_id: buildId, status: 'verifying' });
  // `null` on the wire (checked against the document); the SDK types this nullable open value set as `string` and reads null as undefined
  expect(legacyStatus.outcome ?? null).toBeNull();
  expect(await legacy.stopPipelineNew({ pipelineId: held, buildId: buildId! })).toEqual({ pipeline_id: held, pipeline_name: 'sdk-legacy-held' });
  const stopped = await api.showPipelineRunDetail({ projectId, pipelineId: held, pipelineRunId: buildId! });
  expect([stopped.status, stopped.stages!.map((s) => [s.name, s.status])]).toEqual(['CANCELED', [['Release', 'CANCELED']]]);
});

test('every response matched the document, and every operation the test called was checked', () => {
  expect(check.violations).toEqual([]);
  const sorted = (map: Map<string, number>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  // each call through the SDK was one checked response (no retries, no stray requests)
  expect(sorted(check.checked)).toEqual(sorted(called));
  expect([...called.keys()].sort()).toEqual(
    [
      // PipelineManagementApi
      'CreatePipelineNew', 'ShowPipelineDetail', 'RunPipeline', 'ShowPipelineRunDetail', 'ListPipelineRuns', 'ShowPipelineLog',
      'StopPipelineRun', 'RetryPipelineRun', 'AcceptCheckpoint', 'AcceptManualReview', 'RejectManualReview', 'CreatePipelineByTemplateId',
      // PipelineTemplateManagementApi
      'CreatePipelineTemplate', 'ShowPipelineTemplateDetail',
      // PipelineManagementLegacyApi
      'StartNewPipeline', 'ShowPipleineStatus', 'StopPipelineNew',
    ].sort(),
  );
});
