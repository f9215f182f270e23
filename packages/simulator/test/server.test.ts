// The simulator over real HTTP: routing, validation and auth derived from the bundled document.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  type RunningSimulator,
  type Simulator,
  exampleValue,
  listOperations,
  loadBundledDocument,
  startSimulator,
} from '../src/index';

const document = loadBundledDocument();
const PROJECT = 'db8d07265e24426598b3eb03a7818972';
let running: RunningSimulator & { simulator: Simulator };

beforeEach(async () => {
  running = await startSimulator();
});
afterEach(() => running.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'any', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

test('binds to 127.0.0.1 by default', () => {
  expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('every operation of the document is routed and implemented (none answers 404 or 501)', async () => {
  const operations = listOperations(document);
  expect(operations).toHaveLength(33);
  for (const operation of operations) {
    const path = operation.pathTemplate.replace(/\{[^}]+\}/g, (name) => (name === '{project_id}' ? PROJECT : 'x'.repeat(32)));
    const response = await fetch(`${running.url}${path}`, {
      method: operation.method.toUpperCase(),
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'any' },
      body: operation.hasRequestBody ? '{}' : undefined,
    });
    const body = await response.json();
    // made-up ids and an empty body: an answer (a list of nothing) or a validation / unknown-id refusal,
    // never "no such API" (404) or "not simulated" (501)
    const outcome = response.status === 200 ? 'answered' : `${response.status} ${body.error_code}: ${body.error_msg}`;
    expect([operation.operationId, outcome]).toEqual([operation.operationId, expect.stringMatching(/^(answered|400 DEVCP\.00021400: .*)$/)]);
  }
});

test('for each operation, the example request of a fresh simulator answers as documented', async () => {
  const request = exampleValue(document, 'ShowBatchRunResult');
  const { status, json } = await post(`/v5/${PROJECT}/api/pipelines/batch-runs/result`, request);
  expect(status).toBe(200);
  expect(json).toStrictEqual(exampleValue(document, 'ShowBatchRunResult', { status: '200' }));

  const started = await post(`/v5/${PROJECT}/api/pipelines/batch-runs`, exampleValue(document, 'BatchRunPipeline'));
  expect(started.status).toBe(200);
  const documented = exampleValue<{ result: Array<{ pipeline_id: string }> }>(document, 'BatchRunPipeline', {
    status: '200',
  });
  expect(started.json.result.map((r: { pipeline_id: string }) => r.pipeline_id)).toEqual(
    documented.result.map((r) => r.pipeline_id),
  );
});

test.each([
  ['a project_id of 31 characters', `/v5/${PROJECT.slice(1)}/api/pipelines/batch-runs/result`, { query: [] }, 'path parameter project_id must NOT have fewer than 32 characters'],
  ['a project_id of 33 characters', `/v5/${PROJECT}0/api/pipelines/batch-runs/result`, { query: [] }, 'path parameter project_id must NOT have more than 32 characters'],
  ['a body without query', `/v5/${PROJECT}/api/pipelines/batch-runs/result`, {}, "body must have required property 'query'"],
  ['query of the wrong type', `/v5/${PROJECT}/api/pipelines/batch-runs/result`, { query: 'x' }, 'body/query must be array'],
  ['a pipeline id that is a number', `/v5/${PROJECT}/api/pipelines/batch-runs`, { pipeline_ids: [1] }, 'body/pipeline_ids/0 must be string'],
  ['a body that is not JSON', `/v5/${PROJECT}/api/pipelines/batch-runs`, '{"pipeline_ids": [', 'body is not valid JSON'],
  ['no body at all', `/v5/${PROJECT}/api/pipelines/batch-runs`, '', 'a JSON request body is required'],
])('%s is a 400 with Huawei error body', async (_case, path, body, message) => {
  const { status, json, headers } = await post(path, body);
  expect(status).toBe(400);
  expect(json.error_code).toBe('DEVCP.00021400');
  expect(json.error_msg).toContain(message);
  expect(Object.keys(json).sort()).toEqual(['error_code', 'error_msg']);
  expect(headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
});

test('a body sent as text/plain is refused with a 400 that names the content type', async () => {
  const { status, json } = await post(`/v5/${PROJECT}/api/pipelines/batch-runs`, '{"pipeline_ids":[]}', {
    'Content-Type': 'text/plain',
  });
  expect(status).toBe(400);
  expect(json.error_msg).toContain("Content-Type must be application/json, got 'text/plain'");
});

test('an unknown path or method is a 404 with Huawei error body', async () => {
  const unknown = await post(`/v5/${PROJECT}/api/pipelines/batch-stops`, {});
  expect(unknown.status).toBe(404);
  expect(unknown.json.error_code).toBe('APIGW.0101');
  const wrongMethod = await fetch(`${running.url}/v5/${PROJECT}/api/pipelines/batch-runs/result`, {
    headers: { 'X-Auth-Token': 'any' },
  });
  expect(wrongMethod.status).toBe(404);
});

test('a request without X-Auth-Token is a 401', async () => {
  const response = await fetch(`${running.url}/v5/${PROJECT}/api/pipelines/batch-runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ pipeline_ids: [] }),
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({
    error_code: 'APIGW.0301',
    error_msg: 'Incorrect IAM authentication information: no X-Auth-Token header and no SDK-HMAC-SHA256 signature',
  });
});

test('with configured tokens, only those are accepted', async () => {
  const strict = await startSimulator({ tokens: ['good'] });
  try {
    const call = (token: string) =>
      fetch(`${strict.url}/v5/${PROJECT}/api/pipelines/batch-runs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify({ pipeline_ids: [] }),
      });
    expect((await call('good')).status).toBe(200);
    const refused = await call('bad');
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).not.toContain('bad');
  } finally {
    await strict.close();
  }
});

