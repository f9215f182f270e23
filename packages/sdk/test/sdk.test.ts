// The generated SDK against the real simulator over HTTP on 127.0.0.1.
import {
  type RunningSimulator,
  type Simulator,
  exampleValue,
  loadBundledDocument,
  startSimulator,
} from '@codearts-pipeline/simulator';
import { CodeArtsApiError, PipelineManagementApi, type ShowBatchRunResultRequest, createConfiguration } from '../src/index';

const document = loadBundledDocument();
const projectId = document.components.parameters.ProjectId.example as string;
const TOKEN = 'sdk-test-token';
let running: RunningSimulator & { simulator: Simulator };
let api: PipelineManagementApi;

beforeEach(async () => {
  running = await startSimulator({ tokens: [TOKEN] });
  api = new PipelineManagementApi(createConfiguration({ endpoint: running.url, token: TOKEN }));
});
afterEach(() => running.close());

test("ShowBatchRunResult with the reference page's example request returns its example response", async () => {
  const result = await api.showBatchRunResult({
    projectId,
    showBatchRunResultRequest: exampleValue<ShowBatchRunResultRequest>(document, 'ShowBatchRunResult'),
  });
  expect(result).toStrictEqual(exampleValue(document, 'ShowBatchRunResult', { status: '200' }));
  // null stays null: three started runs have `reason: null`, not undefined
  expect(result.result!.map((item) => item.reason).filter((reason) => reason === null)).toHaveLength(3);
  expect(result.result!.some((item) => item.reason === undefined)).toBe(false);
});

test('BatchRunPipeline starts runs that ShowBatchRunResult then reports', async () => {
  const ids = ['d7013d2402ff4cc88489ee5af324e049', '6ba9a2dbc7024c22a9a6614516dc22db'];
  const started = await api.batchRunPipeline({ projectId, batchRunPipelineRequest: { pipeline_ids: ids } });
  expect(started.result!.map((pair) => pair.pipeline_id)).toEqual(ids);
  const query = started.result!.map(({ pipeline_id, pipeline_run_id }) => ({ pipeline_id: pipeline_id!, pipeline_run_id: pipeline_run_id! }));
  const outcome = await api.showBatchRunResult({ projectId, showBatchRunResultRequest: { query } });
  expect(outcome.result).toEqual([
    { pipeline_id: ids[0], pipeline_name: 'Pipeline 2', pipeline_run_id: started.result![0]!.pipeline_run_id, status: 'START_SUCCESS', reason: null },
    {
      pipeline_id: ids[1],
      pipeline_name: 'Pipeline 1',
      pipeline_run_id: started.result![1]!.pipeline_run_id,
      status: 'START_FAILED',
      reason: 'Current pipeline is banned.',
    },
  ]);
});

test('a status outside the documented two neither throws nor is lost', async () => {
  running.simulator.state.recordRun({
    pipeline_id: '70aa57009b0d433587b58faf05e4fd7f',
    pipeline_run_id: '0123456789abcdef0123456789abcdef',
    status: 'START_QUEUED',
    reason: null,
  });
  const outcome = await api.showBatchRunResult({
    projectId,
    showBatchRunResultRequest: {
      query: [{ pipeline_id: '70aa57009b0d433587b58faf05e4fd7f', pipeline_run_id: '0123456789abcdef0123456789abcdef' }],
    },
  });
  const status: string | undefined = outcome.result![0]!.status;
  expect(status).toBe('START_QUEUED');
});

test('a 400 surfaces as CodeArtsApiError with status, error_code, error_msg and request id', async () => {
  const failure = api.showBatchRunResult({ projectId: 'short', showBatchRunResultRequest: { query: [] } });
  await expect(failure).rejects.toBeInstanceOf(CodeArtsApiError);
  const error = (await failure.catch((e) => e)) as CodeArtsApiError;
  expect(error.status).toBe(400);
  expect(error.errorCode).toBe('DEVCP.00021400');
  expect(error.errorMsg).toContain('path parameter project_id must NOT have fewer than 32 characters');
  expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect([error.kind, error.operation]).toEqual(['http', 'ShowBatchRunResult']);
  expect(error.message).toBe(`ShowBatchRunResult failed with HTTP 400 DEVCP.00021400: ${error.errorMsg} [request id ${error.requestId}]`);
});

