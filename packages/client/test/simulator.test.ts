// The typed client against the real simulator over HTTP on 127.0.0.1.
import {
  type RunningSimulator,
  type Simulator,
  START_SUCCESS,
  exampleValue,
  loadBundledDocument,
  startSimulator,
} from '@codearts-pipeline/simulator';
import { CodeArtsApiError, type PipelineClient, createPipelineClient } from '../src/index';

async function failureOf(call: Promise<unknown>): Promise<CodeArtsApiError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CodeArtsApiError);
  return error as CodeArtsApiError;
}

const document = loadBundledDocument();
const PROJECT_ID = document.components.parameters.ProjectId.example as string;
const TOKEN = 'client-test-token';
const RESULT_PATH = '/v5/{project_id}/api/pipelines/batch-runs/result';
const RUN_PATH = '/v5/{project_id}/api/pipelines/batch-runs';

let running: RunningSimulator & { simulator: Simulator };
let client: PipelineClient;

beforeEach(async () => {
  running = await startSimulator({ tokens: [TOKEN] });
  client = createPipelineClient({ endpoint: running.url, token: TOKEN });
});
afterEach(() => running.close());

const path = { project_id: PROJECT_ID };

describe('ShowBatchRunResult', () => {
  test("the reference page's example request returns its example response, null reasons included", async () => {
    const body = exampleValue<{ query: Array<{ pipeline_id: string; pipeline_run_id: string }> }>(
      document,
      'ShowBatchRunResult',
    );
    const { data, error, response } = await client.POST(RESULT_PATH, { params: { path }, body });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toStrictEqual(exampleValue(document, 'ShowBatchRunResult', { status: '200' }));
    expect(data!.result!.filter((item) => item.reason === null)).toHaveLength(3);
  });

  test('a status outside the documented two parses and is usable', async () => {
    const pipelineId = '6ba9a2dbc7024c22a9a6614516dc22db';
    running.simulator.state.recordRun({
      pipeline_id: pipelineId,
      pipeline_run_id: 'aaaabbbbccccddddeeeeffff00001111',
      status: 'START_QUEUED',
      reason: 'Waiting for a free executor.',
    });
    const { data, response } = await client.POST(RESULT_PATH, {
      params: { path },
      body: { query: [{ pipeline_id: pipelineId, pipeline_run_id: 'aaaabbbbccccddddeeeeffff00001111' }] },
    });
    expect(response.status).toBe(200);
    const [item] = data!.result!;
    expect(item!.status).toBe('START_QUEUED');
    const started = item!.status === 'START_SUCCESS';
    expect(started).toBe(false);
    expect(item!.reason).toBe('Waiting for a free executor.');
  });

  test('a project_id that is not 32 characters is a 400 with Huawei error body', async () => {
    const error = await failureOf(client.POST(RESULT_PATH, { params: { path: { project_id: 'db8d0726' } }, body: { query: [] } }));
    expect([error.kind, error.status, error.operation, error.errorCode]).toEqual(['http', 400, 'ShowBatchRunResult', 'DEVCP.00021400']);
    expect(error.errorMsg).toContain('path parameter project_id must NOT have fewer than 32 characters');
    expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(error.message).toBe(`ShowBatchRunResult failed with HTTP 400 DEVCP.00021400: ${error.errorMsg} [request id ${error.requestId}]`);
  });

  test('a malformed body (a query item without pipeline_run_id) is a 400 naming the field', async () => {
    const error = await failureOf(
      client.POST(RESULT_PATH, { params: { path }, body: { query: [{ pipeline_id: '6ba9a2dbc7024c22a9a6614516dc22db' }] } as never }),
    );
    expect(error.status).toBe(400);
    expect(error.errorMsg).toContain("body/query/0 must have required property 'pipeline_run_id'");
  });

  test('an unknown token is a 401 with Huawei error body', async () => {
    const stranger = createPipelineClient({ endpoint: running.url, token: 'not-the-right-token' });
    const error = await failureOf(stranger.POST(RESULT_PATH, { params: { path }, body: { query: [] } }));
    expect([error.status, error.errorCode]).toEqual([401, 'APIGW.0301']);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('not-the-right-token');
  });

  test("with throwOnError: false, openapi-fetch's { error, response } is kept", async () => {
    const plain = createPipelineClient({ endpoint: running.url, token: TOKEN, throwOnError: false });
    const { data, error, response } = await plain.POST(RESULT_PATH, { params: { path: { project_id: 'short' } }, body: { query: [] } });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error?.error_code).toBe('DEVCP.00021400');
  });
});

describe('BatchRunPipeline', () => {
  test('runs it starts are reported by ShowBatchRunResult, with each seeded outcome', async () => {
    const seeded = exampleValue<{ result: Array<{ pipeline_id: string; status: string; reason: string | null }> }>(
      document,
      'ShowBatchRunResult',
      { status: '200' },
    ).result;
    const started = await client.POST(RUN_PATH, {
      params: { path },
      body: { pipeline_ids: seeded.map((item) => item.pipeline_id) },
    });
    expect(started.response.status).toBe(200);
    const pairs = started.data!.result!.map(({ pipeline_id, pipeline_run_id }) => ({ pipeline_id: pipeline_id!, pipeline_run_id: pipeline_run_id! }));
    expect(pairs.map((pair) => pair.pipeline_id)).toEqual(seeded.map((item) => item.pipeline_id));
    for (const pair of pairs) expect(pair.pipeline_run_id).toMatch(/^[0-9a-f]{32}$/);

    const { data } = await client.POST(RESULT_PATH, { params: { path }, body: { query: pairs } });
    expect(data!.result!.map(({ pipeline_run_id, status, reason }) => ({ pipeline_run_id, status, reason }))).toEqual(
      pairs.map((pair, index) => ({
        pipeline_run_id: pair.pipeline_run_id,
        status: seeded[index]!.status,
        reason: seeded[index]!.status === START_SUCCESS ? null : seeded[index]!.reason,
      })),
    );
  });

  test('an unknown pipeline id refuses the whole batch with a 400 naming it, and starts nothing', async () => {
    const runsBefore = running.simulator.state.runs.size;
    const error = await failureOf(
      client.POST(RUN_PATH, {
        params: { path },
        body: { pipeline_ids: ['d7013d2402ff4cc88489ee5af324e049', '00000000000000000000000000000000'] },
      }),
    );
    expect([error.status, error.operation]).toEqual([400, 'BatchRunPipeline']);
    expect(error.errorMsg).toContain('pipeline_ids[1]: pipeline 00000000000000000000000000000000 does not exist');
    expect(running.simulator.state.runs.size).toBe(runsBefore);
  });
});