test('an unknown run in ShowBatchRunResult is a 400 naming the item', async () => {
  const { status, json } = await post(`/v5/${PROJECT}/api/pipelines/batch-runs/result`, {
    query: [
      { pipeline_id: '6ba9a2dbc7024c22a9a6614516dc22db', pipeline_run_id: 'e41fe3981361476eb6dad17ad98c683c' },
      { pipeline_id: '6ba9a2dbc7024c22a9a6614516dc22db', pipeline_run_id: 'ffffffffffffffffffffffffffffffff' },
    ],
  });
  expect(status).toBe(400);
  expect(json.error_msg).toContain('query[1]: pipeline 6ba9a2dbc7024c22a9a6614516dc22db has no run ffffffffffffffffffffffffffffffff');
});

test('the simulator refuses to send a response that contradicts the document (500)', async () => {
  // A state with a pipeline whose name is not a string produces an invalid ShowBatchRunResult item.
  running.simulator.state.addPipeline({ pipeline_id: 'broken', name: 42 as unknown as string, start_refusal: null });
  running.simulator.state.recordRun({ pipeline_id: 'broken', pipeline_run_id: 'r', status: 'START_SUCCESS', reason: null });
  const { status, json } = await post(`/v5/${PROJECT}/api/pipelines/batch-runs/result`, {
    query: [{ pipeline_id: 'broken', pipeline_run_id: 'r' }],
  });
  expect(status).toBe(500);
  expect(json.error_msg).toContain('ShowBatchRunResult response 200 does not match the document');
  expect(json.error_msg).toContain('response/result/0/pipeline_name must be string');
});

describe('CLI', () => {
  const cli = join(__dirname, '..', 'dist', 'cli.js');

  test('listens on the given port, logs requests without credentials, stops on SIGTERM', async () => {
    // A leading `--` (what `pnpm simulator -- --port 0` passes) is ignored.
    const child = spawn(process.execPath, [cli, '--', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(output)) await once(child.stdout, 'data');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
    const response = await fetch(`${url}/v5/${PROJECT}/api/pipelines/batch-runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'secret-token-value' },
      body: JSON.stringify({ pipeline_ids: ['d7013d2402ff4cc88489ee5af324e049'] }),
    });
    expect(response.status).toBe(200);
    while (!output.includes('BatchRunPipeline → 200')) await once(child.stdout, 'data');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).not.toContain('secret-token-value');
  });

  test('a port already in use is a clear error and exit code 2', async () => {
    const child = spawn(process.execPath, [cli, '--port', String(running.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain(`port ${running.port} on 127.0.0.1 is already in use`);
  });

  test.each([
    [['--port', 'eighty'], {}, "--port must be an integer 0-65535, got 'eighty'"],
    [['--port', ''], {}, "--port must be an integer 0-65535, got ''"],
    [['--port', '70000'], {}, "--port must be an integer 0-65535, got '70000'"],
    [[], { PORT: 'abc' }, "the PORT variable must be an integer 0-65535, got 'abc'"],
    [['--step-ms', 'fast'], {}, "--step-ms must be a whole number of milliseconds, got 'fast'"],
  ])('a bad option %j %j is rejected with exit code 2', async (args, env, message) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

test('StopPipelineRun stops a started run once; a run that never started cannot be stopped', async () => {
  const stop = (pipeline: string, run: string) => post(`/v5/${PROJECT}/api/pipelines/${pipeline}/pipeline-runs/${run}/stop`, '');
  expect((await stop('d7013d2402ff4cc88489ee5af324e049', '3d8143d197dd4fa5b23f20ee39179af3')).json).toEqual({ success: true });
  expect((await stop('d7013d2402ff4cc88489ee5af324e049', '3d8143d197dd4fa5b23f20ee39179af3')).json).toEqual({ success: false });
  expect((await stop('6ba9a2dbc7024c22a9a6614516dc22db', 'e41fe3981361476eb6dad17ad98c683c')).json).toEqual({ success: false });
  const unknown = await stop('6ba9a2dbc7024c22a9a6614516dc22db', 'f'.repeat(32));
  expect([unknown.status, unknown.json.error_msg]).toEqual([400, `Invalid request parameters: pipeline 6ba9a2dbc7024c22a9a6614516dc22db has no run ${'f'.repeat(32)}`]);
});