test('a 401 carries Huawei error code and never the token', async () => {
  const stranger = new PipelineManagementApi(createConfiguration({ endpoint: running.url, token: 'wrong-secret-token' }));
  const error = (await stranger
    .batchRunPipeline({ projectId, batchRunPipelineRequest: { pipeline_ids: [] } })
    .catch((e) => e)) as CodeArtsApiError;
  expect(error).toBeInstanceOf(CodeArtsApiError);
  expect(error.status).toBe(401);
  expect(error.errorCode).toBe('APIGW.0301');
  expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-secret-token');
});

test('non-JSON and {code, message} error bodies still give a usable error', async () => {
  const respond = (status: number, body: string, type: string) =>
    (async () => new Response(body, { status, headers: { 'Content-Type': type } })) as typeof fetch;
  const html = new PipelineManagementApi(
    createConfiguration({ endpoint: 'http://127.0.0.1:9', token: 't', retry: false, fetchApi: respond(502, '<html><body>Bad Gateway</body></html>', 'text/html') }),
  );
  const htmlError = (await html.showBatchRunResult({ projectId, showBatchRunResultRequest: { query: [] } }).catch((e) => e)) as CodeArtsApiError;
  expect([htmlError.status, htmlError.errorCode, htmlError.errorMsg]).toEqual([502, undefined, 'Bad Gateway']);

  const alt = new PipelineManagementApi(
    createConfiguration({ endpoint: 'http://127.0.0.1:9', token: 't', fetchApi: respond(403, '{"code":"APIGW.0302","message":"denied"}', 'application/json') }),
  );
  const altError = (await alt.showBatchRunResult({ projectId, showBatchRunResultRequest: { query: [] } }).catch((e) => e)) as CodeArtsApiError;
  expect([altError.status, altError.errorCode, altError.errorMsg]).toEqual([403, 'APIGW.0302', 'denied']);
});

test('a region picks the regional endpoint; an unknown region lists the known ones', () => {
  expect(createConfiguration({ region: 'cn-north-4', token: 't' }).basePath).toBe('https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com');
  expect(() => createConfiguration({ region: 'xx-nowhere-1', token: 't' })).toThrow(/unknown region 'xx-nowhere-1'; known regions: cn-north-1, /);
});

test('a connection failure is a CodeArtsApiError of kind "network" (not the generator\'s FetchError)', async () => {
  const nowhere = new PipelineManagementApi(createConfiguration({ endpoint: 'http://127.0.0.1:9', token: TOKEN, retry: false }));
  const error = (await nowhere.showBatchRunResult({ projectId, showBatchRunResultRequest: { query: [] } }).catch((e) => e)) as CodeArtsApiError;
  expect(error).toBeInstanceOf(CodeArtsApiError);
  expect([error.kind, error.status, error.operation]).toEqual(['network', 0, 'ShowBatchRunResult']);
});

test('AK/SK signing and retries come from the client transport', async () => {
  await running.close();
  const credentials = { accessKey: 'AKSDKTEST', secretKey: 'sdk-test-secret-key' };
  running = await startSimulator({ credentials: [credentials] });
  running.simulator.faults.inject({ kind: 'status', status: 503 });
  const signed = new PipelineManagementApi(createConfiguration({ endpoint: running.url, accessKey: credentials, retry: { baseDelayMs: 1 } }));
  const outcome = await signed.showBatchRunResult({
    projectId,
    showBatchRunResultRequest: { query: [{ pipeline_id: '6ba9a2dbc7024c22a9a6614516dc22db', pipeline_run_id: 'e41fe3981361476eb6dad17ad98c683c' }] },
  });
  expect(outcome.result![0]!.reason).toBe('Current pipeline is banned.');
  expect(running.simulator.requestCounts.get('ShowBatchRunResult')).toBe(2);
});
